// sec-privileged: a privileged container gets every capability and every device of the node;
// a breakout is one mount away.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class Privileged final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-privileged",
        .family = Family::kSecurity,
        .severity = Severity::kCritical,
        .summary = "container runs privileged",
        .rationale =
            "A privileged container has every Linux capability and access to all host "
            "devices; escaping to the node is trivial.",
        .remediation =
            "Remove securityContext.privileged and add only the capability the "
            "container needs.",
        .failing_example = "securityContext:\n  privileged: true",
        .passing_example = "securityContext:\n  privileged: false",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    for (const auto& c : o.pod()->containers) {
      const doc::Node* p = c.Security("privileged");
      if (IsTrue(p)) {
        out.Reportf(*this, o, p, c.Path(o.pod()->spec_path) + ".securityContext.privileged",
                    "container '{}' runs privileged", c.name)
            .container = std::string(c.name);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::Privileged)
