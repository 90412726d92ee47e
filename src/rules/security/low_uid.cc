// sec-low-uid: low UIDs collide with users that exist on the node.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class LowUid final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-low-uid",
        .family = Family::kSecurity,
        .severity = Severity::kInfo,
        .summary = "effective runAsUser is below 10000",
        .rationale =
            "UIDs below 10000 usually exist on the node (system daemons, the first "
            "human users); a process that escapes the container with such a UID "
            "owns their files. UID 0 is sec-run-as-root's finding, not this one.",
        .remediation = "Run as a UID of 10000 or more (e.g. 10001), matching the image's USER.",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  runAsUser: 1000",
        .passing_example = "securityContext:\n  runAsUser: 10001",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || IsWindowsPod(*o.pod())) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* user = pod.Effective(c, "runAsUser");
      auto uid = user ? user->AsInt() : std::nullopt;
      if (!uid || *uid <= 0 || *uid >= 10000) continue;
      bool own = c.Security("runAsUser") == user;
      ForContainer(out.Reportf(*this, o, user,
                               own ? c.Path(pod.spec_path) + ".securityContext.runAsUser"
                                   : pod.spec_path + ".securityContext.runAsUser",
                               "container '{}' runs as UID {} (below 10000)", c.name, *uid),
                   c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::LowUid)
