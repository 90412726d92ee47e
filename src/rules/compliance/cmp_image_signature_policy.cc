// cmp-image-signature-policy: a regulated namespace only runs images whose signatures an
// admission policy verifies, so what runs is what the release process built.
#include <fmt/format.h>

#include "rules/compliance/lib/default_deny.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/compliance/lib/signature.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpImageSignaturePolicy final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-image-signature-policy",
        .family = Family::kCompliance,
        .severity = Severity::kHigh,
        .summary = "regulated namespace is not covered by an image signature verification policy",
        .rationale =
            "Without admission-time signature verification any image that can be pulled can "
            "run, whatever its provenance. Regulated namespaces should admit only images signed "
            "by the release pipeline.",
        .remediation =
            "Cover the namespace with a Kyverno (Cluster)Policy that has verifyImages rules, a "
            "Kyverno ImageValidatingPolicy, or a Sigstore ClusterImagePolicy with the namespace "
            "labelled policy.sigstore.dev/include: \"true\".",
        .enabled_by_default = false,
        .failing_example =
            "kind: Namespace\nmetadata:\n  labels:\n    compliance/data-class: cardholder\n"
            "# and no signature policy in the bundle",
        .passing_example =
            "kind: ClusterPolicy\napiVersion: kyverno.io/v1\nspec:\n  rules:\n  - name: "
            "signed\n    verifyImages:\n    - imageReferences: [\"registry.example/*\"]",
        .cross_resource = true,
    };
    return kInfo;
  }

  // Speaks about regulated Namespace objects with workloads (the classification lives there).
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (o.kind() != "Namespace" || !o.group().empty()) return;
    std::string_view ns;
    if (!IsNamespaceAnchor(ctx, o, ns)) return;
    auto cls = ClassifyObject(ctx.config.compliance, &o);
    if (!cls.regulated()) return;
    if (SignaturePolicyFor(ctx.index, o)) return;
    out.Reportf(*this, o, NameOrMetadataAnchor(o), "",
                "namespace '{}' holds {} data but no image signature verification policy in the "
                "bundle covers it (Kyverno verifyImages, Kyverno ImageValidatingPolicy, Sigstore "
                "ClusterImagePolicy)",
                ns, DataClassName(cls.data_class));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpImageSignaturePolicy)
