#include "net/event_loop.h"

#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>

#include <cstring>
#include <string>

#include "base/check.h"

namespace gori::net {
namespace {

constexpr int kMaxEvents = 256;

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

uint32_t ToEpoll(uint32_t interest) {
  // EPOLLEXCLUSIVE accepts only IN/OUT/ET/WAKEUP, so RDHUP is left out for shared listeners.
  uint32_t e = (interest & kExclusive) ? 0u : static_cast<uint32_t>(EPOLLRDHUP);
  if (interest & kReadable) e |= EPOLLIN;
  if (interest & kWritable) e |= EPOLLOUT;
  if (interest & kEdgeTriggered) e |= EPOLLET;
  if (interest & kExclusive) e |= EPOLLEXCLUSIVE;
  return e;
}

uint32_t FromEpoll(uint32_t e) {
  uint32_t out = 0;
  if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) out |= kReadable;
  if (e & (EPOLLOUT | EPOLLHUP | EPOLLERR)) out |= kWritable;
  if (e & (EPOLLRDHUP | EPOLLHUP)) out |= kHangup;
  if (e & EPOLLERR) out |= kErrorEvent;
  return out;
}

}  // namespace

Timer::~Timer() {
  if (armed() && loop_ != nullptr) loop_->Cancel(*this);
}

Result<std::unique_ptr<EventLoop>> EventLoop::Create() {
  std::unique_ptr<EventLoop> loop(new EventLoop());
  loop->epoll_.Reset(epoll_create1(EPOLL_CLOEXEC));
  if (!loop->epoll_.valid()) return Fail(Errno("epoll_create1"));
  loop->timer_fd_.Reset(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
  if (!loop->timer_fd_.valid()) return Fail(Errno("timerfd_create"));
  loop->wake_fd_.Reset(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!loop->wake_fd_.valid()) return Fail(Errno("eventfd"));
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = &loop->timer_fd_;
  if (epoll_ctl(loop->epoll_.get(), EPOLL_CTL_ADD, loop->timer_fd_.get(), &ev) != 0) {
    return Fail(Errno("epoll_ctl(timerfd)"));
  }
  ev.data.ptr = &loop->wake_fd_;
  if (epoll_ctl(loop->epoll_.get(), EPOLL_CTL_ADD, loop->wake_fd_.get(), &ev) != 0) {
    return Fail(Errno("epoll_ctl(eventfd)"));
  }
  loop->events_.reset(new epoll_event[kMaxEvents]);
  return loop;
}

EventLoop::~EventLoop() {
  for (Timer* t : heap_) t->heap_index_ = Timer::kNotArmed;
}

Status EventLoop::Watch(int fd, uint32_t interest, IoHandler* handler) {
  epoll_event ev{};
  ev.events = ToEpoll(interest);
  ev.data.ptr = handler;
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0) return Fail(Errno("epoll_ctl(ADD)"));
  return {};
}

void EventLoop::Unwatch(int fd, IoHandler* handler) {
  epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
  // Drop events of this handler still waiting in the current batch.
  for (int i = event_index_; i < event_count_; ++i) {
    if (events_[i].data.ptr == handler) events_[i].data.ptr = nullptr;
  }
}

int64_t EventLoop::NowUs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

bool EventLoop::Before(const Timer* a, const Timer* b) const {
  if (a->deadline_us_ != b->deadline_us_) return a->deadline_us_ < b->deadline_us_;
  return a->sequence_ < b->sequence_;
}

void EventLoop::HeapUp(std::size_t i) {
  Timer* t = heap_[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (!Before(t, heap_[parent])) break;
    heap_[i] = heap_[parent];
    heap_[i]->heap_index_ = i;
    i = parent;
  }
  heap_[i] = t;
  t->heap_index_ = i;
}

void EventLoop::HeapDown(std::size_t i) {
  Timer* t = heap_[i];
  const std::size_t n = heap_.size();
  while (true) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && Before(heap_[child + 1], heap_[child])) ++child;
    if (!Before(heap_[child], t)) break;
    heap_[i] = heap_[child];
    heap_[i]->heap_index_ = i;
    i = child;
  }
  heap_[i] = t;
  t->heap_index_ = i;
}

void EventLoop::HeapRemove(std::size_t i) {
  Timer* removed = heap_[i];
  removed->heap_index_ = Timer::kNotArmed;
  Timer* last = heap_.back();
  heap_.pop_back();
  if (last == removed) return;
  heap_[i] = last;
  last->heap_index_ = i;
  HeapUp(i);
  HeapDown(last->heap_index_);
}

void EventLoop::ArmAt(Timer& timer, int64_t deadline_us) {
  GORI_CHECK(timer.loop_ == nullptr || timer.loop_ == this);
  if (timer.armed()) HeapRemove(timer.heap_index_);
  timer.loop_ = this;
  timer.deadline_us_ = deadline_us;
  timer.sequence_ = next_sequence_++;
  heap_.push_back(&timer);
  HeapUp(heap_.size() - 1);
  if (heap_.front() == &timer) ArmTimerFd();
}

void EventLoop::Cancel(Timer& timer) {
  if (!timer.armed()) return;
  GORI_CHECK(timer.loop_ == this);
  HeapRemove(timer.heap_index_);
  // The timerfd may now fire early; RunTimers then finds nothing due and re-arms it.
}

void EventLoop::ArmTimerFd() {
  if (heap_.empty()) return;
  int64_t deadline = heap_.front()->deadline_us_;
  if (timer_fd_deadline_us_ != 0 && timer_fd_deadline_us_ <= deadline) return;
  itimerspec spec{};
  int64_t d = deadline > 0 ? deadline : 1;
  spec.it_value.tv_sec = d / 1'000'000;
  spec.it_value.tv_nsec = (d % 1'000'000) * 1000;
  timerfd_settime(timer_fd_.get(), TFD_TIMER_ABSTIME, &spec, nullptr);
  timer_fd_deadline_us_ = deadline;
}

void EventLoop::RunTimers() {
  int64_t now = NowUs();
  // Timers armed by callbacks for "now" run on the next turn, so a timer that re-arms itself
  // with zero delay cannot starve I/O.
  uint64_t limit = next_sequence_;
  while (!heap_.empty() && heap_.front()->deadline_us_ <= now && heap_.front()->sequence_ < limit) {
    Timer* t = heap_.front();
    HeapRemove(0);
    t->on_fire_();
  }
  if (timer_fd_deadline_us_ != 0 && timer_fd_deadline_us_ <= now) timer_fd_deadline_us_ = 0;
  if (!heap_.empty()) {
    if (timer_fd_deadline_us_ == 0 || heap_.front()->deadline_us_ < timer_fd_deadline_us_) {
      timer_fd_deadline_us_ = 0;
      ArmTimerFd();
    }
  }
}

void EventLoop::Run() {
  while (!stopped()) RunOnce(-1);
}

void EventLoop::RunOnce(int64_t max_wait_us) {
  int timeout_ms = -1;
  if (max_wait_us >= 0) timeout_ms = static_cast<int>((max_wait_us + 999) / 1000);
  if (!heap_.empty() && heap_.front()->deadline_us_ <= NowUs()) timeout_ms = 0;
  event_index_ = 0;
  event_count_ = 0;
  int n = epoll_wait(epoll_.get(), events_.get(), kMaxEvents, timeout_ms);
  if (n < 0) {
    GORI_CHECK(errno == EINTR);
    n = 0;
  }
  event_count_ = n;
  for (event_index_ = 0; event_index_ < event_count_; ++event_index_) {
    void* tag = events_[event_index_].data.ptr;
    if (tag == nullptr) continue;
    if (tag == &timer_fd_) {
      uint64_t expirations;
      while (read(timer_fd_.get(), &expirations, sizeof(expirations)) > 0) {
      }
      continue;
    }
    if (tag == &wake_fd_) {
      uint64_t count;
      while (read(wake_fd_.get(), &count, sizeof(count)) > 0) {
      }
      continue;
    }
    static_cast<IoHandler*>(tag)->OnIo(FromEpoll(events_[event_index_].events));
  }
  event_count_ = 0;
  event_index_ = 0;
  RunTimers();
  DrainPosted();
}

void EventLoop::Stop() {
  stop_.store(true, std::memory_order_release);
  uint64_t one = 1;
  [[maybe_unused]] ssize_t w = write(wake_fd_.get(), &one, sizeof(one));
}

void EventLoop::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(posted_mu_);
    posted_.push_back(std::move(task));
  }
  uint64_t one = 1;
  [[maybe_unused]] ssize_t w = write(wake_fd_.get(), &one, sizeof(one));
}

void EventLoop::DrainPosted() {
  {
    std::lock_guard<std::mutex> lock(posted_mu_);
    if (posted_.empty()) return;
    running_.swap(posted_);
  }
  for (auto& task : running_) task();
  running_.clear();
}

}  // namespace gori::net
