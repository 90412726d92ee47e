// meta-duplicate-object: the same object twice; the second apply overwrites the first.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class DuplicateObject final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-duplicate-object",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary = "the same kind/namespace/name appears twice in the bundle",
        .rationale =
            "Applying a bundle that holds one object twice keeps whichever comes "
            "last: the reviewed first copy silently never takes effect (typical after "
            "copy-pasting a manifest or merging two overlays). Objects without a "
            "namespace count as `default`; kinds of different API groups "
            "(a Knative Service and a core Service) are different objects.",
        .remediation = "Delete one copy, or rename it if both are needed.",
        .failing_example =
            "kind: ConfigMap\nmetadata: {name: api}\n---\nkind: ConfigMap\n"
            "metadata: {name: api}",
        .passing_example =
            "kind: ConfigMap\nmetadata: {name: api}\n---\nkind: ConfigMap\n"
            "metadata: {name: api-flags}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    const doc::Node* name = o.metadata() ? o.metadata()->Get("name") : nullptr;
    if (o.kind().empty() || Text(name).empty()) return;
    const k8s::Object* first = ctx.index.Find(KindKey(o), Index::Namespace(o), o.name());
    if (!first || first == &o) return;
    const doc::Node* first_name = first->metadata() ? first->metadata()->Get("name") : nullptr;
    out.Reportf(*this, o, name, "metadata.name",
                "{} '{}' is defined again (first at {}:{}); only the last copy takes effect",
                o.kind(), o.name(), first->source().name(),
                (first_name ? first_name : first->root())->line());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DuplicateObject)
