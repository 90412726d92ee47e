// rbac-create-pods: who can create pods can run anything as any ServiceAccount.
#include "rules/rbac/lib/grant_rule.h"

namespace gori::rules {
namespace {

class CreatePods final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-create-pods",
        .family = Family::kRbac,
        .severity = Severity::kMedium,
        .summary = "create on pods or on workload controllers",
        .rationale =
            "Creating a pod (directly or through a Deployment, Job, ... it controls) "
            "lets the subject run any image with any ServiceAccount of the namespace "
            "and mount any of its Secrets: it includes every permission of every "
            "account there.",
        .remediation =
            "Give create on workloads only to deployment pipelines, in the "
            "namespaces they deploy to; enforce Pod Security admission there.",
        .failing_example = "rules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [create]",
        .passing_example = "rules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get, list]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    static constexpr std::pair<std::string_view, std::string_view> kTargets[] = {
        {"", "pods"},
        {"", "replicationcontrollers"},
        {"apps", "deployments"},
        {"apps", "replicasets"},
        {"apps", "statefulsets"},
        {"apps", "daemonsets"},
        {"batch", "jobs"},
        {"batch", "cronjobs"},
    };
    ReportGrants(*this, o, out, [](const PolicyRule& r, const auto& emit) {
      const doc::Node* verb = r.Verb("create");
      if (!verb) return;
      for (auto [group, resource] : kTargets) {
        if (!r.Group(group)) continue;
        if (const doc::Node* res = r.Resource(resource)) emit({res, verb}, "");
      }
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CreatePods)
