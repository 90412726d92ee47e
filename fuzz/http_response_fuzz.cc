// Fuzzes the HTTP/1.1 response parser. The first byte chooses HEAD-or-not and seeds the split
// points; the rest is the connection's bytes. Split and whole parses must agree, also at EOF.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/parser.h"

namespace {

using gori::http::ParseStatus;
using gori::http::ResponseParser;

struct Outcome {
  ParseStatus status = ParseStatus::kIncomplete;
  std::size_t consumed = 0;
  int code = 0;
  bool keep_alive = false;
  std::string body, error;
};

Outcome Run(const std::string& wire, uint8_t seed, bool split, bool eof) {
  gori::http::Limits limits;
  limits.max_header_bytes = 2048;
  limits.max_body_bytes = 4096;
  ResponseParser p(limits);
  p.Reset((seed & 1) != 0);
  std::string buf;
  std::size_t at = 0;
  uint32_t state = seed;
  ParseStatus s = ParseStatus::kIncomplete;
  while (at < wire.size()) {
    state = state * 1103515245u + 12345u;
    std::size_t n = split ? 1 + (state >> 16) % 11 : wire.size();
    n = std::min(n, wire.size() - at);
    buf.append(wire, at, n);
    at += n;
    s = p.Parse(buf);
    if (s != ParseStatus::kIncomplete) break;
  }
  if (eof && s == ParseStatus::kIncomplete) s = p.Finish(buf);
  Outcome o;
  o.status = s;
  if (s == ParseStatus::kComplete) {
    if (p.consumed() > buf.size()) std::abort();
    o.consumed = p.consumed();
    o.code = p.response().status;
    o.keep_alive = p.response().keep_alive;
    o.body = p.response().body;
  } else if (s == ParseStatus::kError) {
    o.error = p.error().message;
  }
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string wire(reinterpret_cast<const char*>(data + 1), size - 1);
  for (bool eof : {false, true}) {
    Outcome whole = Run(wire, data[0], false, eof);
    Outcome split = Run(wire, data[0], true, eof);
    if (whole.status != split.status || whole.consumed != split.consumed ||
        whole.code != split.code || whole.keep_alive != split.keep_alive ||
        whole.body != split.body || whole.error != split.error) {
      std::abort();
    }
  }
  return 0;
}
