// src/http/lifecycle.h
//
// How a gori server process lives: SIGTERM and SIGINT are blocked in every thread and taken
// synchronously by the controlling thread, which runs a periodic task (certificate reloads) once
// a second until one arrives; then the drain of server.h: not ready and "Connection: close" for
// `drain_delay_us` (a second signal cuts it short), stop accepting, and give requests in
// progress `drain_timeout_us`. Progress goes to `log`, one line each.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "http/server.h"

namespace gori::http {

// Call before starting any thread (workers inherit the mask).
void BlockTerminationSignals();

struct DrainOptions {
  int64_t drain_delay_us = 5'000'000;
  int64_t drain_timeout_us = 20'000'000;
};

// Returns after the drain. `ready` is set to 0 when the signal arrives.
void ServeUntilSignal(Server& server, std::atomic<int>& ready, const DrainOptions& drain,
                      const std::function<void()>& every_second,
                      const std::function<void(const std::string&)>& log);

}  // namespace gori::http
