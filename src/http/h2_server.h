// src/http/h2_server.h
//
// The server side of one HTTP/2 connection (RFC 9113) on libnghttp2 1.52, with the caller doing
// the I/O, like H2ClientSession: bytes read go in through Receive, complete requests come out of
// ready(), answers go back through Respond, and bytes to send come out of FillOutput/output/
// Consumed. The HTTP server core (server.h) runs it for connections that chose "h2" by ALPN or
// opened with the HTTP/2 preface (h2c with prior knowledge).
//
// Limits are the HTTP/1.1 ones (message.h): a header block over max_header_bytes or
// max_headers is answered 431, a body over max_body_bytes 413 (its DATA is discarded, never
// buffered), a request without :method or :path 400 — each as a response on its stream, so
// the connection's other streams go on. Settings sent: SETTINGS_MAX_CONCURRENT_STREAMS
// `max_streams` (more are refused by nghttp2 with REFUSED_STREAM), push disabled, RFC 7540
// priorities off, 1 GiB windows. A peer that breaks the protocol makes Receive fail: a
// connection error, the caller sends what is queued (GOAWAY) and closes.
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
#include "http/message.h"

namespace gori::http {

struct H2Answer {
  int status = 200;
  std::string_view content_type = {};
  std::string_view body = {};  // copied by Respond
  std::span<const Header> extra = {};
};

class H2ServerSession {
 public:
  H2ServerSession(const Limits& limits, uint32_t max_streams);
  ~H2ServerSession();
  H2ServerSession(const H2ServerSession&) = delete;
  H2ServerSession& operator=(const H2ServerSession&) = delete;

  // Processes bytes from the client (the connection preface first); requests that became
  // complete are appended to ready().
  Status Receive(std::span<const char> bytes);

  // Streams whose request is complete (END_STREAM received), in order; the caller answers each
  // and clears the list.
  std::vector<int32_t>& ready() { return ready_; }
  // The request of a ready stream; views valid until Respond on it. `status` is non-zero when
  // the session already knows the answer (400, 413, 431): Respond with it, skip the handler.
  const Request& request(int32_t stream_id, int* status);
  // Queues the response (headers, and the body as DATA) and forgets the request.
  Status Respond(int32_t stream_id, const H2Answer& answer);

  // Graceful shutdown in two steps (RFC 9113 6.8). ShutdownNotice: GOAWAY NO_ERROR with the
  // largest stream id, which tells the client to open no more streams here while every stream
  // it already sent, even one still on the wire, is served. Shutdown, at least a round trip
  // later: GOAWAY NO_ERROR naming the last stream seen; streams in progress finish, later ones
  // are refused. finished() turns true once they are answered and the output is sent.
  void ShutdownNotice();
  void Shutdown();

  Status FillOutput();
  std::string_view output() const { return {out_.data() + out_off_, out_.size() - out_off_}; }
  void Consumed(std::size_t n);

  // Streams opened by the client and not yet closed.
  std::size_t open_streams() const;
  // Nothing more to read or write: close the connection.
  bool finished() const;

  struct Impl;  // nghttp2 callbacks reach the session through it
  struct Stream;

 private:
  std::unique_ptr<Impl> impl_;
  std::vector<int32_t> ready_;
  std::string out_;
  std::size_t out_off_ = 0;
  friend struct Impl;
};

// True when `bytes` (the first bytes of a plain connection) start the HTTP/2 client preface,
// or could still: `complete` says whether all 24 bytes were there.
bool LooksLikeH2Preface(std::string_view bytes, bool* complete);

}  // namespace gori::http
