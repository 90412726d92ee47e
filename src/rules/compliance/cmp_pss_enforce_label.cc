// cmp-pss-enforce-label: a namespace that runs workloads should have Pod Security Admission
// enforce at least baseline (restricted where regulated data lives); without the label PSA
// enforces nothing there.
#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

constexpr std::string_view kEnforce = "pod-security.kubernetes.io/enforce";

class CmpPssEnforceLabel final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-pss-enforce-label",
        .family = Family::kCompliance,
        .severity = Severity::kMedium,
        .summary = "namespace with workloads does not enforce a Pod Security Standard",
        .rationale =
            "Without a pod-security.kubernetes.io/enforce label of baseline or restricted, Pod "
            "Security Admission admits any pod into the namespace, so a privileged pod is one "
            "kubectl apply away. Namespaces holding personal, credit or cardholder data need "
            "restricted.",
        .remediation =
            "Label the Namespace pod-security.kubernetes.io/enforce: restricted (baseline at "
            "least outside regulated namespaces), and pin enforce-version.",
        .enabled_by_default = false,
        .failing_example =
            "kind: Namespace\nmetadata:\n  name: payments\n  labels:\n"
            "    compliance/data-class: cardholder\n"
            "    pod-security.kubernetes.io/enforce: baseline",
        .passing_example =
            "kind: Namespace\nmetadata:\n  name: payments\n  labels:\n"
            "    compliance/data-class: cardholder\n"
            "    pod-security.kubernetes.io/enforce: restricted",
        .cross_resource = true,
    };
    return kInfo;
  }

  // Speaks about Namespace objects in the bundle that hold workloads (the label lives there).
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (o.kind() != "Namespace" || !o.group().empty()) return;
    std::string_view ns;
    if (!IsNamespaceAnchor(ctx, o, ns)) return;
    auto cls = ClassifyObject(ctx.config.compliance, &o);
    const doc::Node* label = o.Label(kEnforce);
    std::string_view level = ScalarText(label);
    std::string path = fmt::format("metadata.labels[{}]", kEnforce);
    if (level.empty()) {
      out.Reportf(*this, o, LabelsAnchor(o), "metadata.labels",
                  "namespace '{}' runs workloads but has no {} label: Pod Security Admission "
                  "enforces nothing there",
                  ns, kEnforce)
          .severity = RaiseIf(cls.regulated(), Severity::kMedium, Severity::kHigh);
    } else if (level == "privileged") {
      out.Reportf(*this, o, label, path,
                  "namespace '{}' enforces the privileged level, which admits any pod", ns)
          .severity = RaiseIf(cls.regulated(), Severity::kMedium, Severity::kHigh);
    } else if (level == "baseline" && cls.regulated()) {
      out.Reportf(*this, o, label, path,
                  "namespace '{}' holds {} data but enforces only baseline; regulated "
                  "namespaces need restricted",
                  ns, DataClassName(cls.data_class))
          .severity = Severity::kHigh;
    }
    // Any other value is either restricted or a label PSA cannot parse, which it enforces as
    // restricted (it fails closed); the pss rules report unparsable labels.
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpPssEnforceLabel)
