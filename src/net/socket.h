// src/net/socket.h
//
// TCP (and, for clients, Unix domain) sockets for the event loops: addresses (IPv4/IPv6, Unix
// paths, "host:port" and "[v6]:port"), a listener and a non-blocking connector. Every socket is
// non-blocking and close-on-exec. Resolve() may block (getaddrinfo): call it at start-up, never on
// a loop thread's hot path.
#pragma once

#include <sys/socket.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "net/fd.h"

namespace gori::net {

class SocketAddress {
 public:
  SocketAddress() = default;
  // Numeric only: "127.0.0.1:8443", "[::1]:8443", ":8443" and "*:8443" (all IPv4 addresses).
  static Result<SocketAddress> Parse(std::string_view host_port);
  // Resolves a host name or literal (getaddrinfo) to every TCP address it has.
  static Result<std::vector<SocketAddress>> Resolve(const std::string& host, uint16_t port);
  // A Unix domain stream socket at `path`.
  static Result<SocketAddress> Unix(std::string_view path);
  static SocketAddress FromSockaddr(const sockaddr* sa, socklen_t len);

  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage_); }
  socklen_t size() const { return size_; }
  int family() const { return storage_.ss_family; }
  uint16_t port() const;
  // "127.0.0.1:8443" or "[::1]:8443".
  std::string ToString() const;

 private:
  sockaddr_storage storage_{};
  socklen_t size_ = 0;
};

class Listener {
 public:
  // Binds and listens (SO_REUSEADDR). Port 0 picks a free port: see local_address().
  static Result<Listener> Bind(const SocketAddress& address, int backlog = 1024);

  int fd() const { return fd_.get(); }
  const SocketAddress& local_address() const { return local_; }
  // One pending connection (non-blocking, TCP_NODELAY), or nullopt when none is waiting.
  // Errors that concern only the one connection (it was reset before accept) are skipped.
  Result<std::optional<UniqueFd>> Accept(SocketAddress* peer = nullptr);
  void Close() { fd_.Reset(); }

 private:
  UniqueFd fd_;
  SocketAddress local_;
};

// Starts a non-blocking connect. The socket becomes writable when the connect ends; then
// FinishConnect says whether it succeeded.
Result<UniqueFd> StartConnect(const SocketAddress& address);
Status FinishConnect(int fd);

}  // namespace gori::net
