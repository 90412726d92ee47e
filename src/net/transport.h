// src/net/transport.h
//
// A byte stream over one connected, non-blocking socket: plain TCP or TLS behind the same small
// interface, so servers and clients never know which one they hold. Every call returns at once.
// kWantRead / kWantWrite mean "call again when the socket is readable / writable" (TLS may need
// to write while reading and the reverse); with edge-triggered readiness the caller retries on
// the next event of that kind. The Transport owns the socket and closes it when destroyed.
// Thread-compatible: used by one loop thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "net/fd.h"

namespace gori::net {

enum class IoStatus : uint8_t {
  kOk,         // `bytes` moved (Read: > 0 bytes; Write: > 0 bytes; Handshake/Shutdown: done)
  kWantRead,   // blocked until readable
  kWantWrite,  // blocked until writable
  kEof,        // the peer closed its sending side cleanly
  kError,      // the connection is broken; see last_error()
};

struct IoResult {
  IoStatus status = IoStatus::kOk;
  std::size_t bytes = 0;
};

class Transport {
 public:
  virtual ~Transport() = default;

  virtual int fd() const = 0;
  // Completes the protocol handshake (TLS); TCP is done at once.
  virtual IoResult Handshake() = 0;
  virtual IoResult Read(char* data, std::size_t size) = 0;
  virtual IoResult Write(const char* data, std::size_t size) = 0;
  // Ends our sending side (TLS close_notify, then FIN).
  virtual IoResult Shutdown() = 0;
  // Bytes already decrypted and waiting inside the transport: readiness of the socket says
  // nothing about them, so a reader that stopped early must read again before waiting.
  virtual bool HasBufferedInput() const = 0;
  // The last read from the socket came back short (or empty) and nothing is buffered: the
  // socket held no more bytes then, and with edge-triggered readiness new bytes raise a new
  // event, so a read now would only return EAGAIN. False when unsure.
  virtual bool InputDrained() const = 0;
  // A readiness edge said the socket may hold new bytes: InputDrained() is false until a read
  // finds it empty again. (TLS may serve a read from its own buffer without touching the
  // socket, so what the last socket read saw says nothing about bytes that came after it.)
  virtual void Readable() = 0;
  virtual const std::string& last_error() const = 0;
};

class TcpTransport final : public Transport {
 public:
  explicit TcpTransport(UniqueFd fd) : fd_(std::move(fd)) {}

  int fd() const override { return fd_.get(); }
  IoResult Handshake() override { return {IoStatus::kOk, 0}; }
  IoResult Read(char* data, std::size_t size) override;
  IoResult Write(const char* data, std::size_t size) override;
  IoResult Shutdown() override;
  bool HasBufferedInput() const override { return false; }
  bool InputDrained() const override { return drained_; }
  void Readable() override { drained_ = false; }
  const std::string& last_error() const override { return error_; }

 private:
  UniqueFd fd_;
  bool drained_ = false;
  std::string error_;
};

}  // namespace gori::net
