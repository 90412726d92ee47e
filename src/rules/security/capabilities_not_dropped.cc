// sec-capabilities-not-dropped: the runtime's default capability set is larger than most
// processes need.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CapabilitiesNotDropped final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-capabilities-not-dropped",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary = "securityContext.capabilities.drop does not contain ALL",
        .rationale =
            "Container runtimes grant a default set of capabilities (CHOWN, "
            "DAC_OVERRIDE, FOWNER, NET_RAW, SETUID, ...); each is kernel attack "
            "surface most services never use. Dropping ALL and adding back only what "
            "is needed is the restricted Pod Security Standard. The value is matched "
            "exactly, as the kubelet does: 'all' is not 'ALL'.",
        .remediation =
            "Set securityContext.capabilities.drop: [ALL] and add back only what the "
            "process needs (usually nothing, sometimes NET_BIND_SERVICE).",
        .failing_example = "securityContext:\n  capabilities:\n    drop: [NET_RAW]",
        .passing_example = "securityContext:\n  capabilities:\n    drop: [ALL]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || IsWindowsPod(*o.pod())) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* caps = c.Security("capabilities");
      const doc::Node* drop = caps ? caps->Get("drop") : nullptr;
      bool all = false;
      if (drop) {
        for (const doc::Node* d : drop->items()) all = all || d->text() == "ALL";
      }
      if (all) continue;
      std::string path = c.Path(pod.spec_path) + ".securityContext.capabilities";
      if (drop && drop->IsSeq()) {
        ForContainer(out.Reportf(*this, o, drop, path + ".drop",
                                 "container '{}' drops some capabilities but not ALL", c.name),
                     c);
      } else {
        ForContainer(out.Reportf(*this, o, FirstMap({caps}, SecurityAnchor(c)), path,
                                 "container '{}' does not drop ALL capabilities", c.name),
                     c);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CapabilitiesNotDropped)
