// sec-writable-root-fs: a writable root lets an intruder change the container.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class WritableRootFs final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-writable-root-fs",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary = "root filesystem is writable",
        .rationale =
            "A read-only root filesystem stops an attacker from dropping tools or changing "
            "binaries in the container, and makes writes explicit (volumes).",
        .remediation =
            "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where "
            "the application needs to write (e.g. /tmp).",
        .failing_example = "securityContext: {}",
        .passing_example = "securityContext:\n  readOnlyRootFilesystem: true",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod() || IsWindowsPod(*o.pod())) return;
    for (const auto& c : o.pod()->containers) {
      const doc::Node* v = c.Security("readOnlyRootFilesystem");
      if (IsTrue(v)) continue;
      std::string path = c.Path(o.pod()->spec_path) + ".securityContext";
      if (v && !v->IsNull()) {
        out.Reportf(*this, o, v, path + ".readOnlyRootFilesystem",
                    "container '{}' sets readOnlyRootFilesystem: {}", c.name, v->text())
            .container = std::string(c.name);
      } else {
        out.Reportf(*this, o, SecurityAnchor(c), path,
                    "container '{}' does not set readOnlyRootFilesystem: true", c.name)
            .container = std::string(c.name);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::WritableRootFs)
