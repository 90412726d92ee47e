#include "load/session.h"

#include <cstring>

namespace gori::load {
namespace {

constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kMaxResponseBytes = 64u << 20;

}  // namespace

Http1Session::Http1Session()
    : parser_(http::Limits{.max_header_bytes = 64 * 1024,
                           .max_headers = 256,
                           .max_body_bytes = kMaxResponseBytes,
                           .max_chunk_line_bytes = 1024}) {
  in_.resize(kReadChunk);
}

void Http1Session::Reset() {
  in_len_ = 0;
  out_ = {};
  out_off_ = 0;
  drained_ = false;
  parser_.Reset(false);
}

void Http1Session::Submit(std::string_view request, bool head) {
  out_ = request;
  out_off_ = 0;
  head_ = head;
  in_len_ = 0;
  drained_ = false;
  parser_.Reset(head);
}

SessionStatus Http1Session::Failed(ErrorKind kind, std::string_view why) {
  error_ = kind;
  why_.assign(why.data(), why.size());
  return SessionStatus::kFailed;
}

SessionStatus Http1Session::Flush(net::Transport& t) {
  while (out_off_ < out_.size()) {
    const net::IoResult r = t.Write(out_.data() + out_off_, out_.size() - out_off_);
    switch (r.status) {
      case net::IoStatus::kOk:
        out_off_ += r.bytes;
        break;
      case net::IoStatus::kWantRead:
      case net::IoStatus::kWantWrite:
        return SessionStatus::kBlocked;
      case net::IoStatus::kEof:
      case net::IoStatus::kError:
        return Failed(ErrorKind::kReset, t.last_error());
    }
  }
  return SessionStatus::kDone;
}

SessionStatus Http1Session::Receive(net::Transport& t, bool expecting) {
  // Bytes of a response already buffered (after a 1xx) are parsed before reading more.
  if (expecting && in_len_ > 0) {
    const SessionStatus s = Parse(false);
    if (s != SessionStatus::kBlocked) return s;
  }
  while (true) {
    if (in_.size() - in_len_ < kReadChunk / 2) {
      if (in_.size() >= kMaxResponseBytes + kReadChunk) {
        return Failed(ErrorKind::kProtocol, "response larger than 64 MiB");
      }
      in_.resize(in_.size() * 2);
    }
    const std::size_t space = in_.size() - in_len_;
    const net::IoResult r = t.Read(in_.data() + in_len_, space);
    switch (r.status) {
      case net::IoStatus::kOk: {
        in_len_ += r.bytes;
        // Bytes nobody asked for (e.g. a 408 on an idle connection): the connection is spent.
        if (!expecting) return SessionStatus::kPeerClosed;
        // A short read drained the socket: data arriving later raises a new edge, so the read
        // that would only return EAGAIN is skipped (one system call less per response).
        drained_ = t.InputDrained();
        const SessionStatus s = Parse(false);
        if (s != SessionStatus::kBlocked || drained_) return s;
        break;
      }
      case net::IoStatus::kWantRead:
      case net::IoStatus::kWantWrite:
        drained_ = true;
        return SessionStatus::kBlocked;
      case net::IoStatus::kEof:
        if (!expecting) return SessionStatus::kPeerClosed;
        return Parse(true);
      case net::IoStatus::kError:
        if (!expecting) return SessionStatus::kPeerClosed;
        return Failed(ErrorKind::kReset, t.last_error());
    }
  }
}

SessionStatus Http1Session::Parse(bool at_eof) {
  while (true) {
    const std::span<char> buf(in_.data(), in_len_);
    const http::ParseStatus st = at_eof ? parser_.Finish(buf) : parser_.Parse(buf);
    if (st == http::ParseStatus::kIncomplete && !at_eof) return SessionStatus::kBlocked;
    if (at_eof && st != http::ParseStatus::kComplete) {
      return Failed(ErrorKind::kClosed, in_len_ == 0
                                            ? "the server closed the connection without a response"
                                            : "the server closed the connection inside a response");
    }
    if (st == http::ParseStatus::kError) {
      return Failed(ErrorKind::kProtocol, parser_.error().message);
    }
    const http::Response& resp = parser_.response();
    if (resp.status >= 200) {
      keep_alive_ = resp.keep_alive && !at_eof;
      return SessionStatus::kResponse;
    }
    // 1xx: skip it; the final response follows.
    const std::size_t consumed = parser_.consumed();
    std::memmove(in_.data(), in_.data() + consumed, in_len_ - consumed);
    in_len_ -= consumed;
    parser_.Reset(head_);
    if (in_len_ == 0 && !at_eof) return SessionStatus::kBlocked;
  }
}

void Http1Session::Consumed() {
  const std::size_t consumed = parser_.consumed();
  std::memmove(in_.data(), in_.data() + consumed, in_len_ - consumed);
  in_len_ -= consumed;
  out_ = {};
  out_off_ = 0;
  parser_.Reset(false);
}

}  // namespace gori::load
