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

Client::Client(Worker& worker)
    : w_(worker),
      session_(std::make_unique<Http1Session>()),
      timeout_timer_([this] { OnTimeout(); }),
      backoff_timer_([this] { OnBackoffOver(); }) {
  vars_.resize(w_.scenario_.variables.size());
  scratch_.resize(w_.scenario_.steps.size());
}

Client::~Client() {
  w_.loop_->Cancel(timeout_timer_);
  w_.loop_->Cancel(backoff_timer_);
  if (fd_ >= 0) w_.loop_->Unwatch(fd_, this);
}

void Client::Warm() {
  if (state_ == State::kDisconnected) Connect();
}

void Client::Start(int64_t intended_us) {
  busy_ = true;
  iteration_start_us_ = intended_us;
  step_ = 0;
  step_due_us_ = intended_us;
  const std::size_t rows = w_.scenario_.data.rows.size();
  if (rows > 0) {
    if (w_.scenario_.data_random) {
      row_ = static_cast<std::size_t>(w_.rng_() % rows);
    } else {
      row_ = static_cast<std::size_t>((w_.row_counter_++ * w_.shared_.threads + w_.index_) %
                                      static_cast<int64_t>(rows));
    }
  }
  for (auto& v : vars_) v.clear();
  w_.SetInFlight(1);
  if (state_ == State::kConnected) {
    SendStep();
  } else if (state_ == State::kDisconnected) {
    Connect();
  } else {
    // Still connecting (a warm connection): the connect counts against the timeout too.
    w_.loop_->ArmAfter(timeout_timer_, w_.options_.timeout_ns / 1000);
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
  if (busy_) w_.loop_->ArmAfter(timeout_timer_, w_.options_.timeout_ns / 1000);
}

void Client::ConnectFailed(std::string_view why) {
  w_.NoteExample(ErrorKind::kConnect, why);
  // The iteration fails with a connect error; the client waits (10 ms doubling to 1 s) before
  // it connects again, so a dead target is not hammered in a tight loop.
  CloseConnection();
  ++address_index_;
  backoff_ms_ = std::clamp(backoff_ms_ * 2, 10, 1000);
  state_ = State::kBackoff;
  w_.loop_->ArmAfter(backoff_timer_, int64_t{backoff_ms_} * 1000);
  if (busy_) FailRequest(ErrorKind::kConnect);
}

void Client::OnIo(uint32_t events) {
  switch (state_) {
    case State::kConnecting:
      OnWritableWhileConnecting();
      return;
    case State::kHandshaking:
      DoHandshake();
      return;
    case State::kConnected:
      if ((events & net::kWritable) && writing_) Flush();
      if (state_ == State::kConnected &&
          (events & (net::kReadable | net::kHangup | net::kErrorEvent))) {
        Receive();
      }
      return;
    case State::kDisconnected:
    case State::kBackoff:
      return;
  }
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
      state_ = State::kConnected;
      backoff_ms_ = 0;
      OnReady();
      return;
    case net::IoStatus::kWantRead:
    case net::IoStatus::kWantWrite:
      return;
    case net::IoStatus::kEof:
    case net::IoStatus::kError: {
      const std::string why = r.status == net::IoStatus::kEof
                                  ? std::string("the server closed the connection in the handshake")
                                  : transport_->last_error();
      ConnectFailed(why);
      return;
    }
  }
}

void Client::OnReady() {
  if (busy_ && !sent_) SendStep();
}

void Client::SendStep() {
  const Step& step = w_.scenario_.steps[step_];
  std::span<const std::string> row;
  if (!w_.scenario_.data.rows.empty()) row = w_.scenario_.data.rows[row_];
  const TemplateContext ctx{&w_.rng_, row, vars_};
  session_->Submit(step.request.Render(ctx, scratch_[step_]), step.request.is_head());
  sent_ = true;
  writing_ = true;
  sent_us_ = w_.NowUs();
  if (step_ == 0 && w_.options_.open) {
    const int64_t delay = std::max<int64_t>(0, sent_us_ - iteration_start_us_);
    w_.interval_->send_delay.Record(delay);
    if (delay * 1000 > w_.options_.late_slack_ns) ++w_.interval_->late;
  }
  const int64_t timeout_ns = step.timeout_ns > 0 ? step.timeout_ns : w_.options_.timeout_ns;
  w_.loop_->ArmAt(timeout_timer_, sent_us_ + timeout_ns / 1000);
  Flush();
}

void Client::Flush() {
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

void Client::Receive() {
  net::Transport* t = transport_.get();
  while (state_ == State::kConnected && transport_.get() == t) {
    switch (session_->Receive(*t, busy_ && sent_)) {
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
        w_.loop_->Cancel(timeout_timer_);
        sent_ = false;
        writing_ = false;
        const bool drained = session_->drained();
        OnResponse(session_->response(), now);  // advances the iteration; may send the next step
        if (drained) return;
        break;
      }
    }
  }
}

void Client::OnResponse(const http::Response& resp, int64_t now_us) {
  const Step& step = w_.scenario_.steps[step_];
  IntervalStats& iv = *w_.interval_;
  StepStats& ss = w_.steps_[step_];
  const int64_t latency = now_us - step_due_us_;
  const int64_t service = now_us - sent_us_;
  iv.latency.Record(latency);
  iv.service.Record(service);
  ss.latency.Record(latency);
  ss.service.Record(service);
  ++iv.requests;
  ++ss.requests;
  if (resp.status >= 100 && resp.status < 600) ++iv.status[static_cast<std::size_t>(resp.status)];

  bool ok = step.statuses.empty() ? resp.status < 400
                                  : std::find(step.statuses.begin(), step.statuses.end(),
                                              resp.status) != step.statuses.end();
  ErrorKind kind = ErrorKind::kCheck;
  if (!ok) {
    kind = resp.status >= 500   ? ErrorKind::kStatus5xx
           : resp.status >= 400 ? ErrorKind::kStatus4xx
                                : ErrorKind::kStatus;
  } else if (step.NeedsJson()) {
    if (!json_) json_ = std::make_unique<JsonProbe>();
    json_->Parse(resp.body);
    for (const JsonCheck& c : step.json_checks) {
      if (!json_->Lookup(c.path, value_) || (c.equals && value_ != *c.equals)) {
        ok = false;
        break;
      }
    }
    for (std::size_t i = 0; ok && i < step.extract.size(); ++i) {
      if (!json_->Lookup(step.extract[i].second, vars_[step.extract[i].first])) ok = false;
    }
  }

  // Consumed() resets the response `resp` refers to: what the error example needs is read first.
  const int status = resp.status;
  const bool keep = session_->keep_alive();
  session_->Consumed();
  if (!keep) CloseConnection();

  if (!ok) {
    if (!w_.HasExample(kind)) {
      w_.NoteExample(kind, kind == ErrorKind::kCheck
                               ? fmt::format("step '{}': a JSON check failed or an extract path "
                                             "found nothing (status {})",
                                             step.name, status)
                               : fmt::format("step '{}': status {}", step.name, status));
    }
    ++iv.errors;
    ++iv.errors_by_kind[static_cast<std::size_t>(kind)];
    ++ss.errors;
    EndIteration(false, now_us);
    return;
  }
  if (step_ + 1 < w_.scenario_.steps.size()) {
    ++step_;
    step_due_us_ = now_us;
    if (state_ == State::kConnected) {
      SendStep();
    } else if (state_ == State::kDisconnected) {
      Connect();
    }
    return;
  }
  EndIteration(true, now_us);
}

void Client::FailRequest(ErrorKind kind) {
  IntervalStats& iv = *w_.interval_;
  ++iv.errors;
  ++iv.errors_by_kind[static_cast<std::size_t>(kind)];
  ++w_.steps_[step_].errors;
  w_.loop_->Cancel(timeout_timer_);
  sent_ = false;
  CloseConnection();
  if (busy_) EndIteration(false, w_.NowUs());
}

void Client::CloseConnection() {
  if (fd_ >= 0) w_.loop_->Unwatch(fd_, this);
  fd_ = -1;
  transport_.reset();
  connecting_fd_.Reset();
  if (state_ != State::kBackoff) state_ = State::kDisconnected;
  writing_ = false;
  session_->Reset();
}

void Client::EndIteration(bool ok, int64_t now_us) {
  busy_ = false;
  sent_ = false;
  w_.SetInFlight(-1);
  ++w_.interval_->iterations;
  if (ok && w_.scenario_.steps.size() > 1) w_.iteration_.Record(now_us - iteration_start_us_);
  w_.ClientIdle(this);
}

void Client::OnTimeout() {
  if (!busy_) return;
  if (state_ == State::kConnecting || state_ == State::kHandshaking) {
    ConnectFailed("no connection within the timeout");
  } else {
    w_.NoteExample(ErrorKind::kTimeout, "no complete response within the timeout");
    FailRequest(ErrorKind::kTimeout);
  }
}

void Client::OnBackoffOver() {
  state_ = State::kDisconnected;
  w_.ClientIdle(this);
}

void Client::Abort() {
  w_.loop_->Cancel(timeout_timer_);
  w_.loop_->Cancel(backoff_timer_);
  if (busy_) {
    // Cut off by the end of the run: neither answered nor failed.
    ++w_.interval_->unfinished;
    busy_ = false;
    sent_ = false;
    w_.SetInFlight(-1);
  }
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
    const int64_t now = NowUs();
    for (std::size_t i = 0; i < clients_.size() && !finished_; ++i) {
      if (MayStartClosedIteration()) clients_[i]->Start(now);
    }
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
  if (options_.open) {
    if (queue_size_ > 0 && c->available()) {
      const int64_t due = queue_[queue_head_];
      if (!(options_.drop_late && (NowUs() - due) * 1000 > options_.late_slack_ns)) {
        queue_head_ = (queue_head_ + 1) % queue_.size();
        --queue_size_;
        c->Start(due);
        return;
      }
      Dispatch();
    }
  } else if (c->available() && MayStartClosedIteration()) {
    c->Start(NowUs());
    return;
  }
  MaybeFinish();
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
