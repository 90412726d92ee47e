// sec-dangerous-capabilities: capabilities that amount to root on the node.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// Runtimes upper-case capability names and add the CAP_ prefix, so "cap_sys_admin" is
// SYS_ADMIN too.
std::string Normalize(std::string_view name) {
  std::string s(name);
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (s.starts_with("CAP_")) s.erase(0, 4);
  return s;
}

bool IsDangerous(std::string_view cap) {
  static constexpr std::string_view kCaps[] = {
      "ALL",          "SYS_ADMIN", "NET_ADMIN",       "SYS_PTRACE",
      "SYS_MODULE",   "SYS_RAWIO", "SYS_BOOT",        "SYS_TIME",
      "BPF",          "PERFMON",   "NET_RAW",         "MAC_ADMIN",
      "MAC_OVERRIDE", "SYSLOG",    "DAC_READ_SEARCH", "LINUX_IMMUTABLE",
      "SYS_RESOURCE",
  };
  return std::find(std::begin(kCaps), std::end(kCaps), cap) != std::end(kCaps);
}

class DangerousCapabilities final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-dangerous-capabilities",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "capabilities.add grants a capability that breaks container isolation",
        .rationale =
            "SYS_ADMIN, SYS_MODULE, SYS_PTRACE, BPF, NET_ADMIN, NET_RAW and friends let "
            "a process load kernel modules, trace other processes, reconfigure the "
            "network or spoof packets: most container escapes start with one of them. "
            "Names are compared the way runtimes read them (case-insensitive, with or "
            "without CAP_).",
        .remediation =
            "Remove the capability; if the workload truly needs it (a CNI agent, a "
            "debugger), run it in a dedicated namespace and suppress with a reason.",
        .failing_example = "securityContext:\n  capabilities:\n    add: [SYS_ADMIN]",
        .passing_example =
            "securityContext:\n  capabilities:\n    drop: [ALL]\n    add: "
            "[NET_BIND_SERVICE]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* caps = c.Security("capabilities");
      const doc::Node* add = caps ? caps->Get("add") : nullptr;
      if (!add) continue;
      uint32_t i = 0;
      for (const doc::Node* a : add->items()) {
        std::string cap = Normalize(a->text());
        if (IsDangerous(cap)) {
          ForContainer(out.Reportf(*this, o, a,
                                   fmt::format("{}.securityContext.capabilities.add[{}]",
                                               c.Path(pod.spec_path), i),
                                   "container '{}' adds capability {}", c.name, a->text()),
                       c);
        }
        ++i;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DangerousCapabilities)
