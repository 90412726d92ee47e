// src/http/writer.h
//
// Renders HTTP/1.1 messages into a caller-owned byte string: responses for the server side and
// requests for the client side (the load generator pre-renders request bytes once and sends
// them many times). Appending into a string whose capacity is already there allocates nothing.
// Pure, thread-compatible.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/message.h"

namespace gori::http {

// The standard reason phrase of `status` ("OK", "Payload Too Large"...); "Unknown" otherwise.
std::string_view ReasonPhrase(int status);

struct ResponseHead {
  int status = 200;
  std::string_view content_type = {};  // omitted when empty
  bool keep_alive = true;              // false adds "Connection: close"
  std::span<const Header> extra = {};  // appended as given; callers pass valid names and values
};

// Appends status line, headers (Content-Length always) and body to `out`. A response to HEAD
// passes `head_only` to keep the Content-Length of `body` but not send it.
void AppendResponse(std::string& out, const ResponseHead& head, std::string_view body,
                    bool head_only = false);

// "HTTP/1.1 100 Continue" for requests that sent "Expect: 100-continue".
void AppendContinue(std::string& out);

struct RequestSpec {
  std::string_view method = "GET";
  std::string_view target = "/";
  std::string_view host = {};            // Host header value (required unless in `headers`)
  std::span<const Header> headers = {};  // must not contain Content-Length or Transfer-Encoding
  std::string_view body = {};
  bool keep_alive = true;  // false adds "Connection: close"
};

// Appends the request bytes to `out`. Content-Length is added when there is a body or the method
// usually carries one (POST, PUT, PATCH). Fails (and leaves `out` unchanged) when a part would
// not survive the wire: invalid method token, target with spaces or controls, header names that
// are not tokens, values with CR/LF or other controls, a missing Host, or framing headers given
// by the caller.
Status AppendRequest(std::string& out, const RequestSpec& spec);

}  // namespace gori::http
