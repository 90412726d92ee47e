// Fuzzes the request bodies of `gori canary serve` (POST /v1/judge and Flagger's webhook
// payload): any bytes must read or fail with a positioned error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "canary/serve_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)gori::canary::ReadJudgeRequest(text);
  (void)gori::canary::ReadFlaggerRequest(text);
  return 0;
}
