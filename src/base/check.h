// src/base/check.h
//
// GORI_CHECK(cond) guards invariants that only a bug in gori can break. It aborts with the file
// and line. Never use it for anything input can cause: that is what Result<T> is for.
#pragma once

namespace gori::internal {
[[noreturn]] void CheckFailed(const char* expr, const char* file, int line);
}  // namespace gori::internal

#define GORI_CHECK(cond)                                                   \
  do {                                                                     \
    if (!(cond)) ::gori::internal::CheckFailed(#cond, __FILE__, __LINE__); \
  } while (0)
