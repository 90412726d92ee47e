// src/load/worker.h (internal to the engine)
//
// Worker: one thread, one epoll loop, its connections and its statistics. Client: one
// connection running iterations (the scenario's steps in order): one at a time over HTTP/1.1,
// up to `streams` at once over HTTP/2 (each iteration in a slot; capped by the peer's
// SETTINGS_MAX_CONCURRENT_STREAMS, so nghttp2 never queues a request out of sight: a request
// without a slot waits in the worker's queue, keeping its intended start). Both live only on
// their worker's thread; the only cross-thread traffic is the per-second IntervalStats handed to
// RunShared under its mutex, an atomic in-flight gauge, and Post()ed abort requests.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "http/h2_client.h"
#include "load/engine.h"
#include "load/grpc/method.h"
#include "load/h2_request.h"
#include "load/json_path.h"
#include "load/schedule.h"
#include "load/session.h"
#include "load/stats.h"
#include "net/event_loop.h"
#include "net/socket.h"
#include "net/tls.h"
#include "net/transport.h"

namespace gori::load {

// State shared by the workers and the thread that called Run().
struct RunShared {
  const Scenario* scenario = nullptr;
  LoadOptions options;
  std::vector<net::SocketAddress> addresses;
  std::shared_ptr<net::TlsClientContext> tls;  // null for http://
  HttpVersion http = HttpVersion::kAuto;
  bool h2c = false;                       // plain TCP (or Unix socket) with HTTP/2 prior knowledge
  int streams = 1;                        // HTTP/2 streams per connection
  std::vector<const grpc::Method*> grpc;  // gRPC: each step's method; empty otherwise
  // Bits of Protocol: what the connections of the run spoke.
  std::atomic<uint32_t> protocols{0};
  int64_t start_us = 0;
  int threads = 1;

  std::mutex mu;
  std::condition_variable cv;
  // Per worker: finished seconds in order; `done` once its last one is queued.
  std::vector<std::deque<std::unique_ptr<IntervalStats>>> queues;
  std::vector<bool> done;
  std::vector<std::vector<StepStats>> steps;  // per worker, filled when it is done
  std::vector<HdrHistogram> iterations;       // per worker, filled when it is done
  std::vector<int64_t> finish_us;             // per worker, when it finished
  std::unique_ptr<std::atomic<int64_t>[]> in_flight;
  // The first message seen for each error kind (under `mu`), so a report can say why.
  std::array<std::string, kErrorKinds> error_examples;
  std::atomic<uint32_t> example_mask{0};
};

class Worker;

class Client final : public net::IoHandler {
 public:
  explicit Client(Worker& worker);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Starts an iteration whose first request was due at `intended_us`, in a free slot.
  void Start(int64_t intended_us);
  // Opens the connection ahead of need (open model warm pool).
  void Warm();
  void Abort();
  void OnIo(uint32_t events) override;
  // Writes what HTTP/2 streams queued during this loop turn (one write for all of them).
  void FlushH2();

  // A new iteration may start now.
  bool available() const { return state_ != State::kBackoff && busy_ < Capacity(); }

 private:
  enum class State : uint8_t { kDisconnected, kConnecting, kHandshaking, kConnected, kBackoff };

  // One iteration in progress (HTTP/1.1: one slot; HTTP/2: one per stream).
  static constexpr std::size_t kNoStep = ~std::size_t{0};
  struct Slot {
    Slot(uint32_t t, std::function<void()> on_timeout)
        : tag(t), timeout_timer(std::move(on_timeout)) {}
    uint32_t tag;  // index in slots_, the HTTP/2 stream tag
    bool busy = false;
    bool sent = false;  // the current step's request went out (fully or partly)
    int64_t iteration_start_us = 0;
    std::size_t step = 0;
    int64_t step_due_us = 0;
    int64_t sent_us = 0;
    std::size_t row = 0;
    std::vector<std::string> vars;
    std::vector<CompiledRequest::Scratch> scratch;
    net::Timer timeout_timer;
    H2RequestScratch h2;
    http::H2Request h2_request;     // the HTTP/2 form last built, views into h2 and the step
    std::size_t h2_step = kNoStep;  // the static step h2_request stays valid for
    std::string grpc_json;          // the JSON last encoded into grpc_body, for step grpc_step
    std::size_t grpc_step = 0;
    std::string grpc_body;
    std::string grpc_timeout;
  };

  int Capacity() const;
  Slot& FreeSlot();
  void Connect();
  void ConnectFailed(std::string_view why);
  void OnWritableWhileConnecting();
  void DoHandshake();
  void OnReady();
  void SendStep(Slot& s);
  void SendStepH2(Slot& s, std::string_view h1, int64_t timeout_ns);
  void Flush();
  void Receive();
  void ReceiveH2();
  void OnH2Closed();
  void ConnectionFailed(ErrorKind kind, std::string_view why);
  void OnResponse(Slot& s, const http::Response& r, int grpc_status, int64_t now_us);
  void FailSlot(Slot& s, ErrorKind kind);
  void FailRequest(ErrorKind kind);
  void CloseConnection();
  void EndIteration(Slot& s, bool ok, int64_t now_us);
  void OnTimeout(Slot& s);
  void OnBackoffOver();

  Worker& w_;
  State state_ = State::kDisconnected;
  int fd_ = -1;
  net::UniqueFd connecting_fd_;
  std::unique_ptr<net::Transport> transport_;
  std::size_t address_index_ = 0;
  int backoff_ms_ = 0;

  std::vector<std::unique_ptr<Slot>> slots_;
  int busy_ = 0;            // slots with an iteration
  bool writing_ = false;    // bytes still to write
  bool h2_ = false;         // this connection speaks HTTP/2
  bool flush_due_ = false;  // HTTP/2 frames queued, FlushH2 pending
  std::unique_ptr<Session> session_;
  std::unique_ptr<http::H2ClientSession> h2s_;
  std::vector<char> in_;          // HTTP/2 reads
  std::vector<uint32_t> closed_;  // tags of streams being handled (capacity reused)
  std::unique_ptr<JsonProbe> json_;
  std::string value_;
  std::string decoded_;            // gRPC response as JSON
  std::string_view grpc_message_;  // of the response being handled
  net::Timer backoff_timer_;
};

class Worker {
 public:
  Worker(RunShared& shared, int index, std::unique_ptr<net::EventLoop> loop);
  ~Worker();

  void Run();           // the thread body
  void RequestAbort();  // any thread

 private:
  friend class Client;

  void OnArrivalTimer();
  void OnArrivals();
  void Dispatch();
  void OnSecond();
  void OnEnd();
  void MaybeFinish();
  void Finish();
  void ClientIdle(Client* c);
  bool MayStartClosedIteration();
  void SetInFlight(int64_t delta);
  // Fills every free slot of `c` from the queue (open) or the budget (closed).
  void Fill(Client* c);
  // HTTP/2 output is written once per loop turn: between BeginTurn and EndTurn, clients that
  // queued frames are listed and flushed at the end.
  void BeginTurn() { ++turn_depth_; }
  void EndTurn();
  void FlushLater(Client* c);
  bool HasExample(ErrorKind kind) const;
  void NoteExample(ErrorKind kind, std::string_view why);
  int64_t NowUs() const { return net::EventLoop::NowUs(); }

  RunShared& shared_;
  int index_;
  std::unique_ptr<net::EventLoop> loop_;
  const Scenario& scenario_;
  const LoadOptions& options_;
  std::mt19937_64 rng_;

  std::vector<std::unique_ptr<Client>> clients_;
  int max_clients_ = 1;
  int turn_depth_ = 0;
  std::vector<Client*> flush_list_;

  // Open model.
  std::unique_ptr<ArrivalSchedule> schedule_;
  std::optional<int64_t> next_arrival_us_;
  std::vector<int64_t> queue_;  // due arrivals (intended start, µs), ring buffer
  std::size_t queue_head_ = 0;
  std::size_t queue_size_ = 0;

  // Closed model.
  int64_t budget_ = -1;  // iterations left (-1 = unbounded)

  bool sending_ = true;  // before the end of the run
  bool finished_ = false;
  int64_t in_flight_ = 0;
  int64_t row_counter_ = 0;
  int64_t end_us_ = 0;

  std::unique_ptr<IntervalStats> interval_;
  int64_t next_second_ = 1;
  std::vector<StepStats> steps_;
  HdrHistogram iteration_;

  net::Timer arrival_timer_;
  net::Timer second_timer_;
  net::Timer end_timer_;
  net::Timer drain_timer_;
};

}  // namespace gori::load
