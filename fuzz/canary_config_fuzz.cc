// Fuzzes the canary config reader (YAML, typed fields, margins, durations, selectors in
// queries): any bytes must load or fail with a positioned error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "canary/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto c = gori::canary::ParseConfig(text, "fuzz.yaml");
  if (c) {
    for (const auto& m : c->metrics) (void)gori::canary::Substitute(m.query, "a=\"b\"");
  }
  return 0;
}
