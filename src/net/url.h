// src/net/url.h
//
// A target URL, of `gori load` or of the Prometheus server `gori canary` asks: http, https, h2c
// (HTTP/2 with prior knowledge), grpc (gRPC over h2c) or grpcs (gRPC over TLS); a host name or
// IP literal (IPv6 in brackets), an optional port (default 80/443) and a path with optional
// query (default "/"). Userinfo and fragments are rejected: a URL should say exactly where gori
// sends. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gori::net {

struct Url {
  bool tls = false;
  bool h2c = false;   // h2c:// (and grpc://): HTTP/2 with prior knowledge, no negotiation
  bool grpc = false;  // grpc:// or grpcs://: the path is /package.Service/Method
  std::string host;   // without brackets
  uint16_t port = 0;
  std::string path;  // "/..." including any query

  // The Host header value: host, bracketed when IPv6, with ":port" unless it is the default.
  std::string HostHeader() const;
};

Result<Url> ParseUrl(std::string_view text);

}  // namespace gori::net
