// Test-only: a tiny echo server and client on an EventLoop, over any Transport, used by the
// socket and TLS tests to drive real sockets without threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/event_loop.h"
#include "net/socket.h"
#include "net/transport.h"

namespace gori::net::testing {

// One connection: reads into `in`, writes from `out`; the server echoes, the client collects.
class Peer final : public IoHandler {
 public:
  Peer(EventLoop& loop, std::unique_ptr<Transport> t, bool echo)
      : loop_(loop), t_(std::move(t)), echo_(echo) {
    EXPECT_TRUE(loop_.Watch(t_->fd(), kReadable | kWritable | kEdgeTriggered, this));
  }
  ~Peer() { Close(); }

  void Send(std::string bytes) {
    out_ += bytes;
    Pump();
  }
  void Close() {
    if (t_) {
      loop_.Unwatch(t_->fd(), this);
      t_.reset();
    }
  }
  void OnIo(uint32_t) override {
    drained_ = false;
    Pump();
  }

  void Pump() {
    while (t_) {
      bool progress = false;
      if (!out_.empty()) {
        IoResult w = t_->Write(out_.data(), out_.size());
        if (w.status == IoStatus::kOk) {
          out_.erase(0, w.bytes);
          progress = true;
        } else if (w.status == IoStatus::kError) {
          error = t_->last_error();
          Close();
          return;
        }
      } else if (!handshake_done) {
        IoResult h = t_->Handshake();
        if (h.status == IoStatus::kOk) {
          handshake_done = true;
          progress = true;
        } else if (h.status == IoStatus::kError) {
          error = t_->last_error();
          Close();
          return;
        }
      }
      if (honor_drained && drained_) {
        if (!progress) return;
        continue;
      }
      char buf[4096];
      IoResult r = t_->Read(buf, sizeof(buf));
      if (r.status == IoStatus::kOk) {
        handshake_done = true;
        received.append(buf, r.bytes);
        if (echo_) out_.append(buf, r.bytes);
        drained_ = t_->InputDrained();
        progress = true;
      } else if (r.status == IoStatus::kEof) {
        eof = true;
        Close();
        return;
      } else if (r.status == IoStatus::kError) {
        error = t_->last_error();
        Close();
        return;
      }
      if (!progress) return;
    }
  }

  Transport* transport() { return t_.get(); }
  std::string received;
  std::string error;
  bool eof = false;
  bool handshake_done = false;
  // Stop reading when the transport says the socket is drained, until the next event (what
  // the webhook server and the load client do); a wrong InputDrained() stalls the peer.
  bool honor_drained = false;

 private:
  EventLoop& loop_;
  std::unique_ptr<Transport> t_;
  bool echo_;
  std::string out_;
  bool drained_ = false;
};

// Accepts connections and wraps each with `wrap` (plain TCP or TLS), echoing everything.
class EchoServer final : public IoHandler {
 public:
  using Wrap = std::function<std::unique_ptr<Transport>(UniqueFd)>;
  EchoServer(EventLoop& loop, Listener listener, Wrap wrap)
      : loop_(loop), listener_(std::move(listener)), wrap_(std::move(wrap)) {
    EXPECT_TRUE(loop_.Watch(listener_.fd(), kReadable, this));
  }
  ~EchoServer() { loop_.Unwatch(listener_.fd(), this); }
  void OnIo(uint32_t) override {
    while (true) {
      auto fd = listener_.Accept();
      ASSERT_TRUE(fd);
      if (!fd->has_value()) return;
      peers.push_back(std::make_unique<Peer>(loop_, wrap_(std::move(**fd)), true));
      peers.back()->honor_drained = honor_drained;
      peers.back()->Pump();
    }
  }
  uint16_t port() const { return listener_.local_address().port(); }
  std::vector<std::unique_ptr<Peer>> peers;
  bool honor_drained = false;  // for the peers accepted from now on

 private:
  EventLoop& loop_;
  Listener listener_;
  Wrap wrap_;
};

// Runs `loop` until `done()` or ~5 s pass; returns done().
inline bool RunUntil(EventLoop& loop, const std::function<bool()>& done) {
  int64_t until = EventLoop::NowUs() + 5'000'000;
  while (!done() && EventLoop::NowUs() < until) loop.RunOnce(10'000);
  return done();
}

}  // namespace gori::net::testing
