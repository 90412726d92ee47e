// sec-seccomp: without a seccomp profile every syscall is allowed.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class Seccomp final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-seccomp",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary = "effective seccomp profile is missing (medium) or Unconfined (high)",
        .rationale =
            "Kubernetes runs containers Unconfined unless a seccomp profile is set "
            "(the kubelet's SeccompDefault is off by default), so the whole syscall "
            "surface of the kernel is reachable. RuntimeDefault blocks the syscalls "
            "most escapes use. The container's profile wins over the pod's. The old "
            "seccomp annotations have been ignored since Kubernetes 1.27.",
        .remediation =
            "Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or "
            "Localhost with a reviewed profile).",
        .failing_example = "securityContext:\n  seccompProfile:\n    type: Unconfined",
        .passing_example = "securityContext:\n  seccompProfile:\n    type: RuntimeDefault",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || IsWindowsPod(*o.pod())) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* profile = pod.Effective(c, "seccompProfile");
      const doc::Node* type = profile ? profile->Get("type") : nullptr;
      bool own = profile && c.Security("seccompProfile") == profile;
      auto path = [&] {
        return (own ? c.Path(pod.spec_path) : pod.spec_path) + ".securityContext.seccompProfile";
      };
      if (!type || type->IsNull()) {
        ForContainer(out.Reportf(*this, o, profile ? profile : SecurityAnchor(c), path(),
                                 "container '{}' has no seccomp profile (runs Unconfined)", c.name),
                     c);
      } else if (type->text() == "Unconfined") {
        Finding& f = out.Reportf(*this, o, type, path() + ".type",
                                 "container '{}' runs with seccomp profile Unconfined", c.name);
        f.severity = Severity::kHigh;
        ForContainer(f, c);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::Seccomp)
