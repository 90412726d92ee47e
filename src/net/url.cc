#include "net/url.h"

#include <charconv>

#include <fmt/format.h>

namespace gori::net {

std::string Url::HostHeader() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != (tls ? 443 : 80)) h += fmt::format(":{}", port);
  return h;
}

Result<Url> ParseUrl(std::string_view text) {
  Url u;
  std::string_view rest = text;
  if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else if (rest.starts_with("https://")) {
    u.tls = true;
    rest.remove_prefix(8);
  } else if (rest.starts_with("h2c://")) {
    u.h2c = true;
    rest.remove_prefix(6);
  } else if (rest.starts_with("grpc://")) {
    u.h2c = true;
    u.grpc = true;
    rest.remove_prefix(7);
  } else if (rest.starts_with("grpcs://")) {
    u.tls = true;
    u.grpc = true;
    rest.remove_prefix(8);
  } else {
    return Fail(fmt::format(
        "invalid URL '{}': must start with http://, https://, h2c://, grpc:// or grpcs://", text));
  }
  const std::size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  if (authority.find('@') != std::string_view::npos) {
    return Fail(fmt::format("invalid URL '{}': user information is not supported", text));
  }
  if (path.find('#') != std::string_view::npos) {
    return Fail(fmt::format("invalid URL '{}': fragments are not sent to servers", text));
  }
  std::string_view port_text;
  if (authority.starts_with("[")) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return Fail(fmt::format("invalid URL '{}': unterminated IPv6 address", text));
    }
    u.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Fail(fmt::format("invalid URL '{}': bad port", text));
      port_text = after.substr(1);
    }
  } else {
    const std::size_t colon = authority.find(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (u.host.empty()) return Fail(fmt::format("invalid URL '{}': no host", text));
  u.port = u.tls ? 443 : 80;
  if (!port_text.empty() || authority.ends_with(":")) {
    unsigned port = 0;
    auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || p != port_text.data() + port_text.size() ||
        port == 0 || port > 65535) {
      return Fail(fmt::format("invalid URL '{}': port must be 1-65535", text));
    }
    u.port = static_cast<uint16_t>(port);
  }
  u.path = path.empty() ? "/" : std::string(path);
  if (u.path[0] == '?') u.path = "/" + u.path;
  for (char c : u.path) {
    if (static_cast<unsigned char>(c) <= 32 || c == 127) {
      return Fail(fmt::format("invalid URL '{}': the path has spaces or control characters", text));
    }
  }
  return u;
}

}  // namespace gori::net
