// Fuzzes gori load's HTTP/2 client session with hostile server bytes: the first byte picks how
// many requests are in flight (and whether one is cancelled), the rest arrives from the "server"
// in chunks whose sizes follow the data. Whatever comes, the session must neither crash nor
// report a tag it was not given, and its output must stay bounded.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/h2_client.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  constexpr uint32_t kTags = 8;
  gori::http::H2ClientSession s(kTags, 4096);
  const gori::http::H2Field fields[] = {{"content-type", "application/grpc"}, {"te", "trailers"}};
  const gori::http::H2Request req{"POST", "http", "127.0.0.1:1", "/p.S/M", fields, "hello"};
  const uint32_t n = 1 + mode % kTags;
  for (uint32_t t = 0; t < n; ++t) (void)s.Submit(req, t);
  if (mode & 0x80) s.Cancel(0);
  (void)s.FillOutput();
  s.Consumed(s.output().size());
  std::size_t at = 0;
  while (at < in.size()) {
    const std::size_t chunk = 1 + static_cast<uint8_t>(in[at]) % 64;
    const std::string_view piece = in.substr(at, chunk);
    at += piece.size();
    if (!s.Receive(piece)) break;
    for (uint32_t tag : s.closed()) {
      if (tag >= kTags) std::abort();
      if (s.response(tag).body.size() > 4096) std::abort();
    }
    s.ClearClosed();
    if (!s.FillOutput()) break;
    if (s.output().size() > (1u << 20)) std::abort();
    s.Consumed(s.output().size());
    if (s.accepting()) (void)s.Submit(req, n % kTags);
  }
  (void)s.peer_max_streams();
  return 0;
}
