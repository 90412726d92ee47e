// Fuzzes the webhook's (and every listener's) HTTP/2 server session with hostile client bytes,
// arriving in chunks whose sizes follow the data. Every complete request is answered as a handler
// would; whatever comes, the session must neither crash, nor hold a request body over its limit,
// nor keep more streams open than it announced, and its output must stay bounded.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/h2_server.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  gori::http::Limits limits;
  limits.max_body_bytes = 4096;
  limits.max_header_bytes = 2048;
  limits.max_headers = 16;
  gori::http::H2ServerSession s(limits, 8);
  std::size_t at = 0;
  while (at < in.size()) {
    const std::size_t chunk = 1 + static_cast<uint8_t>(in[at]) % 97;
    const std::string_view piece = in.substr(at, chunk);
    at += piece.size();
    if (!s.Receive(piece)) break;
    if (s.open_streams() > 8) std::abort();
    for (int32_t id : s.ready()) {
      int known = 0;
      const gori::http::Request& r = s.request(id, &known);
      if (r.body.size() > limits.max_body_bytes) std::abort();
      (void)s.Respond(id, {.status = known ? known : 200, .body = r.target});
    }
    s.ready().clear();
    if (at > in.size() / 2) s.Shutdown();
    if (!s.FillOutput()) break;
    if (s.output().size() > (1u << 20)) std::abort();
    s.Consumed(s.output().size());
    if (s.finished()) break;
  }
  return 0;
}
