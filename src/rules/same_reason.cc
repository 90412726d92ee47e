#include "rules/same_reason.h"

#include <algorithm>
#include <utility>

namespace gori::rules {
namespace {

// Each pss-* control and the sec-* rule that reports the same field for the same reason.
constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
    {"pss-allow-privilege-escalation", "sec-privilege-escalation"},
    {"pss-app-armor-profile", "sec-apparmor-unconfined"},
    {"pss-capabilities-baseline", "sec-dangerous-capabilities"},
    {"pss-capabilities-restricted", "sec-capabilities-not-dropped"},
    {"pss-capabilities-restricted", "sec-dangerous-capabilities"},
    {"pss-host-namespaces", "sec-host-ipc"},
    {"pss-host-namespaces", "sec-host-network"},
    {"pss-host-namespaces", "sec-host-pid"},
    {"pss-host-path-volumes", "sec-host-path"},
    {"pss-host-ports", "sec-host-port"},
    {"pss-host-probes-and-host-lifecycle", "sec-probe-host"},
    {"pss-privileged", "sec-privileged"},
    {"pss-proc-mount", "sec-unmasked-proc-mount"},
    {"pss-proc-mount-restricted", "sec-unmasked-proc-mount"},
    {"pss-restricted-volumes", "sec-host-path"},
    {"pss-run-as-non-root", "sec-run-as-root"},
    {"pss-run-as-user", "sec-run-as-root"},
    {"pss-se-linux-options", "sec-selinux-custom"},
    {"pss-seccomp-profile-baseline", "sec-seccomp"},
    {"pss-seccomp-profile-restricted", "sec-seccomp"},
    {"pss-sysctls", "sec-unsafe-sysctls"},
    {"pss-windows-host-process", "sec-windows-host-process"},
};

bool SameNode(const Finding& a, const Finding& b) {
  return a.object == b.object && a.line == b.line && a.column == b.column && a.file == b.file;
}

// The finding that stays when `a` and `b` merge.
bool Keeps(const Finding& a, const Finding& b) {
  if (a.severity != b.severity) return a.severity > b.severity;
  return a.rule_id.starts_with("sec-");
}

}  // namespace

bool SameReason(std::string_view a, std::string_view b) {
  if (a.starts_with("sec-")) std::swap(a, b);
  return std::any_of(std::begin(kPairs), std::end(kPairs),
                     [&](const auto& p) { return p.first == a && p.second == b; });
}

std::span<const std::pair<std::string_view, std::string_view>> SameReasonPairs() { return kPairs; }

void MergeSameReason(std::vector<Finding>& findings) {
  bool any = false;
  for (std::size_t begin = 0; begin < findings.size();) {
    std::size_t end = begin + 1;
    while (end < findings.size() && SameNode(findings[begin], findings[end])) ++end;
    for (std::size_t i = begin; i < end; ++i) {
      Finding& a = findings[i];
      if (a.suppressed || !a.rule_id.starts_with("pss-")) continue;
      for (std::size_t j = begin; j < end; ++j) {
        Finding& b = findings[j];
        if (b.rule_id.empty() || b.suppressed || !SameReason(a.rule_id, b.rule_id)) continue;
        Finding& kept = Keeps(a, b) ? a : b;
        Finding& gone = &kept == &a ? b : a;
        kept.also_rules.push_back(gone.rule_id);
        kept.also_rules.insert(kept.also_rules.end(), gone.also_rules.begin(),
                               gone.also_rules.end());
        gone.rule_id = {};  // removed below
        any = true;
        if (&gone == &a) break;
      }
    }
    for (std::size_t i = begin; i < end; ++i) {
      Finding& f = findings[i];
      if (f.rule_id.empty() || f.also_rules.empty()) continue;
      f.message += " (also ";
      for (std::size_t k = 0; k < f.also_rules.size(); ++k) {
        if (k > 0) f.message += ", ";
        f.message += f.also_rules[k];
      }
      f.message += ')';
    }
    begin = end;
  }
  if (!any) return;
  std::erase_if(findings, [](const Finding& f) { return f.rule_id.empty(); });
}

}  // namespace gori::rules
