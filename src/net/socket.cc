#include "net/socket.h"

#include <sys/un.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <charconv>
#include <cstring>

namespace gori::net {
namespace {

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

void SetNoDelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

}  // namespace

Result<SocketAddress> SocketAddress::Parse(std::string_view host_port) {
  std::string_view host, port_text;
  if (!host_port.empty() && host_port.front() == '[') {
    std::size_t close = host_port.find(']');
    if (close == std::string_view::npos || close + 1 >= host_port.size() ||
        host_port[close + 1] != ':') {
      return Fail("invalid address '" + std::string(host_port) + "': want [v6]:port");
    }
    host = host_port.substr(1, close - 1);
    port_text = host_port.substr(close + 2);
  } else {
    std::size_t colon = host_port.rfind(':');
    if (colon == std::string_view::npos) {
      return Fail("invalid address '" + std::string(host_port) + "': want host:port");
    }
    host = host_port.substr(0, colon);
    port_text = host_port.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) {
      return Fail("invalid address '" + std::string(host_port) + "': put IPv6 in brackets");
    }
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return Fail("invalid port in '" + std::string(host_port) + "'");
  }
  SocketAddress out;
  std::string h(host);
  if (h.empty() || h == "*") h = "0.0.0.0";
  auto* v4 = reinterpret_cast<sockaddr_in*>(&out.storage_);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&out.storage_);
  if (inet_pton(AF_INET, h.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    out.size_ = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, h.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    out.size_ = sizeof(sockaddr_in6);
  } else {
    return Fail("invalid address '" + std::string(host_port) + "': not a numeric IP");
  }
  return out;
}

Result<std::vector<SocketAddress>> SocketAddress::Resolve(const std::string& host, uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
  if (rc != 0) return Fail("cannot resolve '" + host + "': " + gai_strerror(rc));
  std::vector<SocketAddress> out;
  for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    out.push_back(FromSockaddr(ai->ai_addr, ai->ai_addrlen));
  }
  freeaddrinfo(res);
  if (out.empty()) return Fail("cannot resolve '" + host + "': no addresses");
  return out;
}

SocketAddress SocketAddress::FromSockaddr(const sockaddr* sa, socklen_t len) {
  SocketAddress out;
  std::memcpy(&out.storage_, sa, std::min<std::size_t>(len, sizeof(out.storage_)));
  out.size_ = len;
  return out;
}

uint16_t SocketAddress::port() const {
  if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_port);
  if (family() == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_port);
  }
  return 0;
}

Result<SocketAddress> SocketAddress::Unix(std::string_view path) {
  SocketAddress a;
  auto* un = reinterpret_cast<sockaddr_un*>(&a.storage_);
  if (path.empty() || path.size() >= sizeof(un->sun_path)) {
    return Fail("unix socket path must be 1-" + std::to_string(sizeof(un->sun_path) - 1) +
                " bytes: '" + std::string(path) + "'");
  }
  un->sun_family = AF_UNIX;
  std::memcpy(un->sun_path, path.data(), path.size());
  a.size_ = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1);
  return a;
}

std::string SocketAddress::ToString() const {
  if (family() == AF_UNIX) {
    return "unix:" + std::string(reinterpret_cast<const sockaddr_un*>(&storage_)->sun_path);
  }
  char buf[INET6_ADDRSTRLEN] = "";
  if (family() == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr, buf,
              sizeof(buf));
    std::string out(buf);
    out += ':';
    out += std::to_string(port());
    return out;
  }
  if (family() == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, buf,
              sizeof(buf));
    std::string out = "[";
    out += buf;
    out += "]:";
    out += std::to_string(port());
    return out;
  }
  return "(unknown)";
}

Result<Listener> Listener::Bind(const SocketAddress& address, int backlog) {
  Listener l;
  l.fd_.Reset(socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!l.fd_.valid()) return Fail(Errno("socket"));
  int one = 1;
  setsockopt(l.fd_.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (bind(l.fd_.get(), address.get(), address.size()) != 0) {
    return Fail(Errno("cannot bind " + address.ToString()));
  }
  if (listen(l.fd_.get(), backlog) != 0) return Fail(Errno("listen"));
  sockaddr_storage local{};
  socklen_t len = sizeof(local);
  getsockname(l.fd_.get(), reinterpret_cast<sockaddr*>(&local), &len);
  l.local_ = SocketAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&local), len);
  return l;
}

Result<std::optional<UniqueFd>> Listener::Accept(SocketAddress* peer) {
  while (true) {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    int fd =
        accept4(fd_.get(), reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      SetNoDelay(fd);
      if (peer != nullptr)
        *peer = SocketAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&addr), len);
      return std::optional<UniqueFd>(UniqueFd(fd));
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) return std::optional<UniqueFd>();
    if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
    return Fail(Errno("accept"));
  }
}

Result<UniqueFd> StartConnect(const SocketAddress& address) {
  UniqueFd fd(socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return Fail(Errno("socket"));
  if (address.family() != AF_UNIX) SetNoDelay(fd.get());
  if (connect(fd.get(), address.get(), address.size()) != 0 && errno != EINPROGRESS) {
    return Fail(Errno("cannot connect to " + address.ToString()));
  }
  return fd;
}

Status FinishConnect(int fd) {
  int err = 0;
  socklen_t len = sizeof(err);
  if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return Fail(Errno("getsockopt"));
  if (err != 0) return Fail(std::string("connect: ") + std::strerror(err));
  return {};
}

}  // namespace gori::net
