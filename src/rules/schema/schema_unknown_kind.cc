// schema-unknown-kind: apiVersion/kind not served by the target Kubernetes release (with the
// nearest kind), or a custom resource whose CRD version is not served
#include "rules/schema/lib/walk.h"

namespace gori::rules {
namespace {

class SchemaUnknownKind final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "schema-unknown-kind",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary =
            "apiVersion/kind not served by the target Kubernetes release (with the nearest kind), "
            "or a custom resource whose CRD version is not served",
        .rationale =
            "The API server rejects objects of kinds it does not serve, so a typo in kind or the "
            "wrong apiVersion for a kind fails at apply time. Judged against the Kubernetes API "
            "schema of kubernetes_version (config) or --kubernetes-version, default the newest "
            "release gori embeds (1.28 to 1.36). Custom resources are checked against "
            "CustomResourceDefinitions in the input and in --crd-schemas; without one they are "
            "silent unless --strict-kinds.",
        .remediation =
            "Fix the kind or apiVersion (the message names the nearest kind or where the kind is "
            "served).",
        .failing_example = "apiVersion: apps/v1\nkind: Deploymnet",
        .passing_example = "apiVersion: apps/v1\nkind: Deployment",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    schema::Run(*this, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SchemaUnknownKind)
