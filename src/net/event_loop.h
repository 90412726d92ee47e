// src/net/event_loop.h
//
// One epoll loop per thread: file-descriptor readiness, microsecond timers and a thread-safe
// wakeup (eventfd) for stop and cross-thread tasks.
//
// Readiness: Watch(fd, interest, handler). Connections should use kEdgeTriggered with both
// kReadable and kWritable: the socket is registered once and never modified, because every
// handler already reads and writes until EAGAIN (TLS must drain OpenSSL's own buffer anyway, so
// level triggering would buy nothing but epoll_ctl calls each time the write side blocks).
// Listeners use level triggering (plus kExclusive when several loops share one listening socket)
// so an accept batch can stop early and resume on the next turn.
//
// Lifetime: a handler must Unwatch its fd before it is destroyed; events still pending for it in
// the current batch are then dropped, so destroying a handler inside a callback is safe.
//
// Timers are intrusive (the owner keeps the Timer object; arming allocates nothing) and kept in
// a binary heap; one timerfd (CLOCK_MONOTONIC, absolute) is re-armed only when the earliest
// deadline moves earlier, so a steady stream of later timers costs no system call.
//
// Thread-safety: everything runs on the loop's thread except Stop() and Post(), which any
// thread may call.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/result.h"
#include "net/fd.h"

struct epoll_event;

namespace gori::net {

// Interest and event bits.
enum : uint32_t {
  kReadable = 1u << 0,
  kWritable = 1u << 1,
  kEdgeTriggered = 1u << 2,  // interest only
  kExclusive = 1u << 3,      // interest only: EPOLLEXCLUSIVE (shared listening sockets)
  kHangup = 1u << 4,         // event only: peer closed or reset (also reported as readable)
  kErrorEvent = 1u << 5,     // event only
};

class IoHandler {
 public:
  virtual void OnIo(uint32_t events) = 0;

 protected:
  ~IoHandler() = default;
};

class EventLoop;

class Timer {
 public:
  explicit Timer(std::function<void()> on_fire) : on_fire_(std::move(on_fire)) {}
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  bool armed() const { return heap_index_ != kNotArmed; }
  int64_t deadline_us() const { return deadline_us_; }

 private:
  friend class EventLoop;
  static constexpr std::size_t kNotArmed = ~std::size_t{0};
  std::function<void()> on_fire_;
  EventLoop* loop_ = nullptr;
  int64_t deadline_us_ = 0;
  uint64_t sequence_ = 0;  // FIFO among equal deadlines
  std::size_t heap_index_ = kNotArmed;
};

class EventLoop {
 public:
  static Result<std::unique_ptr<EventLoop>> Create();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  Status Watch(int fd, uint32_t interest, IoHandler* handler);
  void Unwatch(int fd, IoHandler* handler);

  // CLOCK_MONOTONIC in microseconds.
  static int64_t NowUs();
  void ArmAt(Timer& timer, int64_t deadline_us);
  void ArmAfter(Timer& timer, int64_t delay_us) { ArmAt(timer, NowUs() + delay_us); }
  void Cancel(Timer& timer);

  // Runs until Stop(). Returns after the iteration that saw the stop.
  void Run();
  // One iteration: waits at most `max_wait_us` (-1 = until something happens), dispatches.
  void RunOnce(int64_t max_wait_us);
  // Thread-safe. Wakes the loop; Run() returns.
  void Stop();
  bool stopped() const { return stop_.load(std::memory_order_acquire); }
  // Thread-safe. Runs `task` on the loop's thread at its next iteration.
  void Post(std::function<void()> task);

 private:
  EventLoop() = default;
  void RunTimers();
  void ArmTimerFd();
  void HeapUp(std::size_t i);
  void HeapDown(std::size_t i);
  void HeapRemove(std::size_t i);
  bool Before(const Timer* a, const Timer* b) const;
  void DrainPosted();

  UniqueFd epoll_;
  UniqueFd timer_fd_;
  UniqueFd wake_fd_;
  std::atomic<bool> stop_{false};
  std::vector<Timer*> heap_;
  uint64_t next_sequence_ = 0;
  int64_t timer_fd_deadline_us_ = 0;  // 0 = disarmed
  std::unique_ptr<epoll_event[]> events_;
  int event_count_ = 0;
  int event_index_ = 0;
  std::mutex posted_mu_;
  std::vector<std::function<void()>> posted_;
  std::vector<std::function<void()>> running_;
};

}  // namespace gori::net
