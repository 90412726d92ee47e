#include "net/transport.h"

#include <errno.h>
#include <sys/socket.h>

#include <cstring>

namespace gori::net {

IoResult TcpTransport::Read(char* data, std::size_t size) {
  while (true) {
    ssize_t n = ::recv(fd_.get(), data, size, 0);
    if (n > 0) {
      drained_ = static_cast<std::size_t>(n) < size;
      return {IoStatus::kOk, static_cast<std::size_t>(n)};
    }
    if (n == 0) return {IoStatus::kEof, 0};
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      drained_ = true;
      return {IoStatus::kWantRead, 0};
    }
    error_ = std::strerror(errno);
    return {IoStatus::kError, 0};
  }
}

IoResult TcpTransport::Write(const char* data, std::size_t size) {
  while (true) {
    ssize_t n = ::send(fd_.get(), data, size, MSG_NOSIGNAL);
    if (n >= 0) return {IoStatus::kOk, static_cast<std::size_t>(n)};
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return {IoStatus::kWantWrite, 0};
    error_ = std::strerror(errno);
    return {IoStatus::kError, 0};
  }
}

IoResult TcpTransport::Shutdown() {
  if (::shutdown(fd_.get(), SHUT_WR) != 0 && errno != ENOTCONN) {
    error_ = std::strerror(errno);
    return {IoStatus::kError, 0};
  }
  return {IoStatus::kOk, 0};
}

}  // namespace gori::net
