// cmp-ns-classification: every namespace that runs workloads says what data it holds, which
// network zone it belongs to and which environment it is; scope, segmentation and the other
// compliance rules depend on it.
#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpNsClassification final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-ns-classification",
        .family = Family::kCompliance,
        .severity = Severity::kMedium,
        .summary = "namespace with workloads lacks a valid classification label",
        .rationale =
            "Which namespaces hold cardholder, credit or personal data decides what is in "
            "scope for an audit and which rules apply with what strictness. Without the "
            "labels the scope is undocumented and gori cannot apply the stricter rules.",
        .remediation =
            "Label the Namespace compliance/data-class (public|internal|personal|credit|"
            "cardholder), compliance/zone (dmz|internal|mgmt) and compliance/env "
            "(prod|stage|dev); the keys are configurable.",
        .enabled_by_default = false,
        .failing_example = "kind: Namespace\nmetadata:\n  name: payments",
        .passing_example =
            "kind: Namespace\nmetadata:\n  name: payments\n  labels:\n"
            "    compliance/data-class: cardholder\n    compliance/zone: internal\n"
            "    compliance/env: prod",
        .cross_resource = true,
    };
    return kInfo;
  }

  // Speaks about Namespace objects in the bundle that hold workloads.
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (o.kind() != "Namespace" || !o.group().empty()) return;
    std::string_view ns;
    if (!IsNamespaceAnchor(ctx, o, ns)) return;
    const auto& opt = ctx.config.compliance;
    auto cls = ClassifyObject(opt, &o);
    std::vector<std::string> missing;
    struct Item {
      const std::string& key;
      const doc::Node* node;
      bool valid;
      std::string_view allowed;
    };
    for (const Item& it :
         {Item{opt.data_class_label, cls.data_class_node, cls.data_class != DataClass::kUnknown,
               "public, internal, personal, credit, cardholder"},
          Item{opt.zone_label, cls.zone_node, cls.zone != Zone::kUnknown, "dmz, internal, mgmt"},
          Item{opt.env_label, cls.env_node, cls.env != Env::kUnknown, "prod, stage, dev"}}) {
      if (!it.node) {
        missing.push_back(it.key);
      } else if (!it.valid) {
        out.Reportf(*this, o, it.node, fmt::format("metadata.labels[{}]", it.key),
                    "namespace '{}' label {}: '{}' is not one of {}", ns, it.key, it.node->text(),
                    it.allowed);
      }
    }
    if (!missing.empty()) {
      out.Reportf(*this, o, LabelsAnchor(o), "metadata.labels",
                  "namespace '{}' runs workloads but lacks classification label{} {}", ns,
                  missing.size() == 1 ? "" : "s", fmt::join(missing, ", "));
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpNsClassification)
