// sec-run-as-root: root in the container is root on the node after an escape.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class RunAsRoot final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-run-as-root",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "container may run as root",
        .rationale =
            "A process running as UID 0 inside the container is root on the node when it "
            "escapes, and can write anywhere the image lets root write.",
        .remediation =
            "Set runAsNonRoot: true and a non-zero runAsUser (pod or container "
            "securityContext), and build the image with a non-root USER.",
        .failing_example = "securityContext:\n  runAsUser: 0",
        .passing_example = "securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod() || IsWindowsPod(*o.pod())) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      auto path = [&] { return c.Path(pod.spec_path) + ".securityContext"; };
      const doc::Node* user = pod.Effective(c, "runAsUser");
      auto uid = user ? user->AsInt() : std::nullopt;
      if (uid && *uid == 0) {
        bool own = c.Security("runAsUser") == user;
        out.Reportf(*this, o, user,
                    own ? path() + ".runAsUser" : pod.spec_path + ".securityContext.runAsUser",
                    "container '{}' runs as root (runAsUser: 0)", c.name)
            .container = std::string(c.name);
        continue;
      }
      if (uid && *uid > 0) continue;
      if (IsTrue(pod.Effective(c, "runAsNonRoot"))) continue;
      const doc::Node* non_root = pod.Effective(c, "runAsNonRoot");
      if (non_root) {
        out.Reportf(*this, o, non_root, path() + ".runAsNonRoot",
                    "container '{}' sets runAsNonRoot: {} and no non-zero runAsUser", c.name,
                    non_root->text())
            .container = std::string(c.name);
      } else {
        out.Reportf(*this, o, SecurityAnchor(c), path(),
                    "container '{}' sets neither runAsNonRoot: true nor a non-zero runAsUser; it "
                    "runs as the image's user, root unless the image says otherwise",
                    c.name)
            .container = std::string(c.name);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RunAsRoot)
