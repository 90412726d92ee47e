#include "http/server.h"

#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

#include "base/check.h"
#include "http/h2_server.h"
#include "http/parser.h"
#include "http/writer.h"
#include "net/event_loop.h"

namespace gori::http {

using net::EventLoop;
using net::IoStatus;

namespace {

constexpr std::size_t kInitialBuffer = 16 * 1024;
constexpr std::size_t kMaxPendingOutput = 1 << 20;  // stop reading requests past this
constexpr int kAcceptBatch = 64;
constexpr int kRejectSlack = 256;  // over-limit connections answered 503 before we just close
constexpr std::string_view kPlain = "text/plain; charset=utf-8";

std::string_view H2Reason(int status) {
  switch (status) {
    case 413:
      return "body too large\n";
    case 431:
      return "header section too large\n";
    default:
      return "malformed request\n";
  }
}

const char* ErrorKind(int status) {
  switch (status) {
    case 413:
      return "body_too_large";
    case 431:
      return "header_too_large";
    case 501:
      return "not_implemented";
    case 505:
      return "http_version";
    default:
      return "bad_request";
  }
}

}  // namespace

class Connection;

class Server::Worker final : public net::IoHandler {
 public:
  Worker(Server& server, std::unique_ptr<EventLoop> loop, std::unique_ptr<HttpHandler> handler)
      : server_(server),
        loop_(std::move(loop)),
        handler_(std::move(handler)),
        reaper_([this] { graveyard_.clear(); }),
        accept_pause_([this] { ResumeAccepting(); }) {}
  ~Worker();

  Status Init() {
    return loop_->Watch(server_.listener_.fd(), net::kReadable | net::kExclusive, this);
  }
  void Run() {
    loop_->Run();
    CloseAll();
  }
  void OnIo(uint32_t events) override;

  EventLoop& loop() { return *loop_; }
  HttpHandler& handler() { return *handler_; }
  Server& server() { return server_; }
  const ServerOptions& options() const { return server_.options_; }
  ServerObserver* observer() { return server_.observer_; }
  bool draining() const { return server_.draining(); }
  bool stop_accepting() const { return stop_accepting_; }

  // Loop thread only.
  void Release(Connection* c);
  void StopAcceptingOnLoop();
  void BeginDrainOnLoop(bool close_idle);
  void CloseAll();
  // accept() failing for want of descriptors would spin a level-triggered listener: stop
  // watching it for a moment instead.
  void PauseAccepting() {
    if (!listening_) return;
    loop_->Unwatch(server_.listener_.fd(), this);
    listening_ = false;
    loop_->ArmAfter(accept_pause_, 100'000);
  }
  void ResumeAccepting() {
    if (listening_ || stop_accepting_) return;
    if (loop_->Watch(server_.listener_.fd(), net::kReadable | net::kExclusive, this)) {
      listening_ = true;
    }
  }
  void MaybeFinish() {
    if (stop_accepting_ && connections_.empty()) loop_->Stop();
  }

 private:
  Server& server_;
  std::unique_ptr<EventLoop> loop_;
  std::unique_ptr<HttpHandler> handler_;
  std::unordered_map<Connection*, std::unique_ptr<Connection>> connections_;
  std::vector<std::unique_ptr<Connection>> graveyard_;
  net::Timer reaper_;
  net::Timer accept_pause_;
  bool stop_accepting_ = false;
  bool listening_ = true;
};

class Connection final : public net::IoHandler {
 public:
  Connection(Server::Worker& w, std::unique_ptr<net::Transport> t, net::TlsTransport* tls,
             bool reject)
      : w_(w),
        t_(std::move(t)),
        tls_(tls),
        parser_(w.options().limits),
        timer_([this] { OnTimer(); }),
        reject_(reject),
        state_(w.options().tls ? State::kHandshake : State::kActive) {
    buf_.resize(kInitialBuffer);
    last_activity_us_ = EventLoop::NowUs();
    phase_start_us_ = last_activity_us_;
  }
  ~Connection() {
    if (t_) w_.loop().Unwatch(t_->fd(), this);
  }

  Status Watch() {
    return w_.loop().Watch(t_->fd(), net::kReadable | net::kWritable | net::kEdgeTriggered, this);
  }
  bool reject() const { return reject_; }
  void OnIo(uint32_t) override {
    input_drained_ = false;
    Drive();
  }

  // Drain: the next response says Connection: close. With `close_idle` (the listener is
  // closed), connections with no request in progress close now.
  void OnDrain(bool close_idle) {
    if (h2_) {
      // While the listener is open the client only learns to open no more streams here; the
      // final GOAWAY, seconds later, cannot race a stream it sent before it knew.
      if (close_idle) {
        ShutdownH2();
      } else {
        NoticeH2();
      }
      Drive();
      return;
    }
    // A connection that has not been answered yet (handshake or first request on its way) is
    // not idle: its client connected before the listener closed and gets its answer; if it
    // stays silent it has read_timeout, not idle_timeout (see Deadline).
    bool idle = state_ == State::kActive && served_ && len_ == 0 && out_pos_ == out_.size();
    if (close_idle && idle) {
      Close();
      return;
    }
    close_after_response_ = true;
    Drive();
  }

  void Close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    w_.loop().Cancel(timer_);
    if (t_) {
      w_.loop().Unwatch(t_->fd(), this);
      t_.reset();
    }
    w_.Release(this);
  }

 private:
  enum class State { kHandshake, kActive, kLingering, kClosed };

  void Drive() {
    while (state_ != State::kClosed) {
      bool progress = false;
      if (state_ == State::kHandshake) {
        net::IoResult h = t_->Handshake();
        if (h.status == IoStatus::kOk) {
          state_ = State::kActive;
          Touch();
          progress = true;
          if (tls_ && w_.options().http2 && tls_->alpn() == "h2") StartH2();
        } else if (h.status == IoStatus::kWantRead || h.status == IoStatus::kWantWrite) {
          break;
        } else {
          if (ServerObserver* m = w_.observer()) m->OnError("tls_handshake");
          Close();
          return;
        }
      }
      if (out_pos_ < out_.size()) {
        net::IoResult r = t_->Write(out_.data() + out_pos_, out_.size() - out_pos_);
        if (r.status == IoStatus::kOk) {
          out_pos_ += r.bytes;
          Touch();
          progress = true;
          if (out_pos_ == out_.size()) {
            out_.clear();
            out_pos_ = 0;
          }
        } else if (r.status == IoStatus::kError || r.status == IoStatus::kEof) {
          Close();
          return;
        }
      }
      if (out_pos_ == out_.size() && state_ == State::kActive && h2_ && h2_->finished()) {
        StartLingering();  // what the client still sends must not reset the GOAWAY before it
        progress = true;   // is read
      }
      if (out_pos_ == out_.size() && state_ == State::kActive) {
        if (close_after_flush_) {
          StartLingering();
          progress = true;
        } else if (peer_closed_) {
          Close();
          return;
        } else if (paused_) {
          paused_ = false;
          Process();
          progress = true;
        }
      }
      if (state_ == State::kLingering) {
        char sink[4096];
        net::IoResult r = t_->Read(sink, sizeof(sink));
        if (r.status == IoStatus::kOk) {
          progress = true;
        } else if (r.status == IoStatus::kEof || r.status == IoStatus::kError) {
          Close();
          return;
        }
      } else if (state_ == State::kActive && !paused_ && !peer_closed_ && !close_after_flush_ &&
                 !input_drained_) {
        if (len_ == buf_.size()) buf_.resize(buf_.size() * 2);
        net::IoResult r = t_->Read(buf_.data() + len_, buf_.size() - len_);
        if (r.status == IoStatus::kOk) {
          if (len_ == 0) phase_start_us_ = EventLoop::NowUs();
          len_ += r.bytes;
          // The socket is empty: the read after the response would only say EAGAIN; the
          // next bytes raise a new edge (OnIo).
          input_drained_ = t_->InputDrained();
          Touch();
          Process();
          progress = true;
        } else if (r.status == IoStatus::kEof) {
          peer_closed_ = true;
          progress = true;
        } else if (r.status == IoStatus::kError) {
          Close();
          return;
        }
      }
      if (!progress) break;
    }
    if (state_ != State::kClosed) ArmTimer();
  }

  void Touch() { last_activity_us_ = EventLoop::NowUs(); }

  // Parses and answers every complete request in the buffer, in order.
  void Process() {
    if (h2_) {
      ProcessH2();
      return;
    }
    if (!sniffed_ && !tls_ && w_.options().http2 && len_ > 0) {
      bool complete = false;
      if (LooksLikeH2Preface(std::string_view(buf_.data(), len_), &complete)) {
        if (!complete) return;  // wait for the rest of the preface
        StartH2();
        ProcessH2();
        return;
      }
      sniffed_ = true;
    }
    while (len_ > 0 && !close_after_flush_) {
      if (out_.size() - out_pos_ >= kMaxPendingOutput) {
        paused_ = true;
        return;
      }
      http::ParseStatus s = parser_.Parse(std::span<char>(buf_.data(), len_));
      if (s == http::ParseStatus::kIncomplete) {
        if (parser_.headers_complete() && parser_.expect_continue() && !continue_sent_) {
          http::AppendContinue(out_);
          continue_sent_ = true;
        }
        return;
      }
      if (s == http::ParseStatus::kError) {
        const http::ParseError& e = parser_.error();
        if (ServerObserver* m = w_.observer()) m->OnError(ErrorKind(e.status));
        Respond(e.status, fmt::format("{}\n", e.message), false, false);
        len_ = 0;
        return;
      }
      const http::Request& req = parser_.request();
      bool keep_alive = req.keep_alive && !close_after_response_ && !w_.draining();
      bool head = req.method == "HEAD";
      if (reject_) {
        if (ServerObserver* m = w_.observer()) m->OnError("connection_limit");
        Respond(503, "too many connections\n", false, head);
      } else {
        if (ServerObserver* m = w_.observer()) m->OnRequestsInFlight(1);
        HttpResponse r = w_.handler().Handle(req);
        if (ServerObserver* m = w_.observer()) m->OnRequestsInFlight(-1);
        RespondWith(r, keep_alive, head);
      }
      std::size_t used = parser_.consumed();
      std::memmove(buf_.data(), buf_.data() + used, len_ - used);
      len_ -= used;
      parser_.Reset();
      continue_sent_ = false;
      phase_start_us_ = EventLoop::NowUs();  // a pipelined request starts its own clock
      if (len_ == 0 && buf_.size() > 4 * kInitialBuffer) {
        buf_.resize(kInitialBuffer);  // give back the room a large body needed
        buf_.shrink_to_fit();
      }
    }
  }

  void RespondWith(const HttpResponse& r, bool keep_alive, bool head) {
    http::AppendResponse(out_,
                         {.status = r.status,
                          .content_type = r.content_type,
                          .keep_alive = keep_alive,
                          .extra = r.extra},
                         r.body, head);
    if (ServerObserver* m = w_.observer()) m->OnResponse(r.status);
    served_ = true;
    if (!keep_alive) close_after_flush_ = true;
  }

  void Respond(int status, std::string_view body, bool keep_alive, bool head) {
    RespondWith({.status = status, .content_type = "text/plain; charset=utf-8", .body = body},
                keep_alive, head);
  }

  void StartH2() {
    h2_ = std::make_unique<H2ServerSession>(w_.options().limits, w_.options().max_streams);
    sniffed_ = true;
    FlushH2();
  }

  // A drain or a refused connection: GOAWAY once; streams in progress still get answers.
  void ShutdownH2() {
    if (goaway_sent_) return;
    goaway_sent_ = true;
    h2_->Shutdown();
    FlushH2();
  }

  void NoticeH2() {
    if (notice_sent_ || goaway_sent_) return;
    notice_sent_ = true;
    h2_->ShutdownNotice();
    FlushH2();
  }

  void FlushH2() {
    if (!h2_->FillOutput()) {
      close_after_flush_ = true;
      return;
    }
    std::string_view o = h2_->output();
    out_.append(o);
    h2_->Consumed(o.size());
  }

  void ProcessH2() {
    if (out_.size() - out_pos_ >= kMaxPendingOutput) {
      paused_ = true;
      return;
    }
    if (len_ > 0) {
      Status st = h2_->Receive(std::span<const char>(buf_.data(), len_));
      len_ = 0;
      if (!st) {
        if (ServerObserver* m = w_.observer()) m->OnError("h2_protocol");
        FlushH2();
        close_after_flush_ = true;
        return;
      }
    }
    std::vector<int32_t>& ready = h2_->ready();
    // Like "Connection: close" on HTTP/1.1, the GOAWAY of a drain or a refused connection
    // follows an answer, so a client that opened the connection still gets one. A drain with
    // the listener open only sends the notice (see OnDrain).
    const bool goaway = (reject_ || w_.stop_accepting()) && !ready.empty();
    const bool notice = !goaway && w_.draining() && !ready.empty();
    for (std::size_t i = 0; i < ready.size(); ++i) {
      int known = 0;
      const Request& req = h2_->request(ready[i], &known);
      HttpResponse r;
      if (reject_) {
        if (ServerObserver* m = w_.observer()) m->OnError("connection_limit");
        r = {.status = 503, .content_type = kPlain, .body = "too many connections\n"};
      } else if (known != 0) {
        if (ServerObserver* m = w_.observer()) m->OnError(ErrorKind(known));
        r = {.status = known, .content_type = kPlain, .body = H2Reason(known)};
      } else {
        if (ServerObserver* m = w_.observer()) m->OnRequestsInFlight(1);
        r = w_.handler().Handle(req);
        if (ServerObserver* m = w_.observer()) m->OnRequestsInFlight(-1);
      }
      if (h2_->Respond(ready[i], {.status = r.status,
                                  .content_type = r.content_type,
                                  .body = r.body,
                                  .extra = r.extra})) {
        if (ServerObserver* m = w_.observer()) m->OnResponse(r.status);
      }
    }
    ready.clear();
    if (goaway) ShutdownH2();
    if (notice) NoticeH2();
    FlushH2();
  }

  void StartLingering() {
    t_->Shutdown();
    state_ = State::kLingering;
    phase_start_us_ = EventLoop::NowUs();
  }

  int64_t Deadline() const {
    const ServerOptions& o = w_.options();
    switch (state_) {
      case State::kHandshake:
        return phase_start_us_ + o.read_timeout_us;
      case State::kLingering:
        return phase_start_us_ + o.linger_us;
      default:
        break;
    }
    if (out_pos_ < out_.size()) return last_activity_us_ + o.read_timeout_us;  // stalled reader
    if (h2_) {
      return h2_->open_streams() > 0 ? last_activity_us_ + o.read_timeout_us
                                     : last_activity_us_ + o.idle_timeout_us;
    }
    if (len_ > 0) return phase_start_us_ + o.read_timeout_us;  // partial request
    // Not answered yet when the listener closed: its request has read_timeout to come.
    if (!served_ && w_.stop_accepting()) return last_activity_us_ + o.read_timeout_us;
    return last_activity_us_ + o.idle_timeout_us;
  }

  void ArmTimer() {
    int64_t d = Deadline();
    // A later deadline is picked up when the armed one fires (OnTimer re-checks), which saves
    // a heap operation on every read.
    if (!timer_.armed() || d < timer_.deadline_us()) w_.loop().ArmAt(timer_, d);
  }

  void OnTimer() {
    int64_t now = EventLoop::NowUs();
    if (now < Deadline()) {
      ArmTimer();
      return;
    }
    ServerObserver* m = w_.observer();
    if (state_ == State::kHandshake) {
      if (m) m->OnError("tls_handshake_timeout");
      Close();
    } else if (state_ == State::kLingering) {
      Close();
    } else if (out_pos_ < out_.size()) {
      if (m) m->OnError("write_timeout");
      Close();
    } else if (h2_) {
      if (m && h2_->open_streams() > 0) m->OnError("read_timeout");
      Close();
    } else if (len_ > 0) {
      if (m) m->OnError("read_timeout");
      len_ = 0;
      Respond(408, "request not received in time\n", false, false);
      Drive();
    } else {
      Close();  // idle keep-alive connection
    }
  }

  Server::Worker& w_;
  std::unique_ptr<net::Transport> t_;
  net::TlsTransport* tls_;  // t_ when it is TLS (for ALPN), else nullptr
  std::unique_ptr<H2ServerSession> h2_;
  bool sniffed_ = false;  // a plain connection's first bytes were checked for the h2 preface
  bool goaway_sent_ = false;
  bool notice_sent_ = false;
  http::RequestParser parser_;
  net::Timer timer_;
  bool reject_;
  State state_;
  std::vector<char> buf_;
  std::size_t len_ = 0;
  std::string out_;
  std::size_t out_pos_ = 0;
  int64_t last_activity_us_ = 0;
  int64_t phase_start_us_ = 0;  // handshake, request or lingering start
  bool continue_sent_ = false;
  bool close_after_flush_ = false;     // a response said Connection: close
  bool close_after_response_ = false;  // draining: the next response says Connection: close
  bool served_ = false;                // a response was queued on this connection
  bool peer_closed_ = false;
  bool paused_ = false;
  bool input_drained_ = false;  // see Transport::InputDrained; cleared by every event
};

Server::Worker::~Worker() {
  CloseAll();
  graveyard_.clear();
}

void Server::Worker::OnIo(uint32_t) {
  if (!listening_) return;
  for (int i = 0; i < kAcceptBatch; ++i) {
    auto fd = server_.listener_.Accept();
    if (!fd) {
      if (ServerObserver* m = observer()) m->OnError("accept");
      PauseAccepting();
      return;
    }
    if (!fd->has_value()) return;
    int open = server_.connections_.fetch_add(1) + 1;
    if (open > options().max_connections + kRejectSlack) {
      server_.connections_.fetch_sub(1);
      if (ServerObserver* m = observer()) m->OnError("connection_limit");
      continue;  // the UniqueFd closes it
    }
    std::unique_ptr<net::Transport> t;
    net::TlsTransport* tls = nullptr;
    if (options().tls) {
      std::unique_ptr<net::TlsTransport> tt = options().tls->NewTransport(std::move(**fd));
      tls = tt.get();
      t = std::move(tt);
    } else {
      t = std::make_unique<net::TcpTransport>(std::move(**fd));
    }
    if (!t) {
      server_.connections_.fetch_sub(1);
      continue;
    }
    bool reject = open > options().max_connections;
    auto c = std::make_unique<Connection>(*this, std::move(t), tls, reject);
    Connection* raw = c.get();
    if (!c->Watch()) {
      server_.connections_.fetch_sub(1);
      continue;
    }
    connections_.emplace(raw, std::move(c));
    if (ServerObserver* m = observer()) m->OnConnections(1);
    raw->OnIo(net::kReadable | net::kWritable);
  }
}

void Server::Worker::Release(Connection* c) {
  auto it = connections_.find(c);
  if (it == connections_.end()) return;
  graveyard_.push_back(std::move(it->second));
  connections_.erase(it);
  server_.connections_.fetch_sub(1);
  if (ServerObserver* m = observer()) m->OnConnections(-1);
  loop_->ArmAfter(reaper_, 0);
  MaybeFinish();
}

void Server::Worker::BeginDrainOnLoop(bool close_idle) {
  std::vector<Connection*> open;
  for (auto& [raw, owned] : connections_) open.push_back(raw);
  for (Connection* c : open) c->OnDrain(close_idle);
}

void Server::Worker::StopAcceptingOnLoop() {
  loop_->Cancel(accept_pause_);
  if (listening_) {
    loop_->Unwatch(server_.listener_.fd(), this);
    listening_ = false;
  }
  stop_accepting_ = true;
  BeginDrainOnLoop(true);
  MaybeFinish();
}

void Server::Worker::CloseAll() {
  std::vector<Connection*> open;
  for (auto& [raw, owned] : connections_) open.push_back(raw);
  for (Connection* c : open) c->Close();
}

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options,
                                              const HandlerFactory& factory,
                                              ServerObserver* observer) {
  std::unique_ptr<Server> s(new Server());
  s->options_ = options;
  s->observer_ = observer;
  auto listener = net::Listener::Bind(options.listen);
  if (!listener) return tl::unexpected(listener.error());
  s->listener_ = std::move(*listener);
  s->address_ = s->listener_.local_address();
  int threads = std::max(1, options.threads);
  for (int i = 0; i < threads; ++i) {
    auto loop = EventLoop::Create();
    if (!loop) return tl::unexpected(loop.error());
    auto w = std::make_unique<Worker>(*s, std::move(*loop), factory());
    if (auto st = w->Init(); !st) return tl::unexpected(st.error());
    s->workers_.push_back(std::move(w));
  }
  for (auto& w : s->workers_) s->threads_.emplace_back([wp = w.get()] { wp->Run(); });
  return s;
}

Server::~Server() {
  if (!threads_.empty()) {
    StopAccepting();
    Wait(0);
  }
}

void Server::BeginDrain() {
  draining_.store(true, std::memory_order_release);
  for (auto& w : workers_) w->loop().Post([wp = w.get()] { wp->BeginDrainOnLoop(false); });
}

void Server::StopAccepting() {
  if (stopped_accepting_) return;
  stopped_accepting_ = true;
  draining_.store(true, std::memory_order_release);
  for (auto& w : workers_) w->loop().Post([wp = w.get()] { wp->StopAcceptingOnLoop(); });
}

void Server::Wait(int64_t deadline_us) {
  int64_t until = EventLoop::NowUs() + deadline_us;
  // Workers exit on their own when their last connection closes; past the deadline, stop them.
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    while (!workers_[i]->loop().stopped() && EventLoop::NowUs() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    workers_[i]->loop().Stop();
    threads_[i].join();
  }
  threads_.clear();
  listener_.Close();
}

}  // namespace gori::http
