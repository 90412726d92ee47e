// src/http/parser.h
//
// Incremental, strict HTTP/1.1 parsers (RFC 9112) for requests (server side) and responses
// (client side). Pure: no I/O, no clock.
//
// Usage: the caller keeps the unconsumed bytes of a connection in one buffer whose first byte is
// the first byte of the next message, appends what it reads, and calls Parse(buffer) again with
// the whole buffer (it may have moved in memory; bytes already given must not change). Parsing
// resumes where it stopped, so total work is linear in the message size. On kComplete,
// message() holds views into that buffer and consumed() says how many bytes belong to the message;
// the caller drops them (pipelined bytes after them are the next message) and calls Reset().
//
// Chunked bodies are decoded in place (the chunk data is moved left over the chunk framing), so
// the buffer is mutable and the body is one contiguous view. Header views are kept as offsets
// while parsing and turned into views on completion. After warm-up a parser allocates nothing.
//
// Strictness (each is an error, never a guess): bare CR or bare LF, obs-fold, whitespace before
// the colon or after the start line, invalid token characters, control characters in values,
// both Content-Length and Transfer-Encoding, differing Content-Length values, non-numeric or
// overflowing lengths, chunked not last (request) or twice, unknown codings in requests (501),
// invalid chunk sizes and extensions, missing or repeated Host in HTTP/1.1 requests.
//
// Thread-compatible: one parser per connection.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "http/message.h"

namespace gori::http {

namespace internal {

// The shared engine; RequestParser and ResponseParser are thin typed fronts.
class MessageParser {
 public:
  MessageParser(bool is_request, const Limits& limits);

  void Reset(bool response_to_head);
  ParseStatus Parse(std::span<char> buffer);
  ParseStatus Finish(std::span<char> buffer);

  bool headers_complete() const { return state_ > State::kHeaders; }
  std::size_t consumed() const { return consumed_; }
  const ParseError& error() const { return error_; }
  const Request& request() const { return request_; }
  const Response& response() const { return response_; }
  bool expect_continue() const { return expect_continue_; }

 private:
  enum class State : uint8_t {
    kStartLine,
    kHeaders,
    kFixedBody,
    kChunkSize,
    kChunkData,
    kChunkDataEnd,
    kTrailers,
    kUntilClose,
    kDone,
    kError,
  };
  enum class BodyKind : uint8_t { kNone, kFixed, kChunked, kUntilClose };
  struct FieldOffsets {
    uint32_t name_off, name_len, value_off, value_len;
  };

  ParseStatus Fail(int status, const char* message, std::size_t offset);
  bool ParseStartLine(const char* line, std::size_t begin, std::size_t len);
  bool ParseRequestLine(const char* line, std::size_t begin, std::size_t len);
  bool ParseStatusLine(const char* line, std::size_t begin, std::size_t len);
  bool ParseFieldLine(const char* data, std::size_t begin, std::size_t len, bool trailer);
  bool InterpretField(std::string_view name, std::string_view value, std::size_t offset);
  bool InterpretContentLength(std::string_view value, std::size_t offset);
  bool InterpretTransferEncoding(std::string_view value, std::size_t offset);
  bool EndOfHeaders(std::size_t offset);
  bool ParseChunkSizeLine(const char* data, std::size_t begin, std::size_t len);
  ParseStatus Complete(std::span<char> buffer);

  bool is_request_;
  Limits limits_;
  State state_ = State::kStartLine;
  BodyKind body_kind_ = BodyKind::kNone;
  bool response_to_head_ = false;
  ParseError error_;

  std::size_t pos_ = 0;         // next unparsed byte of the raw message
  std::size_t body_start_ = 0;  // first body byte (after the header section)
  std::size_t body_end_ = 0;    // end of the decoded body written so far (chunked)
  std::size_t remaining_ = 0;   // bytes left in the fixed body or the current chunk
  std::size_t trailer_bytes_ = 0;
  std::size_t consumed_ = 0;

  // Start line pieces as offsets.
  uint32_t a_off_ = 0, a_len_ = 0, b_off_ = 0, b_len_ = 0, c_off_ = 0, c_len_ = 0;
  int minor_version_ = 1;
  int status_ = 0;

  // Header facts gathered while the fields stream by.
  bool has_content_length_ = false;
  uint64_t content_length_ = 0;
  bool has_transfer_encoding_ = false;
  bool chunked_last_ = false;
  int chunked_count_ = 0;
  bool unknown_coding_ = false;
  int host_count_ = 0;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  bool expect_continue_ = false;

  std::vector<FieldOffsets> fields_;
  std::vector<Header> headers_;
  Request request_;
  Response response_;
};

}  // namespace internal

class RequestParser {
 public:
  explicit RequestParser(const Limits& limits = {}) : p_(true, limits) {}

  // Parses the message that starts at buffer[0]; see the file comment.
  ParseStatus Parse(std::span<char> buffer) { return p_.Parse(buffer); }
  // Prepares for the next message (call after dropping consumed() bytes).
  void Reset() { p_.Reset(false); }

  // After kComplete:
  const Request& request() const { return p_.request(); }
  std::size_t consumed() const { return p_.consumed(); }
  // After kError:
  const ParseError& error() const { return p_.error(); }

  // True once the header section is parsed (the body may still be incomplete); a server uses
  // it to answer "Expect: 100-continue" before the body arrives.
  bool headers_complete() const { return p_.headers_complete(); }
  bool expect_continue() const { return p_.expect_continue(); }

 private:
  internal::MessageParser p_;
};

class ResponseParser {
 public:
  explicit ResponseParser(const Limits& limits = {}) : p_(false, limits) {}

  ParseStatus Parse(std::span<char> buffer) { return p_.Parse(buffer); }
  // The connection reached EOF: a body delimited by the close completes, anything else
  // incomplete becomes an error.
  ParseStatus Finish(std::span<char> buffer) { return p_.Finish(buffer); }
  // `response_to_head`: the request was HEAD, so the response has no body whatever it says.
  void Reset(bool response_to_head = false) { p_.Reset(response_to_head); }

  // After kComplete. A 1xx response is complete after its header section; the caller skips it
  // (Reset) and parses the final response that follows.
  const Response& response() const { return p_.response(); }
  std::size_t consumed() const { return p_.consumed(); }
  const ParseError& error() const { return p_.error(); }
  bool headers_complete() const { return p_.headers_complete(); }

 private:
  internal::MessageParser p_;
};

}  // namespace gori::http
