#include "report/report.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "rules/registry.h"

namespace gori::report {

std::string Location::Display() const {
  if (file.empty()) return "";
  if (rendered_line != 0) return fmt::format("{} (rendered line {})", file, rendered_line);
  if (line == 0) return std::string(file);
  return fmt::format("{}:{}:{}", file, line, column);
}

Location Locator::Where(const rules::Finding& f) const {
  Location l;
  l.file = l.input_file = f.file;
  l.line = l.input_line = f.line;
  l.column = l.input_column = f.column;
  if (f.object) {
    l.source = &f.object->source();
    l.source_line = f.line;
    l.source_column = f.column;
  }
  return l;
}

Location Locator::Where(const k8s::Object& o) const {
  Location l;
  l.file = l.input_file = o.source().name();
  l.line = l.input_line = o.root()->line();
  l.column = l.input_column = o.root()->column();
  l.source = &o.source();
  l.source_line = l.line;
  l.source_column = l.column;
  return l;
}

Location Locator::Where(const Error& e) const {
  Location l;
  l.file = l.input_file = e.file;
  l.line = l.input_line = e.line;
  l.column = l.input_column = e.column;
  return l;
}

namespace {
const Locator& Identity() {
  static const Locator kIdentity;
  return kIdentity;
}
}  // namespace

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

Location Report::Where(const rules::Finding& f) const {
  return (locator ? *locator : Identity()).Where(f);
}
Location Report::Where(const k8s::Object& o) const {
  return (locator ? *locator : Identity()).Where(o);
}
Location Report::Where(const Error& e) const { return (locator ? *locator : Identity()).Where(e); }

std::vector<const rules::Rule*> Report::RulesUsed() const {
  std::vector<const rules::Rule*> out(rules.begin(), rules.end());
  std::set<std::string_view> known;
  for (const rules::Rule* r : out) known.insert(r->Info().id);
  auto add = [&](std::string_view id) {
    if (!known.insert(id).second) return;
    if (const rules::Rule* r = rules::FindRule(id)) out.push_back(r);
  };
  for (const auto& f : findings) {
    add(f.rule_id);
    for (std::string_view id : f.also_rules) add(id);
  }
  std::sort(out.begin(), out.end(),
            [](const rules::Rule* a, const rules::Rule* b) { return a->Info().id < b->Info().id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace gori::report
