#include "http/lifecycle.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <fmt/format.h>

#include "net/event_loop.h"

namespace gori::http {
namespace {

sigset_t TerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

// Waits up to `timeout_us` for SIGTERM or SIGINT; true when one came. An interrupted wait
// (EINTR) resumes with the time left, so only a signal or the full timeout ends it.
bool WaitForSignal(const sigset_t& set, int64_t timeout_us) {
  const int64_t deadline = net::EventLoop::NowUs() + timeout_us;
  for (int64_t left = timeout_us; left > 0; left = deadline - net::EventLoop::NowUs()) {
    timespec ts{static_cast<time_t>(left / 1'000'000),
                static_cast<long>((left % 1'000'000) * 1000)};
    int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig == SIGTERM || sig == SIGINT) return true;
    if (sig < 0 && errno == EAGAIN) return false;
  }
  return false;
}

}  // namespace

void BlockTerminationSignals() {
  const sigset_t set = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void ServeUntilSignal(Server& server, std::atomic<int>& ready, const DrainOptions& drain,
                      const std::function<void()>& every_second,
                      const std::function<void(const std::string&)>& log) {
  const sigset_t set = TerminationSignals();
  while (!WaitForSignal(set, 1'000'000)) {
    if (every_second) every_second();
  }
  ready.store(0, std::memory_order_release);
  log(fmt::format("draining: not ready, answering with Connection: close for {} ms",
                  drain.drain_delay_us / 1000));
  server.BeginDrain();
  WaitForSignal(set, drain.drain_delay_us);
  server.StopAccepting();
  log("stopped accepting; finishing requests in progress");
  server.Wait(drain.drain_timeout_us);
  log("stopped");
}

}  // namespace gori::http
