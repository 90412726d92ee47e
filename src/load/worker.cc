#include "load/worker.h"

#include <sys/prctl.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace gori::load {
namespace {

int Share(int64_t total, int parts, int index) {
  return static_cast<int>(total / parts + (index < total % parts ? 1 : 0));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Client

namespace {

constexpr std::size_t kH2ReadChunk = 64 * 1024;
constexpr std::size_t kMaxResponseBytes = 64u << 20;

enum ProtocolBit : uint32_t { kUsedHttp1 = 1, kUsedH2 = 2, kUsedH2c = 4 };

}  // namespace

Client::Client(Worker& worker)
    : w_(worker),
      session_(std::make_unique<Http1Session>()),
      backoff_timer_([this] { OnBackoffOver(); }) {
  if (w_.shared_.h2c || w_.shared_.http != HttpVersion::k1) {
    h2s_ = std::make_unique<http::H2ClientSession>(
        static_cast<uint32_t>(std::max(1, w_.shared_.streams)), kMaxResponseBytes);
  }
}

Client::~Client() {
  for (auto& s : slots_) w_.loop_->Cancel(s->timeout_timer);
  w_.loop_->Cancel(backoff_timer_);
  if (fd_ >= 0) w_.loop_->Unwatch(fd_, this);
}

int Client::Capacity() const {
  // HTTP/2 known (prior knowledge, or negotiated on this connection): the user's streams within
  // the peer's limit; after GOAWAY none until the connection is replaced. Unknown yet (TLS
  // before ALPN): one, more once h2 is agreed.
  if (h2_ || (w_.shared_.h2c && state_ != State::kConnected)) {
    if (h2_ && state_ == State::kConnected && !h2s_->accepting()) return 0;
    return static_cast<int>(
        std::min<uint32_t>(static_cast<uint32_t>(w_.shared_.streams), h2s_->peer_max_streams()));
  }
  return 1;
}

Client::Slot& Client::FreeSlot() {
  for (auto& s : slots_) {
    if (!s->busy) return *s;
  }
  const std::size_t i = slots_.size();
  auto slot =
      std::make_unique<Slot>(static_cast<uint32_t>(i), [this, i] { OnTimeout(*slots_[i]); });
  Slot* raw = slot.get();
  raw->vars.resize(w_.scenario_.variables.size());
  raw->scratch.resize(w_.scenario_.steps.size());
  slots_.push_back(std::move(slot));
  return *raw;
}

void Client::Warm() {
  if (state_ == State::kDisconnected) Connect();
}

void Client::Start(int64_t intended_us) {
  Slot& s = FreeSlot();
  s.busy = true;
  ++busy_;
  s.iteration_start_us = intended_us;
  s.step = 0;
  s.step_due_us = intended_us;
  const std::size_t rows = w_.scenario_.data.rows.size();
  if (rows > 0) {
    if (w_.scenario_.data_random) {
      s.row = static_cast<std::size_t>(w_.rng_() % rows);
    } else {
      s.row = static_cast<std::size_t>((w_.row_counter_++ * w_.shared_.threads + w_.index_) %
                                       static_cast<int64_t>(rows));
    }
  }
  for (auto& v : s.vars) v.clear();
  w_.SetInFlight(1);
  if (state_ == State::kConnected) {
    SendStep(s);
  } else if (state_ == State::kDisconnected) {
    Connect();
  } else {
    // Still connecting (a warm connection): the connect counts against the timeout too.
    w_.loop_->ArmAfter(s.timeout_timer, w_.options_.timeout_ns / 1000);
  }
}

void Client::Connect() {
  const auto& addrs = w_.shared_.addresses;
  const net::SocketAddress& addr = addrs[address_index_ % addrs.size()];
  auto fd = net::StartConnect(addr);
  if (!fd) {
    ConnectFailed(fd.error().message);
    return;
  }
  fd_ = fd->get();
  connecting_fd_ = std::move(*fd);
  if (auto watched =
          w_.loop_->Watch(fd_, net::kReadable | net::kWritable | net::kEdgeTriggered, this);
      !watched) {
    connecting_fd_.Reset();
    fd_ = -1;
    ConnectFailed(watched.error().message);
    return;
  }
  state_ = State::kConnecting;
  for (auto& s : slots_) {
    if (s->busy) w_.loop_->ArmAfter(s->timeout_timer, w_.options_.timeout_ns / 1000);
  }
}

void Client::ConnectFailed(std::string_view why) {
  w_.NoteExample(ErrorKind::kConnect, why);
  // The iterations fail with a connect error; the client waits (10 ms doubling to 1 s) before
  // it connects again, so a dead target is not hammered in a tight loop.
  CloseConnection();
  ++address_index_;
  backoff_ms_ = std::clamp(backoff_ms_ * 2, 10, 1000);
  state_ = State::kBackoff;
  w_.loop_->ArmAfter(backoff_timer_, int64_t{backoff_ms_} * 1000);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i]->busy) FailSlot(*slots_[i], ErrorKind::kConnect);
  }
}

void Client::OnIo(uint32_t events) {
  w_.BeginTurn();
  switch (state_) {
    case State::kConnecting:
      OnWritableWhileConnecting();
      break;
    case State::kHandshaking:
      DoHandshake();
      break;
    case State::kConnected:
      if ((events & net::kWritable) && writing_) Flush();
      if (state_ == State::kConnected &&
          (events & (net::kReadable | net::kHangup | net::kErrorEvent))) {
        transport_->Readable();
        Receive();
      }
      break;
    case State::kDisconnected:
    case State::kBackoff:
      break;
  }
  w_.EndTurn();
}

void Client::OnWritableWhileConnecting() {
  if (auto s = net::FinishConnect(fd_); !s) {
    ConnectFailed(s.error().message);
    return;
  }
  if (w_.shared_.tls) {
    transport_ = w_.shared_.tls->NewTransport(std::move(connecting_fd_));
  } else {
    transport_ = std::make_unique<net::TcpTransport>(std::move(connecting_fd_));
  }
  session_->Reset();
  state_ = State::kHandshaking;
  DoHandshake();
}

void Client::DoHandshake() {
  const net::IoResult r = transport_->Handshake();
  switch (r.status) {
    case net::IoStatus::kOk:
      break;
    case net::IoStatus::kWantRead:
    case net::IoStatus::kWantWrite:
      return;
    case net::IoStatus::kEof:
    case net::IoStatus::kError: {
      std::string why = r.status == net::IoStatus::kEof
                            ? std::string("the server closed the connection in the handshake")
                            : transport_->last_error();
      if (w_.shared_.http == HttpVersion::k2 && why.find("no application protocol") != why.npos) {
        why = "the server refused HTTP/2: no ALPN protocol in common (" + why + ")";
      }
      ConnectFailed(why);
      return;
    }
  }
  h2_ = w_.shared_.h2c;
  if (w_.shared_.tls && w_.shared_.http != HttpVersion::k1) {
    const std::string alpn = static_cast<net::TlsTransport&>(*transport_).alpn();
    h2_ = alpn == "h2";
    if (!h2_ && w_.shared_.http == HttpVersion::k2) {
      ConnectFailed(fmt::format("the server refused HTTP/2: ALPN chose {}",
                                alpn.empty() ? std::string("nothing") : "'" + alpn + "'"));
      return;
    }
  }
  state_ = State::kConnected;
  backoff_ms_ = 0;
  w_.shared_.protocols.fetch_or(h2_ ? (w_.shared_.tls ? kUsedH2 : kUsedH2c) : kUsedHttp1,
                                std::memory_order_relaxed);
  if (h2_) {
    h2s_->Reset();
    if (in_.empty()) in_.resize(kH2ReadChunk);
  }
  OnReady();
}

void Client::OnReady() {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    Slot& s = *slots_[i];
    if (s.busy && !s.sent && state_ == State::kConnected) SendStep(s);
  }
  if (state_ == State::kConnected) {
    if (h2_) {
      w_.Fill(this);
      if (!flush_due_) {
        flush_due_ = true;
        w_.FlushLater(this);  // the preface and SETTINGS go out even with nothing to ask
      }
    }
  }
}

void Client::SendStep(Slot& s) {
  const Step& step = w_.scenario_.steps[s.step];
  std::span<const std::string> row;
  if (!w_.scenario_.data.rows.empty()) row = w_.scenario_.data.rows[s.row];
  const TemplateContext ctx{&w_.rng_, row, s.vars};
  const std::string_view bytes = step.request.Render(ctx, s.scratch[s.step]);
  s.sent = true;
  s.sent_us = w_.NowUs();
  if (s.step == 0 && w_.options_.open) {
    const int64_t delay = std::max<int64_t>(0, s.sent_us - s.iteration_start_us);
    w_.interval_->send_delay.Record(delay);
    if (delay * 1000 > w_.options_.late_slack_ns) ++w_.interval_->late;
  }
  const int64_t timeout_ns = step.timeout_ns > 0 ? step.timeout_ns : w_.options_.timeout_ns;
  w_.loop_->ArmAt(s.timeout_timer, s.sent_us + timeout_ns / 1000);
  if (h2_) {
    SendStepH2(s, bytes, timeout_ns);
    return;
  }
  session_->Submit(bytes, step.request.is_head());
  writing_ = true;
  Flush();
}

void Client::SendStepH2(Slot& s, std::string_view h1, int64_t timeout_ns) {
  // A static request (no template slots, so the same bytes every time) is turned into its
  // HTTP/2 form once per slot and step, gRPC message and deadline included.
  const bool is_static =
      w_.scenario_.steps[s.step].request.shape() == CompiledRequest::Shape::kStatic;
  if (!is_static || s.h2_step != s.step) {
    s.h2_step = kNoStep;
    http::H2Request& req = s.h2_request;
    if (!ToH2Request(h1, w_.shared_.tls ? "https" : "http", !w_.shared_.grpc.empty(), s.h2, req)) {
      w_.NoteExample(ErrorKind::kProtocol, "the request could not be turned into HTTP/2");
      FailSlot(s, ErrorKind::kProtocol);
      return;
    }
    if (!w_.shared_.grpc.empty()) {
      const grpc::Method* m = w_.shared_.grpc[s.step];
      // The JSON body becomes one gRPC message; an unchanged body is encoded once.
      if (s.grpc_body.empty() || s.grpc_step != s.step || req.body != s.grpc_json) {
        if (auto e = m->Encode(req.body, s.grpc_body); !e) {
          s.grpc_body.clear();
          w_.NoteExample(ErrorKind::kCheck, e.error().message);
          FailSlot(s, ErrorKind::kCheck);
          return;
        }
        s.grpc_json.assign(req.body);
        s.grpc_step = s.step;
      }
      req.body = s.grpc_body;
      // The server learns the deadline, so it can give up when the client does.
      s.grpc_timeout = fmt::format("{}m", std::max<int64_t>(1, timeout_ns / 1'000'000));
      s.h2.fields.push_back({"grpc-timeout", s.grpc_timeout});
      req.headers = s.h2.fields;
    }
    if (is_static) s.h2_step = s.step;
  }
  const http::H2Request& req = s.h2_request;
  if (auto id = h2s_->Submit(req, s.tag); !id) {
    // No new streams on this connection (GOAWAY): not sent, so not processed.
    w_.NoteExample(ErrorKind::kRefused, id.error().message);
    FailSlot(s, ErrorKind::kRefused);
    return;
  }
  if (!flush_due_) {
    flush_due_ = true;
    w_.FlushLater(this);
  }
}

void Client::Flush() {
  if (h2_) {
    FlushH2();
    return;
  }
  switch (session_->Flush(*transport_)) {
    case SessionStatus::kDone:
      writing_ = false;
      return;
    case SessionStatus::kFailed:
      writing_ = false;
      w_.NoteExample(session_->error(), session_->why());
      FailRequest(session_->error());
      return;
    default:
      return;
  }
}

void Client::FlushH2() {
  flush_due_ = false;
  if (state_ != State::kConnected || !h2_) return;
  while (true) {
    if (h2s_->output().empty()) {
      if (auto e = h2s_->FillOutput(); !e) {
        ConnectionFailed(ErrorKind::kProtocol, e.error().message);
        return;
      }
      if (h2s_->output().empty()) break;
    }
    const std::string_view out = h2s_->output();
    const net::IoResult r = transport_->Write(out.data(), out.size());
    if (r.status == net::IoStatus::kOk) {
      h2s_->Consumed(r.bytes);
      continue;
    }
    if (r.status == net::IoStatus::kWantRead || r.status == net::IoStatus::kWantWrite) {
      writing_ = true;
      return;
    }
    ConnectionFailed(ErrorKind::kReset, transport_->last_error());
    return;
  }
  writing_ = false;
  OnH2Closed();  // a stream reset on send (too large) may have closed
  if (state_ == State::kConnected && busy_ == 0 && (h2s_->finished() || !h2s_->accepting())) {
    // GOAWAY and nothing left in flight: replace the connection.
    CloseConnection();
    w_.Fill(this);
  }
}

void Client::Receive() {
  if (h2_) {
    ReceiveH2();
    return;
  }
  net::Transport* t = transport_.get();
  if (slots_.empty()) FreeSlot();  // a warm connection the server closed before any request
  Slot& s = *slots_[0];
  while (state_ == State::kConnected && transport_.get() == t) {
    switch (session_->Receive(*t, s.busy && s.sent)) {
      case SessionStatus::kBlocked:
      case SessionStatus::kDone:
        return;
      case SessionStatus::kPeerClosed:
        CloseConnection();
        return;
      case SessionStatus::kFailed:
        w_.NoteExample(session_->error(), session_->why());
        FailRequest(session_->error());
        return;
      case SessionStatus::kResponse: {
        const int64_t now = w_.NowUs();
        w_.loop_->Cancel(s.timeout_timer);
        s.sent = false;
        writing_ = false;
        const bool drained = session_->drained();
        OnResponse(s, session_->response(), -1, now);  // may send the next step
        if (drained) return;
        break;
      }
    }
  }
}

void Client::ReceiveH2() {
  net::Transport* t = transport_.get();
  while (state_ == State::kConnected && transport_.get() == t) {
    const net::IoResult r = t->Read(in_.data(), in_.size());
    if (r.status == net::IoStatus::kOk) {
      if (auto e = h2s_->Receive(std::span<const char>(in_.data(), r.bytes)); !e) {
        ConnectionFailed(ErrorKind::kProtocol, e.error().message);
        return;
      }
      const bool drained = t->InputDrained();
      OnH2Closed();
      if (drained) break;
      continue;
    }
    if (r.status == net::IoStatus::kWantRead || r.status == net::IoStatus::kWantWrite) break;
    if (r.status == net::IoStatus::kEof) {
      ConnectionFailed(ErrorKind::kClosed,
                       h2s_->goaway().empty()
                           ? std::string("the server closed the connection")
                           : "the server closed the connection after " + h2s_->goaway());
    } else {
      ConnectionFailed(ErrorKind::kReset, t->last_error());
    }
    return;
  }
  // WINDOW_UPDATE, SETTINGS ACK and the next requests leave with this turn's write.
  if (state_ == State::kConnected && transport_.get() == t && !flush_due_) {
    flush_due_ = true;
    w_.FlushLater(this);
  }
}

void Client::OnH2Closed() {
  if (!h2s_ || h2s_->closed().empty() || !closed_.empty()) return;  // not re-entered
  const int64_t now = w_.NowUs();
  // Taken out first: handling one stream may open the next, which must not touch this list.
  closed_.swap(h2s_->closed_tags());
  for (uint32_t tag : closed_) {
    if (tag >= slots_.size()) continue;
    Slot& s = *slots_[tag];
    if (!s.busy || !s.sent) continue;
    w_.loop_->Cancel(s.timeout_timer);
    s.sent = false;
    const http::H2Response& r = h2s_->response(tag);
    switch (r.outcome) {
      case http::H2Outcome::kResponse: {
        http::Response resp;
        resp.status = r.status;
        resp.body = r.body;
        int grpc_status = -1;
        if (!w_.shared_.grpc.empty()) {
          grpc_status = r.grpc_status >= 0 ? r.grpc_status : grpc::StatusFromHttp(r.status);
          grpc_message_ = r.grpc_message;
        }
        OnResponse(s, resp, grpc_status, now);
        break;
      }
      case http::H2Outcome::kRefused:
        w_.NoteExample(ErrorKind::kRefused, h2s_->goaway().empty()
                                                ? std::string("RST_STREAM REFUSED_STREAM")
                                                : "not processed: " + h2s_->goaway());
        FailSlot(s, ErrorKind::kRefused);
        break;
      case http::H2Outcome::kReset:
        w_.NoteExample(ErrorKind::kStreamReset, "RST_STREAM " + http::H2ErrorName(r.error_code));
        FailSlot(s, ErrorKind::kStreamReset);
        break;
      case http::H2Outcome::kTooLarge:
        w_.NoteExample(ErrorKind::kProtocol, "response larger than 64 MiB");
        FailSlot(s, ErrorKind::kProtocol);
        break;
    }
    if (state_ != State::kConnected || !h2s_) break;
  }
  closed_.clear();
}

void Client::ConnectionFailed(ErrorKind kind, std::string_view why) {
  if (busy_ > 0) w_.NoteExample(kind, why);
  // Every stream in flight on this connection fails; iterations that start while they are
  // failed (ClientIdle) go to a new connection.
  std::vector<Slot*> in_flight;
  for (auto& s : slots_) {
    if (s->busy) in_flight.push_back(s.get());
  }
  CloseConnection();
  for (Slot* s : in_flight) {
    if (s->busy) FailSlot(*s, kind);
  }
}

void Client::OnResponse(Slot& s, const http::Response& resp, int grpc_status, int64_t now_us) {
  const Step& step = w_.scenario_.steps[s.step];
  IntervalStats& iv = *w_.interval_;
  StepStats& ss = w_.steps_[s.step];
  const int64_t latency = now_us - s.step_due_us;
  const int64_t service = now_us - s.sent_us;
  iv.latency.Record(latency);
  iv.service.Record(service);
  ss.latency.Record(latency);
  ss.service.Record(service);
  ++iv.requests;
  ++ss.requests;
  if (resp.status >= 100 && resp.status < 600) ++iv.status[static_cast<std::size_t>(resp.status)];

  bool ok;
  ErrorKind kind = ErrorKind::kCheck;
  if (grpc_status >= 0) {
    const auto code = static_cast<std::size_t>(
        grpc_status < static_cast<int>(kGrpcCodes) ? grpc_status : 2);  // out of range: UNKNOWN
    ++iv.grpc_status[code];
    ok = code == 0;
    if (!ok) kind = ErrorKind::kGrpc;
  } else {
    ok = step.statuses.empty() ? resp.status < 400
                               : std::find(step.statuses.begin(), step.statuses.end(),
                                           resp.status) != step.statuses.end();
    if (!ok) {
      kind = resp.status >= 500   ? ErrorKind::kStatus5xx
             : resp.status >= 400 ? ErrorKind::kStatus4xx
                                  : ErrorKind::kStatus;
    }
  }
  if (ok && step.NeedsJson()) {
    if (!json_) json_ = std::make_unique<JsonProbe>();
    std::string_view body = resp.body;
    if (!w_.shared_.grpc.empty()) {
      if (w_.shared_.grpc[s.step]->Decode(resp.body, decoded_)) {
        body = decoded_;
      } else {
        body = {};
      }
    }
    json_->Parse(body);
    for (const JsonCheck& c : step.json_checks) {
      if (!json_->Lookup(c.path, value_) || (c.equals && value_ != *c.equals)) {
        ok = false;
        break;
      }
    }
    for (std::size_t i = 0; ok && i < step.extract.size(); ++i) {
      if (!json_->Lookup(step.extract[i].second, s.vars[step.extract[i].first])) ok = false;
    }
  }

  // Consumed() resets the response `resp` refers to: what the error example needs is read first.
  const int status = resp.status;
  if (!h2_) {
    const bool keep = session_->keep_alive();
    session_->Consumed();
    if (!keep) CloseConnection();
  }

  if (!ok) {
    if (!w_.HasExample(kind)) {
      std::string why;
      if (kind == ErrorKind::kCheck) {
        why = fmt::format(
            "step '{}': a JSON check failed or an extract path found nothing "
            "(status {})",
            step.name, status);
      } else if (kind == ErrorKind::kGrpc) {
        why = fmt::format("step '{}': grpc-status {} ({}){}{}", step.name,
                          grpc::StatusName(grpc_status), grpc_status,
                          grpc_message_.empty() ? "" : ": ", grpc_message_);
      } else {
        why = fmt::format("step '{}': status {}", step.name, status);
      }
      w_.NoteExample(kind, why);
    }
    ++iv.errors;
    ++iv.errors_by_kind[static_cast<std::size_t>(kind)];
    ++ss.errors;
    EndIteration(s, false, now_us);
    return;
  }
  if (s.step + 1 < w_.scenario_.steps.size()) {
    ++s.step;
    s.step_due_us = now_us;
    if (state_ == State::kConnected) {
      SendStep(s);
    } else if (state_ == State::kDisconnected) {
      Connect();
    }
    return;
  }
  EndIteration(s, true, now_us);
}

void Client::FailSlot(Slot& s, ErrorKind kind) {
  IntervalStats& iv = *w_.interval_;
  ++iv.errors;
  ++iv.errors_by_kind[static_cast<std::size_t>(kind)];
  ++w_.steps_[s.step].errors;
  w_.loop_->Cancel(s.timeout_timer);
  s.sent = false;
  if (s.busy) EndIteration(s, false, w_.NowUs());
}

void Client::FailRequest(ErrorKind kind) {
  // HTTP/1.1: the connection is in an unknown state after a failed request.
  Slot& s = *slots_[0];
  w_.loop_->Cancel(s.timeout_timer);
  CloseConnection();
  FailSlot(s, kind);
}

void Client::CloseConnection() {
  if (fd_ >= 0) w_.loop_->Unwatch(fd_, this);
  fd_ = -1;
  transport_.reset();
  connecting_fd_.Reset();
  if (state_ != State::kBackoff) state_ = State::kDisconnected;
  writing_ = false;
  session_->Reset();
  h2_ = false;
  for (auto& s : slots_) s->sent = false;
}

void Client::EndIteration(Slot& s, bool ok, int64_t now_us) {
  s.busy = false;
  s.sent = false;
  --busy_;
  w_.SetInFlight(-1);
  ++w_.interval_->iterations;
  if (ok && w_.scenario_.steps.size() > 1) w_.iteration_.Record(now_us - s.iteration_start_us);
  w_.ClientIdle(this);
}

void Client::OnTimeout(Slot& s) {
  if (!s.busy) return;
  w_.BeginTurn();
  if (state_ == State::kConnecting || state_ == State::kHandshaking) {
    ConnectFailed("no connection within the timeout");
  } else if (h2_) {
    // Only this stream gives up; the connection carries on.
    w_.NoteExample(ErrorKind::kTimeout, "no complete response within the timeout");
    h2s_->Cancel(s.tag);
    if (!flush_due_) {
      flush_due_ = true;
      w_.FlushLater(this);
    }
    FailSlot(s, ErrorKind::kTimeout);
  } else {
    w_.NoteExample(ErrorKind::kTimeout, "no complete response within the timeout");
    FailRequest(ErrorKind::kTimeout);
  }
  w_.EndTurn();
}

void Client::OnBackoffOver() {
  state_ = State::kDisconnected;
  w_.BeginTurn();
  w_.ClientIdle(this);
  w_.EndTurn();
}

void Client::Abort() {
  w_.loop_->Cancel(backoff_timer_);
  for (auto& s : slots_) {
    w_.loop_->Cancel(s->timeout_timer);
    if (s->busy) {
      // Cut off by the end of the run: neither answered nor failed.
      ++w_.interval_->unfinished;
      s->busy = false;
      s->sent = false;
      w_.SetInFlight(-1);
    }
  }
  busy_ = 0;
  state_ = State::kDisconnected;
  CloseConnection();
}

// ---------------------------------------------------------------------------------------------
// Worker

Worker::Worker(RunShared& shared, int index, std::unique_ptr<net::EventLoop> loop)
    : shared_(shared),
      index_(index),
      loop_(std::move(loop)),
      scenario_(*shared.scenario),
      options_(shared.options),
      rng_(shared.options.seed + static_cast<uint64_t>(index) * 7919),
      interval_(std::make_unique<IntervalStats>()),
      steps_(shared.scenario->steps.size()),
      arrival_timer_([this] { OnArrivalTimer(); }),
      second_timer_([this] { OnSecond(); }),
      end_timer_([this] { OnEnd(); }),
      drain_timer_([this] { Finish(); }) {
  const int t = shared.threads;
  if (options_.open) {
    // Thread `index` of shard s of S takes global arrivals s + S*index + S*t*k: the shard's
    // share is s mod S whatever its thread count.
    const int shards = options_.shards;
    schedule_ = std::make_unique<ArrivalSchedule>(options_.stages, options_.arrivals, options_.seed,
                                                  t * shards, options_.shard + shards * index,
                                                  options_.requests);
    max_clients_ = std::max(1, Share(options_.max_connections, t, index));
  } else {
    max_clients_ = std::max(1, Share(options_.connections, t, index));
    if (options_.requests > 0) {
      budget_ = Share(Share(options_.requests, options_.shards, options_.shard), t, index);
    }
  }
  queue_.resize(1024);
}

Worker::~Worker() {
  clients_.clear();
  loop_->Cancel(arrival_timer_);
  loop_->Cancel(second_timer_);
  loop_->Cancel(end_timer_);
  loop_->Cancel(drain_timer_);
}

bool Worker::HasExample(ErrorKind kind) const {
  return (shared_.example_mask.load(std::memory_order_relaxed) >> static_cast<int>(kind)) & 1u;
}

void Worker::NoteExample(ErrorKind kind, std::string_view why) {
  if (HasExample(kind)) return;
  std::lock_guard<std::mutex> lock(shared_.mu);
  auto& slot = shared_.error_examples[static_cast<std::size_t>(kind)];
  if (slot.empty()) slot = std::string(why);
  shared_.example_mask.fetch_or(1u << static_cast<int>(kind), std::memory_order_relaxed);
}

void Worker::SetInFlight(int64_t delta) {
  in_flight_ += delta;
  shared_.in_flight[static_cast<std::size_t>(index_)].store(in_flight_, std::memory_order_relaxed);
}

void Worker::Run() {
  // Timers of this thread fire within a microsecond of their deadline instead of the default
  // 50 µs slack, which would otherwise dominate the scheduling error at high rates.
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
  const int64_t start = shared_.start_us;
  while (net::EventLoop::NowUs() < start) loop_->RunOnce(start - net::EventLoop::NowUs());
  loop_->ArmAt(second_timer_, start + 1'000'000);
  if (options_.duration_ns > 0) {
    end_us_ = start + options_.duration_ns / 1000;
    loop_->ArmAt(end_timer_, end_us_);
  }
  const int initial =
      options_.open ? Share(options_.connections, shared_.threads, index_) : max_clients_;
  for (int i = 0; i < initial; ++i) {
    clients_.push_back(std::make_unique<Client>(*this));
  }
  if (options_.open) {
    for (auto& c : clients_) c->Warm();
    if (auto t = schedule_->Next()) next_arrival_us_ = start + *t / 1000;
    if (next_arrival_us_) {
      loop_->ArmAt(arrival_timer_, *next_arrival_us_);
    } else {
      MaybeFinish();
    }
  } else {
    BeginTurn();
    for (std::size_t i = 0; i < clients_.size() && !finished_; ++i) Fill(clients_[i].get());
    EndTurn();
    MaybeFinish();
  }
  if (!finished_) loop_->Run();
  clients_.clear();
}

void Worker::RequestAbort() {
  loop_->Post([this] {
    if (!finished_) Finish();
  });
}

void Worker::OnArrivalTimer() {
  BeginTurn();
  OnArrivals();
  EndTurn();
}

void Worker::OnArrivals() {
  const int64_t now = NowUs();
  while (next_arrival_us_ && *next_arrival_us_ <= now) {
    if (queue_size_ == queue_.size()) {
      // Grow the ring (only while warming up or while the target is falling behind).
      std::vector<int64_t> bigger(queue_.size() * 2);
      for (std::size_t i = 0; i < queue_size_; ++i) {
        bigger[i] = queue_[(queue_head_ + i) % queue_.size()];
      }
      queue_ = std::move(bigger);
      queue_head_ = 0;
    }
    queue_[(queue_head_ + queue_size_) % queue_.size()] = *next_arrival_us_;
    ++queue_size_;
    auto t = schedule_->Next();
    next_arrival_us_ = t ? std::optional<int64_t>(shared_.start_us + *t / 1000) : std::nullopt;
  }
  if (next_arrival_us_) loop_->ArmAt(arrival_timer_, *next_arrival_us_);
  Dispatch();
  MaybeFinish();
}

void Worker::Dispatch() {
  if (finished_) return;
  const int64_t now = NowUs();
  std::size_t scan = 0;
  while (queue_size_ > 0) {
    const int64_t due = queue_[queue_head_];
    if (options_.drop_late && (now - due) * 1000 > options_.late_slack_ns) {
      ++interval_->dropped;
      queue_head_ = (queue_head_ + 1) % queue_.size();
      --queue_size_;
      continue;
    }
    Client* idle = nullptr;
    for (; scan < clients_.size(); ++scan) {
      if (clients_[scan]->available()) {
        idle = clients_[scan].get();
        break;
      }
    }
    if (!idle && static_cast<int>(clients_.size()) < max_clients_) {
      clients_.push_back(std::make_unique<Client>(*this));
      idle = clients_.back().get();
    }
    if (!idle) break;
    queue_head_ = (queue_head_ + 1) % queue_.size();
    --queue_size_;
    idle->Start(due);
  }
}

void Worker::ClientIdle(Client* c) {
  if (finished_) return;
  Fill(c);
  MaybeFinish();
}

void Worker::Fill(Client* c) {
  if (finished_) return;
  if (options_.open) {
    while (queue_size_ > 0 && c->available()) {
      const int64_t due = queue_[queue_head_];
      if (options_.drop_late && (NowUs() - due) * 1000 > options_.late_slack_ns) {
        Dispatch();
        return;
      }
      queue_head_ = (queue_head_ + 1) % queue_.size();
      --queue_size_;
      c->Start(due);
    }
  } else {
    while (c->available() && MayStartClosedIteration()) c->Start(NowUs());
  }
}

void Worker::FlushLater(Client* c) {
  if (turn_depth_ == 0) {
    c->FlushH2();
  } else {
    flush_list_.push_back(c);
  }
}

void Worker::EndTurn() {
  if (--turn_depth_ > 0) return;
  // Flushing may queue more (a failed write ends iterations, which start others).
  ++turn_depth_;
  for (std::size_t i = 0; i < flush_list_.size(); ++i) flush_list_[i]->FlushH2();
  flush_list_.clear();
  --turn_depth_;
}

bool Worker::MayStartClosedIteration() {
  if (!sending_ || finished_ || budget_ == 0) return false;
  if (budget_ > 0) --budget_;
  return true;
}

void Worker::OnSecond() {
  interval_->index = next_second_ - 1;
  auto fresh = std::make_unique<IntervalStats>();
  fresh->index = next_second_;
  {
    std::lock_guard<std::mutex> lock(shared_.mu);
    shared_.queues[static_cast<std::size_t>(index_)].push_back(std::move(interval_));
  }
  shared_.cv.notify_all();
  interval_ = std::move(fresh);
  if (next_second_ * 1'000'000'000 == options_.warmup_ns) {
    // The warm-up ends here: whole-run totals start over, as the engine drops its seconds.
    for (StepStats& s : steps_) s = StepStats();
    iteration_ = HdrHistogram();
  }
  ++next_second_;
  loop_->ArmAt(second_timer_, shared_.start_us + next_second_ * 1'000'000);
}

void Worker::OnEnd() {
  sending_ = false;
  // Requests still in flight (and, in the open model, arrivals still queued) get up to their
  // timeout, at most 2 s, to finish; what is left then is counted as unfinished or dropped.
  loop_->ArmAt(drain_timer_,
               end_us_ + std::min<int64_t>(options_.timeout_ns / 1000, 2'000'000) + 1000);
  MaybeFinish();
}

void Worker::MaybeFinish() {
  if (finished_ || in_flight_ > 0) return;
  if (options_.open) {
    if (!next_arrival_us_ && queue_size_ == 0) Finish();
  } else if (!sending_ || budget_ == 0) {
    Finish();
  }
}

void Worker::Finish() {
  if (finished_) return;
  finished_ = true;
  for (auto& c : clients_) c->Abort();
  interval_->dropped += static_cast<int64_t>(queue_size_);
  queue_size_ = 0;
  loop_->Cancel(arrival_timer_);
  loop_->Cancel(second_timer_);
  loop_->Cancel(end_timer_);
  loop_->Cancel(drain_timer_);
  interval_->index = next_second_ - 1;
  {
    std::lock_guard<std::mutex> lock(shared_.mu);
    const auto i = static_cast<std::size_t>(index_);
    shared_.queues[i].push_back(std::move(interval_));
    shared_.steps[i] = std::move(steps_);
    shared_.iterations[i] = std::move(iteration_);
    shared_.finish_us[i] = NowUs();
    shared_.done[i] = true;
  }
  shared_.cv.notify_all();
  loop_->Stop();
}

}  // namespace gori::load
