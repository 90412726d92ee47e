// Fuzzes the scenario loader (and the small parsers it uses: thresholds, stages, durations, CSV,
// JSON paths, URLs): any bytes must load or fail with an error, never crash or hang. CSV paths
// resolve against a directory that does not exist, so the file system is not touched.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load/csv.h"
#include "load/json_path.h"
#include "load/scenario.h"
#include "load/threshold.h"
#include "load/units.h"
#include "net/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto s = gori::load::ParseScenario(text, "fuzz.yaml", "/nonexistent-gori-fuzz-dir");
  if (s) {
    std::mt19937_64 rng(1);
    std::vector<std::string> row(s->data.columns.size(), "v");
    std::vector<std::string> vars(s->variables.size(), "x");
    gori::load::CompiledRequest::Scratch scratch;
    for (const auto& step : s->steps) (void)step.request.Render({&rng, row, vars}, scratch);
  }
  (void)gori::load::ParseThreshold(text.substr(0, 200));
  (void)gori::load::ParseStages(text.substr(0, 200));
  (void)gori::load::ParseDuration(text.substr(0, 64));
  (void)gori::load::ParseCsv(text, "fuzz.csv");
  (void)gori::load::ParseJsonPath(text.substr(0, 100));
  (void)gori::net::ParseUrl(text.substr(0, 200));
  return 0;
}
