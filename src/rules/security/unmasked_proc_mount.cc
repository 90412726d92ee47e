// sec-unmasked-proc-mount: an unmasked /proc exposes kernel interfaces.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class UnmaskedProcMount final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-unmasked-proc-mount",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "securityContext.procMount is not Default",
        .rationale =
            "The runtime masks and makes read-only parts of /proc (kcore, sysrq-trigger, "
            "timer_list, ...). procMount: Unmasked removes that protection; it is only "
            "meant for nested containers in user namespaces.",
        .remediation = "Remove procMount (or set it to Default).",
        .failing_example = "securityContext:\n  procMount: Unmasked",
        .passing_example = "securityContext:\n  procMount: Default",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* pm = c.Security("procMount");
      if (!pm || pm->IsNull() || pm->text() == "Default") continue;
      ForContainer(out.Reportf(*this, o, pm, c.Path(pod.spec_path) + ".securityContext.procMount",
                               "container '{}' sets procMount: {}", c.name, pm->text()),
                   c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::UnmaskedProcMount)
