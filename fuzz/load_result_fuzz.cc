// Fuzzes `gori load report`'s reader of run results (JSON with base64 HDR histograms) and the
// merge of what it reads: any bytes must read or fail with an error, never crash or hang. A
// result that reads is merged with itself, which exercises the per-second histogram decoding.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "load/merge.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = gori::load::ReadRunResult("fuzz.json", text);
  if (r) {
    std::vector<gori::load::RunResult> runs = {*r, *r};
    (void)gori::load::MergeRuns(runs);
  }
  return 0;
}
