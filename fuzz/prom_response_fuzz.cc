// Fuzzes the Prometheus API response decoder (envelope, matrix/vector/scalar results, sample
// values): any bytes under any status must decode or fail with an error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "prom/response.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)gori::prom::DecodeResponse(200, text);
  (void)gori::prom::DecodeResponse(422, text);
  (void)gori::prom::ParseSampleValue(text.substr(0, 64));
  return 0;
}
