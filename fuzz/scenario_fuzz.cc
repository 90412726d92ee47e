// Fuzzes the scenario loader: any bytes must load or fail with an error, never crash, hang or
// touch the file system outside a CSV path the input names (the base dir does not exist).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load/scenario.h"
#include "load/threshold.h"
#include "load/units.h"

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
  return 0;
}
