// sec-unsafe-sysctls: sysctls outside the safe set affect the whole node.
#include <algorithm>

#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// The Pod Security Standards' safe set at its newest version.
bool IsSafe(std::string_view name) {
  static constexpr std::string_view kSafe[] = {
      "kernel.shm_rmid_forced",
      "net.ipv4.ip_local_port_range",
      "net.ipv4.tcp_syncookies",
      "net.ipv4.ping_group_range",
      "net.ipv4.ip_unprivileged_port_start",
      "net.ipv4.ip_local_reserved_ports",
      "net.ipv4.tcp_keepalive_time",
      "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl",
      "net.ipv4.tcp_keepalive_probes",
      "net.ipv4.tcp_rmem",
      "net.ipv4.tcp_wmem",
      "net.ipv4.tcp_slow_start_after_idle",
      "net.ipv4.tcp_notsent_lowat",
  };
  return std::find(std::begin(kSafe), std::end(kSafe), name) != std::end(kSafe);
}

class UnsafeSysctls final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-unsafe-sysctls",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "pod sets a sysctl outside the Pod Security Standards' safe set",
        .rationale =
            "Only namespaced sysctls that cannot affect other pods are safe; the others "
            "change kernel behaviour for the whole node or let one pod starve its "
            "neighbours, and the kubelet refuses them unless explicitly allowed.",
        .remediation =
            "Remove the sysctl, or tune it on the node (or via an allowed-unsafe-"
            "sysctls node pool) instead of in the pod.",
        .failing_example =
            "securityContext:\n  sysctls:\n  - {name: kernel.msgmax, value: "
            "\"65536\"}",
        .passing_example =
            "securityContext:\n  sysctls:\n  - {name: net.ipv4.ip_local_port_range, "
            "value: \"1024 65000\"}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const doc::Node* sysctls = o.pod()->PodSecurity("sysctls");
    if (!sysctls) return;
    uint32_t i = 0;
    for (const doc::Node* s : sysctls->items()) {
      const doc::Node* name = s->Get("name");
      if (name && !IsSafe(name->text())) {
        out.Reportf(*this, o, name,
                    fmt::format("{}.securityContext.sysctls[{}].name", o.pod()->spec_path, i),
                    "pod sets unsafe sysctl '{}'", name->text());
      }
      ++i;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::UnsafeSysctls)
