#include "net/event_loop.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace gori::net {
namespace {

std::unique_ptr<EventLoop> NewLoop() {
  auto loop = EventLoop::Create();
  EXPECT_TRUE(loop) << loop.error().message;
  return std::move(*loop);
}

TEST(EventLoopTimers, FireInDeadlineOrderThenFifo) {
  auto loop = NewLoop();
  std::vector<int> order;
  Timer a([&] { order.push_back(1); });
  Timer b([&] { order.push_back(2); });
  Timer c([&] { order.push_back(3); });
  Timer d([&] { order.push_back(4); });
  int64_t now = EventLoop::NowUs();
  loop->ArmAt(a, now + 3000);
  loop->ArmAt(b, now + 1000);
  loop->ArmAt(c, now + 2000);
  loop->ArmAt(d, now + 2000);
  while (order.size() < 4) loop->RunOnce(10'000);
  EXPECT_EQ(order, (std::vector<int>{2, 3, 4, 1}));
}

TEST(EventLoopTimers, CancelAndRearm) {
  auto loop = NewLoop();
  int fired = 0;
  Timer t([&] { ++fired; });
  loop->ArmAfter(t, 1000);
  EXPECT_TRUE(t.armed());
  loop->Cancel(t);
  EXPECT_FALSE(t.armed());
  loop->ArmAfter(t, 50'000);
  loop->ArmAfter(t, 1000);  // re-arming moves the deadline, never duplicates
  int64_t until = EventLoop::NowUs() + 20'000;
  while (EventLoop::NowUs() < until) loop->RunOnce(1000);
  EXPECT_EQ(fired, 1);
}

TEST(EventLoopTimers, DestroyedTimerIsRemoved) {
  auto loop = NewLoop();
  int fired = 0;
  Timer keep([&] { ++fired; });
  {
    Timer gone([&] { fired += 100; });
    loop->ArmAfter(gone, 500);
  }
  loop->ArmAfter(keep, 1000);
  while (fired == 0) loop->RunOnce(5000);
  EXPECT_EQ(fired, 1);
}

TEST(EventLoopTimers, FireWithinAMillisecond) {
  auto loop = NewLoop();
  std::vector<int64_t> late_us;
  int64_t deadline = 0;
  Timer t([&] { late_us.push_back(EventLoop::NowUs() - deadline); });
  for (int i = 0; i < 20; ++i) {
    deadline = EventLoop::NowUs() + 700;
    loop->ArmAt(t, deadline);
    while (t.armed()) loop->RunOnce(-1);
  }
  std::sort(late_us.begin(), late_us.end());
  EXPECT_GE(late_us.front(), 0);
  EXPECT_LT(late_us[late_us.size() / 2], 1000) << "median lateness";
}

TEST(EventLoopTimers, SelfRearmingZeroDelayDoesNotStarveTheLoop) {
  auto loop = NewLoop();
  int count = 0;
  Timer t([&] {
    ++count;
    loop->ArmAfter(t, 0);
  });
  loop->ArmAfter(t, 0);
  loop->RunOnce(0);
  EXPECT_LE(count, 1);
  loop->Cancel(t);
}

TEST(EventLoopThreads, StopAndPostFromAnotherThread) {
  auto loop = NewLoop();
  std::atomic<int> ran{0};
  std::thread runner([&] { loop->Run(); });
  loop->Post([&] { ran = 1; });
  while (ran.load() == 0) std::this_thread::yield();
  loop->Stop();
  runner.join();
  EXPECT_TRUE(loop->stopped());
}

class Recorder final : public IoHandler {
 public:
  void OnIo(uint32_t events) override {
    seen |= events;
    ++calls;
  }
  uint32_t seen = 0;
  int calls = 0;
};

TEST(EventLoopIo, ReadableAndHangup) {
  auto loop = NewLoop();
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
  Recorder r;
  ASSERT_TRUE(loop->Watch(sv[0], kReadable | kEdgeTriggered, &r));
  ASSERT_EQ(write(sv[1], "x", 1), 1);
  loop->RunOnce(100'000);
  EXPECT_TRUE(r.seen & kReadable);
  close(sv[1]);
  r.seen = 0;
  loop->RunOnce(100'000);
  EXPECT_TRUE(r.seen & kHangup);
  loop->Unwatch(sv[0], &r);
  close(sv[0]);
}

// A handler that destroys its peer's registration: the peer's pending event must be dropped.
class Killer final : public IoHandler {
 public:
  void OnIo(uint32_t) override {
    ++calls;
    if (victim_fd >= 0) {
      loop->Unwatch(victim_fd, victim);
      victim_fd = -1;
    }
  }
  EventLoop* loop = nullptr;
  int victim_fd = -1;
  IoHandler* victim = nullptr;
  int calls = 0;
};

TEST(EventLoopIo, UnwatchDropsPendingEventsOfTheSameBatch) {
  auto loop = NewLoop();
  int a[2], b[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b), 0);
  Killer k1, k2;
  k1.loop = k2.loop = loop.get();
  k1.victim_fd = b[0];
  k1.victim = &k2;
  k2.victim_fd = a[0];
  k2.victim = &k1;
  ASSERT_TRUE(loop->Watch(a[0], kReadable, &k1));
  ASSERT_TRUE(loop->Watch(b[0], kReadable, &k2));
  ASSERT_EQ(write(a[1], "x", 1), 1);
  ASSERT_EQ(write(b[1], "x", 1), 1);
  loop->RunOnce(100'000);
  EXPECT_EQ(k1.calls + k2.calls, 1);
  for (int fd : {a[0], a[1], b[0], b[1]}) close(fd);
}

}  // namespace
}  // namespace gori::net
