#include "base/result.h"

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "base/check.h"

namespace gori {

std::string Error::ToString() const {
  if (line != 0) return fmt::format("{}:{}:{}: {}", file, line, column, message);
  if (!file.empty()) return fmt::format("{}: {}", file, message);
  return message;
}

namespace internal {
void CheckFailed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "gori: internal error: check failed: %s at %s:%d\n", expr, file, line);
  std::abort();
}
}  // namespace internal

}  // namespace gori
