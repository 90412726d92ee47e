// src/http/message.h
//
// The views an HTTP/1.1 parse produces. Every string_view points into the caller's buffer (the
// one given to the parser's last Parse call) and is valid until that buffer changes or the
// parser is reset. Nothing here owns memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace gori::http {

struct Header {
  std::string_view name;
  std::string_view value;  // without leading/trailing whitespace
};

// ASCII case-insensitive comparison, as header names and codings require.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// True for a Content-Type of application/json (any parameters), and for none at all: clients
// that send JSON without saying so are common enough to accept.
bool IsJsonContentType(std::string_view content_type);

// The first header named `name` (case-insensitive), or an empty view with data() == nullptr.
std::string_view FindHeader(std::span<const Header> headers, std::string_view name);

struct Request {
  std::string_view method;  // case-sensitive token, e.g. "POST"
  std::string_view target;  // request-target as sent, e.g. "/validate?timeout=3s"
  int minor_version = 1;    // HTTP/1.<minor_version>: 0 or 1
  std::span<const Header> headers;
  std::string_view body;   // de-chunked when the request was chunked
  bool keep_alive = true;  // the connection may carry another request after this one
  bool expect_continue = false;

  // The target without its query ("?...").
  std::string_view Path() const;
  std::string_view Find(std::string_view name) const { return FindHeader(headers, name); }
};

struct Response {
  int status = 0;
  std::string_view reason;
  int minor_version = 1;
  std::span<const Header> headers;
  std::string_view body;  // de-chunked when the response was chunked
  bool keep_alive = true;
  bool chunked = false;

  std::string_view Find(std::string_view name) const { return FindHeader(headers, name); }
};

// Bounds that turn hostile or broken input into a clear error instead of unbounded memory.
struct Limits {
  std::size_t max_header_bytes = 16 * 1024;      // start line + fields (+ trailers); over -> 431
  std::size_t max_headers = 100;                 // field lines; over -> 431
  std::size_t max_body_bytes = 3 * 1024 * 1024;  // decoded body; over -> 413
  std::size_t max_chunk_line_bytes = 1024;       // chunk size line with extensions; over -> 400
};

enum class ParseStatus { kIncomplete, kComplete, kError };

// Why a message was rejected. `status` is the HTTP status a server answers with (400, 413, 431,
// 501, 505); a client treats every error as a broken response. `message` is a static string.
struct ParseError {
  int status = 0;
  const char* message = "";
  std::size_t offset = 0;  // byte offset (from the message start) where the problem was found
};

}  // namespace gori::http
