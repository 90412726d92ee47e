#include "report/report.h"

namespace gori::report {

std::array<std::size_t, 5> Report::CountBySeverity() const {
  std::array<std::size_t, 5> counts{};
  for (const auto& f : findings) {
    if (!f.suppressed) ++counts[static_cast<std::size_t>(f.severity)];
  }
  return counts;
}

std::size_t Report::Suppressed() const {
  std::size_t n = 0;
  for (const auto& f : findings) n += f.suppressed ? 1 : 0;
  return n;
}

bool Report::Fails() const {
  if (fail_never) return false;
  for (const auto& f : findings) {
    if (!f.suppressed && f.severity >= fail_on) return true;
  }
  return false;
}

}  // namespace gori::report
