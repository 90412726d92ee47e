// rbac-pv-create: a hand-made PersistentVolume can point at the node's disk.
#include "rules/rbac/lib/grant_rule.h"

namespace gori::rules {
namespace {

class PvCreate final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-pv-create",
        .family = Family::kRbac,
        .severity = Severity::kMedium,
        .summary = "create on persistentvolumes",
        .rationale =
            "A PersistentVolume can be a hostPath or a network share; whoever creates "
            "one can hand a pod the node's filesystem, bypassing Pod Security's "
            "hostPath ban. Dynamic provisioning through PersistentVolumeClaims needs "
            "no such permission.",
        .remediation =
            "Use StorageClasses and PersistentVolumeClaims; leave PV creation to "
            "provisioners.",
        .failing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [persistentvolumes]\n  "
            "verbs: [create]",
        .passing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [persistentvolumeclaims]\n  "
            "verbs: [create]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportGrants(*this, o, out, [](const PolicyRule& r, const auto& emit) {
      const doc::Node* verb = r.Verb("create");
      const doc::Node* res = r.Resource("persistentvolumes");
      if (verb && res && r.Group("")) emit({res, verb}, "");
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PvCreate)
