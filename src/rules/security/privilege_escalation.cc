// sec-privilege-escalation: the default lets setuid binaries raise privileges.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PrivilegeEscalation final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-privilege-escalation",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "allowPrivilegeEscalation is not false",
        .rationale =
            "Unless allowPrivilegeEscalation is false, a process can gain more privileges "
            "than its parent (setuid binaries, file capabilities); the default is true.",
        .remediation = "Set securityContext.allowPrivilegeEscalation: false on every container.",
        .failing_example = "securityContext: {}",
        .passing_example = "securityContext:\n  allowPrivilegeEscalation: false",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod() || IsWindowsPod(*o.pod())) return;
    for (const auto& c : o.pod()->containers) {
      const doc::Node* v = c.Security("allowPrivilegeEscalation");
      if (IsFalse(v)) continue;
      std::string path = c.Path(o.pod()->spec_path) + ".securityContext";
      if (v && !v->IsNull()) {
        out.Reportf(*this, o, v, path + ".allowPrivilegeEscalation",
                    "container '{}' sets allowPrivilegeEscalation: {}", c.name, v->text())
            .container = std::string(c.name);
      } else {
        out.Reportf(
               *this, o, SecurityAnchor(c), path,
               "container '{}' does not set allowPrivilegeEscalation: false (defaults to true)",
               c.name)
            .container = std::string(c.name);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PrivilegeEscalation)
