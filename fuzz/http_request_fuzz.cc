// Fuzzes the HTTP/1.1 request parser. The first input byte seeds the split points at which the
// rest is fed; every message parsed in pieces must equal the same bytes parsed whole (status,
// consumed length, body, headers, error), and pipelined messages are parsed one after another.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "http/parser.h"

namespace {

using gori::http::ParseStatus;
using gori::http::RequestParser;

struct Outcome {
  ParseStatus status = ParseStatus::kIncomplete;
  std::size_t consumed = 0;
  std::string method, target, body, headers, error;
};

Outcome Run(const std::string& wire, uint8_t seed, bool split) {
  gori::http::Limits limits;
  limits.max_header_bytes = 2048;
  limits.max_body_bytes = 4096;
  RequestParser p(limits);
  std::string buf;
  std::size_t at = 0;
  uint32_t state = seed;
  ParseStatus s = ParseStatus::kIncomplete;
  while (at < wire.size()) {
    state = state * 1103515245u + 12345u;
    std::size_t n = split ? 1 + (state >> 16) % 9 : wire.size();
    n = std::min(n, wire.size() - at);
    buf.append(wire, at, n);
    at += n;
    s = p.Parse(buf);
    if (s != ParseStatus::kIncomplete) break;
  }
  Outcome o;
  o.status = s;
  if (s == ParseStatus::kComplete) {
    const auto& r = p.request();
    if (p.consumed() > buf.size()) std::abort();
    o.consumed = p.consumed();
    o.method = r.method;
    o.target = r.target;
    o.body = r.body;
    for (const auto& h : r.headers)
      o.headers.append(h.name).append(":").append(h.value).append("\n");
  } else if (s == ParseStatus::kError) {
    o.error = p.error().message;
    if (p.error().status != 400 && p.error().status != 413 && p.error().status != 431 &&
        p.error().status != 501 && p.error().status != 505) {
      std::abort();
    }
  }
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t seed = data[0];
  std::string wire(reinterpret_cast<const char*>(data + 1), size - 1);
  // Pipelined: parse messages until the bytes run out or one fails.
  for (int messages = 0; messages < 8 && !wire.empty(); ++messages) {
    Outcome whole = Run(wire, seed, false);
    Outcome split = Run(wire, seed, true);
    if (whole.status != split.status || whole.consumed != split.consumed ||
        whole.method != split.method || whole.target != split.target || whole.body != split.body ||
        whole.headers != split.headers || whole.error != split.error) {
      std::abort();
    }
    if (whole.status != ParseStatus::kComplete || whole.consumed == 0) break;
    wire.erase(0, whole.consumed);
  }
  return 0;
}
