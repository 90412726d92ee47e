#include "rules/suppression.h"

#include <chrono>
#include <unordered_map>

#include <fmt/format.h>

#include "doc/document.h"
#include "rules/config.h"
#include "rules/index.h"
#include "rules/registry.h"

namespace gori::rules {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  int month = (d[5] - '0') * 10 + (d[6] - '0');
  int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

void Collect(const doc::Node* annotations, const std::string& path, std::string_view today,
             std::vector<IgnoreAnnotation>& out) {
  if (!annotations) return;
  for (const doc::Pair& p : annotations->pairs()) {
    std::string_view key = p.key->text();
    if (!key.starts_with(kIgnorePrefix)) continue;
    IgnoreAnnotation a;
    a.key = p.key;
    a.value = p.value;
    a.path = fmt::format("{}.{}", path, key);
    std::string_view rest = key.substr(kIgnorePrefix.size());
    // A ValidatingAdmissionPolicy's findings (vap/<name>): the name may hold dots, and a key
    // may not hold a second '/', so the whole rest after "vap." is the policy name.
    a.policy = rest.starts_with("vap.");
    auto dot = a.policy ? std::string_view::npos : rest.find('.');
    if (a.policy) rest.remove_prefix(4);
    a.rule_id = rest.substr(0, dot);
    if (dot != std::string_view::npos) a.container = rest.substr(dot + 1);
    std::string_view value = p.value->IsScalar() ? p.value->text() : std::string_view();
    auto semi = value.rfind(';');
    bool has_until =
        semi != std::string_view::npos && Trim(value.substr(semi + 1)).starts_with("until=");
    if (has_until) {
      a.until = Trim(Trim(value.substr(semi + 1)).substr(6));
      value = value.substr(0, semi);
    }
    a.reason = Trim(value);
    if (a.rule_id.empty() || (!a.policy && !FindRule(a.rule_id))) {
      a.problem = fmt::format("names no known rule ('{}')", a.rule_id);
    } else if (dot != std::string_view::npos && a.container.empty()) {
      a.problem = "names an empty container";
    } else if (a.reason.empty()) {
      a.problem = "gives no reason";
    } else if (has_until && !IsDate(a.until)) {
      a.problem = fmt::format("has a malformed date 'until={}' (want YYYY-MM-DD)", a.until);
    }
    a.expired = a.problem.empty() && !a.until.empty() && a.until < today;
    out.push_back(std::move(a));
  }
}

bool HasIgnoreAnnotation(const doc::Node* annotations) {
  if (!annotations) return false;
  for (const doc::Pair& p : annotations->pairs()) {
    if (p.key->text().starts_with(kIgnorePrefix)) return true;
  }
  return false;
}

}  // namespace

std::vector<IgnoreAnnotation> IgnoreAnnotations(const k8s::Object& o, std::string_view today) {
  std::vector<IgnoreAnnotation> out;
  Collect(o.annotations(), "metadata.annotations", today, out);
  if (const k8s::PodSpec* pod = o.pod(); pod && pod->metadata && pod->metadata != o.metadata()) {
    Collect(pod->annotations(), pod->metadata_path + ".annotations", today, out);
  }
  return out;
}

std::string Today(const Config& config) {
  if (!config.today.empty()) return config.today;
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{days};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

void ApplyAnnotationSuppressions(std::span<Finding> findings, std::string_view today) {
  std::unordered_map<const k8s::Object*, std::vector<IgnoreAnnotation>> cache;
  for (Finding& f : findings) {
    if (f.suppressed || !f.object) continue;
    const k8s::Object& o = *f.object;
    auto it = cache.find(&o);
    if (it == cache.end()) {
      bool any = HasIgnoreAnnotation(o.annotations()) ||
                 (o.pod() && HasIgnoreAnnotation(o.pod()->annotations()));
      it = cache.emplace(&o, any ? IgnoreAnnotations(o, today) : std::vector<IgnoreAnnotation>())
               .first;
    }
    for (const IgnoreAnnotation& a : it->second) {
      bool same = a.policy ? f.rule_id.starts_with("vap/") && f.rule_id.substr(4) == a.rule_id
                           : a.rule_id == f.rule_id;
      if (!a.Suppresses() || !same) continue;
      if (!a.container.empty() && a.container != f.container) continue;
      f.suppressed = true;
      f.suppression_reason =
          fmt::format("{}{}: {}", a.key->text(),
                      a.until.empty() ? "" : fmt::format(" (until {})", a.until), a.reason);
      break;
    }
  }
}

}  // namespace gori::rules
