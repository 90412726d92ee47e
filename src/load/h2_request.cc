#include "load/h2_request.h"

#include "http/message.h"

namespace gori::load {
namespace {

bool Dropped(std::string_view lower) {
  return lower == "host" || lower == "content-length" || lower == "connection" ||
         lower == "keep-alive" || lower == "transfer-encoding" || lower == "upgrade" ||
         lower == "proxy-connection" || lower == "te";
}

}  // namespace

bool ToH2Request(std::string_view h1, std::string_view scheme, bool grpc, H2RequestScratch& s,
                 http::H2Request& out) {
  const std::size_t head_end = h1.find("\r\n\r\n");
  if (head_end == std::string_view::npos) return false;
  std::string_view head = h1.substr(0, head_end + 2);
  out.body = h1.substr(head_end + 4);
  const std::size_t line_end = head.find("\r\n");
  const std::string_view line = head.substr(0, line_end);
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 <= sp1) return false;
  out.method = grpc ? std::string_view("POST") : line.substr(0, sp1);
  out.path = line.substr(sp1 + 1, sp2 - sp1 - 1);
  out.scheme = scheme;
  out.authority = {};
  head.remove_prefix(line_end + 2);
  // Names are copied lower-cased into one buffer sized up front, so views into it stay valid.
  s.names.clear();
  s.names.reserve(head.size());
  s.fields.clear();
  bool content_type = false;
  while (!head.empty()) {
    const std::size_t end = head.find("\r\n");
    const std::string_view field = head.substr(0, end);
    head.remove_prefix(end + 2);
    const std::size_t colon = field.find(':');
    if (colon == std::string_view::npos) return false;
    const std::size_t at = s.names.size();
    for (char c : field.substr(0, colon)) {
      s.names += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    const std::string_view name(s.names.data() + at, colon);
    std::string_view value = field.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    if (name == "host") out.authority = value;
    if (Dropped(name)) continue;
    content_type = content_type || name == "content-type";
    s.fields.push_back({name, value});
  }
  if (grpc) {
    if (!content_type) s.fields.push_back({"content-type", "application/grpc"});
    s.fields.push_back({"te", "trailers"});
  }
  out.headers = s.fields;
  return true;
}

}  // namespace gori::load
