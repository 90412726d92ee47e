// src/load/session.h (internal to the engine)
//
// The protocol of one connection, behind an interface so that the worker's loop, scheduling and
// statistics never know which protocol runs: Http1Session now (HTTP/1.1, one request at a time
// per connection), an HTTP/2 session later. A Session sends request bytes and turns received
// bytes into responses; it never touches timers or statistics. The Client owns the Transport
// (plain TCP or TLS) and hands it to the session for each call.
// Thread-compatible: one session per connection, on its worker's thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "http/parser.h"
#include "load/stats.h"
#include "net/transport.h"

namespace gori::load {

enum class SessionStatus : uint8_t {
  kDone,        // Flush: every byte of the request is written
  kBlocked,     // wait for the next readiness event
  kResponse,    // Receive: a final response is complete: response(), then Consumed()
  kFailed,      // the request failed: error(), why()
  kPeerClosed,  // the connection ended (or sent bytes nobody asked for) while idle
};

class Session {
 public:
  virtual ~Session() = default;

  // A new connection: bytes and parse state of an earlier one are forgotten.
  virtual void Reset() = 0;
  // Starts sending `request` (the bytes stay owned by the caller until the response is in).
  // `head`: the request is HEAD, so the response has no body whatever it says.
  virtual void Submit(std::string_view request, bool head) = 0;
  virtual SessionStatus Flush(net::Transport& t) = 0;
  // Reads and parses until a response is complete, the socket has nothing more, or the
  // connection fails. `expecting`: a request is on the wire.
  virtual SessionStatus Receive(net::Transport& t, bool expecting) = 0;
  // After kResponse: the response (views valid until Consumed) and whether the connection may
  // carry another request.
  virtual const http::Response& response() const = 0;
  virtual bool keep_alive() const = 0;
  virtual void Consumed() = 0;
  // True when the last read found the socket empty: a new readiness edge comes with more data,
  // so the caller need not call Receive again until then.
  virtual bool drained() const = 0;

  // After kFailed.
  virtual ErrorKind error() const = 0;
  virtual std::string_view why() const = 0;
};

class Http1Session final : public Session {
 public:
  Http1Session();

  void Reset() override;
  void Submit(std::string_view request, bool head) override;
  SessionStatus Flush(net::Transport& t) override;
  SessionStatus Receive(net::Transport& t, bool expecting) override;
  const http::Response& response() const override { return parser_.response(); }
  bool keep_alive() const override { return keep_alive_; }
  void Consumed() override;
  bool drained() const override { return drained_; }
  ErrorKind error() const override { return error_; }
  std::string_view why() const override { return why_; }

 private:
  SessionStatus Failed(ErrorKind kind, std::string_view why);
  SessionStatus Parse(bool at_eof);

  std::string_view out_;
  std::size_t out_off_ = 0;
  bool head_ = false;
  std::vector<char> in_;
  std::size_t in_len_ = 0;
  http::ResponseParser parser_;
  bool keep_alive_ = true;
  bool drained_ = false;
  ErrorKind error_ = ErrorKind::kProtocol;
  std::string why_;
};

}  // namespace gori::load
