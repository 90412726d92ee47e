// sec-apparmor-unconfined: AppArmor explicitly switched off.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

constexpr std::string_view kAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

class ApparmorUnconfined final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-apparmor-unconfined",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "AppArmor profile is Unconfined (appArmorProfile field or annotation)",
        .rationale =
            "On AppArmor nodes the runtime's default profile blocks writes to /proc "
            "and /sys and mount operations; Unconfined removes that layer. Both the "
            "appArmorProfile field (pod or container) and the older "
            "container.apparmor.security.beta.kubernetes.io/<container> annotation "
            "are read.",
        .remediation =
            "Use appArmorProfile.type: RuntimeDefault (or Localhost with a reviewed "
            "profile), and remove 'unconfined' annotations.",
        .failing_example = "securityContext:\n  appArmorProfile:\n    type: Unconfined",
        .passing_example = "securityContext:\n  appArmorProfile:\n    type: RuntimeDefault",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    if (const doc::Node* p = pod.PodSecurity("appArmorProfile")) {
      const doc::Node* type = p->Get("type");
      if (type && type->text() == "Unconfined") {
        out.Report(*this, o, type, pod.spec_path + ".securityContext.appArmorProfile.type",
                   "pod sets AppArmor profile Unconfined");
      }
    }
    for (const auto& c : pod.containers) {
      const doc::Node* p = c.Security("appArmorProfile");
      const doc::Node* type = p ? p->Get("type") : nullptr;
      if (type && type->text() == "Unconfined") {
        ForContainer(out.Reportf(*this, o, type,
                                 c.Path(pod.spec_path) + ".securityContext.appArmorProfile.type",
                                 "container '{}' sets AppArmor profile Unconfined", c.name),
                     c);
      }
    }
    const doc::Node* ann = pod.annotations();
    if (!ann) return;
    for (const doc::Pair& a : ann->pairs()) {
      std::string_view key = a.key->text();
      if (!key.starts_with(kAnnotationPrefix) || a.value->text() != "unconfined") continue;
      std::string_view container = key.substr(kAnnotationPrefix.size());
      Finding& f =
          out.Reportf(*this, o, a.value, fmt::format("{}.annotations.{}", pod.metadata_path, key),
                      "annotation sets AppArmor unconfined for container '{}'", container);
      f.container = std::string(container);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ApparmorUnconfined)
