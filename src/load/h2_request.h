// src/load/h2_request.h (internal to the engine)
//
// One compiled request serves both protocols: the HTTP/1.1 bytes CompiledRequest renders are
// read back into an HTTP/2 request (request line -> :method and :path, Host -> :authority,
// field names lower-cased, connection-specific fields and Content-Length dropped: DATA frames
// delimit the body). For gRPC the method is POST, content-type defaults to application/grpc and
// te: trailers is added. The views point into `h1` and into the scratch, valid until the next
// call with the same scratch. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/h2_client.h"

namespace gori::load {

struct H2RequestScratch {
  std::string names;  // lower-cased field names
  std::vector<http::H2Field> fields;
};

// False when `h1` is not a request gori rendered (never expected).
bool ToH2Request(std::string_view h1, std::string_view scheme, bool grpc, H2RequestScratch& s,
                 http::H2Request& out);

}  // namespace gori::load
