// src/http/server.h
//
// gori's HTTPS server core (HTTP/1.1 and HTTP/2), under `gori webhook` and any other listener: N
// worker threads, each with its own epoll loop, all accepting from one listening socket
// (EPOLLEXCLUSIVE wakes one loop per connection). A connection lives on one thread from accept to
// close; handlers run synchronously on that thread (an admission review costs microseconds, so
// there is nothing to offload).
//
// Per connection: keep-alive, pipelined requests answered in order, "Expect: 100-continue",
// and limits with clear answers: header section too large -> 431, body too large -> 413,
// malformed request -> 400 (all with Connection: close), a request that does not arrive in full
// within read_timeout -> 408, idle keep-alive connections closed after idle_timeout, TLS
// handshakes bounded by read_timeout, more than max_connections open -> 503 and close. Output
// that the client does not read stops further reading (no unbounded buffering), and a connection
// that stops reading its responses is dropped after read_timeout. After an error response the
// socket is half-closed and drained briefly ("lingering close") so the client reads the answer
// instead of a reset.
//
// HTTP/2 connections get the same handler, limits (per stream: 400, 413, 431 as responses on the
// stream) and timeouts; over max_connections every stream is answered 503 and GOAWAY follows.
//
// Shutdown (SIGTERM): BeginDrain() makes every later response say "Connection: close" (clients
// move to other replicas; on HTTP/2 a GOAWAY) while still accepting; StopAccepting() closes the
// listener and the idle keep-alive connections, lets requests in progress finish (a connection
// not answered yet, still in its handshake or before its first request, counts as one and gets
// read_timeout), and the workers exit when their last connection is gone; Wait() joins them
// (after `deadline_us` it closes whatever is left).
//
// Thread-safety: Start/BeginDrain/StopAccepting/Wait from one controlling thread; the handler
// factory is called once per worker thread and each handler is used by that thread only.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "base/result.h"
#include "http/message.h"
#include "net/socket.h"
#include "net/tls.h"

namespace gori::http {

struct HttpResponse {
  int status = 200;
  std::string_view content_type = {};
  std::string_view body = {};  // valid until the handler's next call
  std::span<const Header> extra = {};
};

// What the server counts, for whoever exports metrics; every call is from a worker thread and
// must be cheap and thread-safe. Error kinds: tls_handshake, tls_handshake_timeout,
// read_timeout, write_timeout, connection_limit, accept, body_too_large, header_too_large,
// not_implemented, http_version, bad_request, h2_protocol.
class ServerObserver {
 public:
  virtual ~ServerObserver() = default;
  virtual void OnError(std::string_view kind) = 0;
  virtual void OnResponse(int status) = 0;
  virtual void OnRequestsInFlight(int delta) = 0;
  virtual void OnConnections(int delta) = 0;
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual HttpResponse Handle(const Request& request) = 0;
};

struct ServerOptions {
  net::SocketAddress listen = {};
  int threads = 1;
  std::shared_ptr<net::TlsServerContext> tls = {};  // nullptr: plain HTTP (tests only)
  Limits limits = {};                               // max_body_bytes 3 MiB: the API server's limit
  int64_t read_timeout_us = 10'000'000;             // handshake, one request, or a stalled write
  // Longer than the API server's own idle timeout (90 s in Go's transport), so the client, not
  // the server, closes idle connections and never races a request against our close.
  int64_t idle_timeout_us = 120'000'000;
  int max_connections = 1024;
  int64_t linger_us = 1'000'000;
  // HTTP/2 (h2_server.h) on connections that choose "h2" by ALPN (the TLS context must offer it:
  // TlsServerContext::Create(..., offer_h2)) or open with the HTTP/2 preface on plain TCP.
  bool http2 = true;
  uint32_t max_streams = 100;  // SETTINGS_MAX_CONCURRENT_STREAMS per HTTP/2 connection
};

class Server {
 public:
  using HandlerFactory = std::function<std::unique_ptr<HttpHandler>()>;

  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options,
                                               const HandlerFactory& factory,
                                               ServerObserver* observer);
  ~Server();

  const net::SocketAddress& address() const { return address_; }
  void BeginDrain();
  bool draining() const { return draining_.load(std::memory_order_acquire); }
  void StopAccepting();
  // Joins the workers; connections still open `deadline_us` after the call are closed.
  void Wait(int64_t deadline_us);

  class Worker;

 private:
  Server() = default;

  ServerOptions options_;
  ServerObserver* observer_ = nullptr;
  net::Listener listener_;
  net::SocketAddress address_;
  std::atomic<bool> draining_{false};
  std::atomic<int> connections_{0};
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  bool stopped_accepting_ = false;
};

}  // namespace gori::http
