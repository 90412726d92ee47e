// meta-required-labels: labels the platform needs on every object.
#include <string>

#include "k8s/selector.h"
#include "rules/config.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class RequiredLabels final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-required-labels",
        .family = Family::kMeta,
        .severity = Severity::kLow,
        .summary = "a label listed in required_labels is missing",
        .rationale =
            "Ownership, cost allocation, dashboards and incident routing rely on a few "
            "labels being on every object (e.g. app.kubernetes.io/name, owner). "
            "Checked on each object and on its pod template, where monitoring reads "
            "them. Labels that controllers set (pod-template-hash, "
            "statefulset.kubernetes.io/pod-name, ...) are never required, even if "
            "configured.",
        .remediation =
            "Add the labels (a kustomize commonLabels or Helm helper keeps them "
            "consistent).",
        .enabled_by_default = false,
        .failing_example =
            "# required_labels: [app.kubernetes.io/name, owner]\nmetadata:\n  "
            "labels: {app.kubernetes.io/name: api}",
        .passing_example =
            "metadata:\n  labels: {app.kubernetes.io/name: api, owner: "
            "payments}",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (ctx.config.required_labels.empty() || o.kind().empty()) return;
    CheckLabels(ctx, o, o.metadata(), "metadata", "", out);
    if (const k8s::PodSpec* pod = o.pod(); pod && pod->metadata_path != "metadata") {
      CheckLabels(ctx, o, pod->metadata ? pod->metadata : pod->owner, pod->metadata_path,
                  " pod template", out);
    }
  }

 private:
  void CheckLabels(const Context& ctx, const k8s::Object& o, const doc::Node* metadata,
                   const std::string& path, std::string_view where, Sink& out) const {
    const doc::Node* labels = metadata ? metadata->Get("labels") : nullptr;
    std::string missing;
    for (const std::string& key : ctx.config.required_labels) {
      if (k8s::IsControllerLabel(key)) continue;
      const doc::Node* v = labels ? labels->Get(key) : nullptr;
      if (v && !Text(v).empty()) continue;
      if (!missing.empty()) missing += ", ";
      missing += key;
    }
    if (missing.empty()) return;
    out.Reportf(*this, o, FirstMap({labels, metadata}, o.root()), path + ".labels",
                "{} '{}'{} lacks required label{} {}", o.kind(), o.name(), where,
                missing.find(',') == std::string::npos ? "" : "s", missing);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RequiredLabels)
