// src/http/h2_client.h
//
// The client side of one HTTP/2 connection (RFC 9113) on libnghttp2 1.52, with the caller doing
// the I/O: bytes read from the socket go in through Receive, bytes to send come out of
// FillOutput/output/Consumed. So one read and one write per loop turn serve every stream of the
// connection, whatever the transport (TCP, TLS, Unix socket). nghttp2 stays inside this module:
// this header names none of its types.
//
// Each request carries a caller-chosen tag (below the `max_tags` given at construction) that
// comes back when its stream closes; each tag owns a response record (status, gRPC trailers,
// body) reused by the next request with that tag. Settings sent: push disabled, RFC 7540
// priorities off, 1 GiB stream and connection windows (DATA never waits for WINDOW_UPDATE).
// A hostile or broken peer turns into a failed Receive (a connection error) or into streams
// closed with an error code; never into unbounded memory (a response body over `max_body`
// resets its stream).
// Thread-compatible: one connection, used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gori::http {

struct H2Field {
  std::string_view name;  // lower case
  std::string_view value;
};

struct H2Request {
  std::string_view method;
  std::string_view scheme;  // "http" or "https"
  std::string_view authority;
  std::string_view path;
  std::span<const H2Field> headers;  // regular fields, no pseudo-headers
  std::string_view body;             // must stay valid until the stream closes
};

// How a stream ended.
enum class H2Outcome : uint8_t {
  kResponse,  // a complete response (status, body, trailers)
  kRefused,   // the server did not process it: RST_STREAM REFUSED_STREAM, or above a GOAWAY's
              // last stream id; safe to send again
  kReset,     // RST_STREAM with another code (error_code says which)
  kTooLarge,  // the response body passed max_body; we reset the stream
};

struct H2Response {
  H2Outcome outcome = H2Outcome::kResponse;
  uint32_t error_code = 0;  // RST_STREAM code when reset
  int status = 0;           // :status of the final response; 0 when none came
  int grpc_status = -1;     // grpc-status from trailers (or a Trailers-Only response); -1 none
  std::string grpc_message;
  std::string body;
};

class H2ClientSession {
 public:
  H2ClientSession(uint32_t max_tags, std::size_t max_body);
  ~H2ClientSession();
  H2ClientSession(const H2ClientSession&) = delete;
  H2ClientSession& operator=(const H2ClientSession&) = delete;

  // A new connection: the client preface and SETTINGS are queued for output; everything of an
  // earlier connection is forgotten (no stream close is reported for it).
  void Reset();

  // Opens a stream. Fails when the connection takes no new streams (GOAWAY received, stream ids
  // used up) or the request cannot be encoded.
  Result<int32_t> Submit(const H2Request& request, uint32_t tag);

  // Gives up on the tag's stream (RST_STREAM CANCEL); its close is not reported, and the tag
  // may carry a new request at once.
  void Cancel(uint32_t tag);

  // Processes bytes received from the peer; streams that closed are appended to closed().
  // An error is a connection error (the peer broke the protocol): the connection is done.
  Status Receive(std::span<const char> bytes);

  // Serializes pending frames after the unsent part of output() (up to about 256 KiB queued).
  // An error is a connection error.
  Status FillOutput();
  std::string_view output() const { return {out_.data() + out_off_, out_.size() - out_off_}; }
  void Consumed(std::size_t n);

  // Tags whose streams closed since the last ClearClosed, in order of closing.
  const std::vector<uint32_t>& closed() const { return closed_; }
  void ClearClosed() { closed_.clear(); }
  // The list itself, for a caller that swaps it with an empty one of its own (no allocation).
  std::vector<uint32_t>& closed_tags() { return closed_; }
  const H2Response& response(uint32_t tag) const { return tags_[tag].response; }

  // The peer's SETTINGS_MAX_CONCURRENT_STREAMS as of its last SETTINGS (100 before any).
  uint32_t peer_max_streams() const;
  // False after a GOAWAY (sent or received) or when the session wants no more I/O.
  bool accepting() const;
  // Neither side has anything more to say: close the connection.
  bool finished() const;
  // Why the peer sent GOAWAY ("GOAWAY NO_ERROR ..."), empty if it did not.
  const std::string& goaway() const { return goaway_; }

  struct Impl;  // nghttp2 callbacks reach the session through it

 private:
  struct Tag {
    int32_t stream_id = 0;
    bool complete = false;  // END_STREAM received
    std::string_view request_body;
    std::size_t request_off = 0;
    H2Response response;
  };

  std::unique_ptr<Impl> impl_;
  std::vector<Tag> tags_;
  std::size_t max_body_;
  std::string out_;
  std::size_t out_off_ = 0;
  std::vector<uint32_t> closed_;
  std::string goaway_;
  std::string error_;  // nghttp2's last complaint about the peer
  friend struct Impl;
};

// The name of an HTTP/2 error code ("REFUSED_STREAM"), or "error 0x1234" when unknown.
std::string H2ErrorName(uint32_t code);

}  // namespace gori::http
