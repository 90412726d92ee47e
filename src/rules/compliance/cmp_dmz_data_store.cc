// cmp-dmz-data-store: the DMZ serves the public and must not store user data; a database or a
// volume-backed StatefulSet there puts stored data one hop from the internet.
#include <fmt/format.h>

#include "k8s/image.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpDmzDataStore final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-dmz-data-store",
        .family = Family::kCompliance,
        .severity = Severity::kHigh,
        .summary = "DMZ namespace runs a data store",
        .rationale =
            "Systems that store cardholder or user data must not be directly accessible from "
            "untrusted networks, and the DMZ must not hold user data. A StatefulSet with "
            "volumeClaimTemplates or a known database image in a DMZ namespace does both.",
        .remediation =
            "Move the data store to an internal namespace and let DMZ services reach it "
            "through an explicitly allowed flow.",
        .enabled_by_default = false,
        .failing_example =
            "# namespace labelled compliance/zone: dmz\nkind: StatefulSet\nspec:\n"
            "  volumeClaimTemplates:\n  - metadata: {name: data}",
        .passing_example =
            "# the StatefulSet lives in a namespace labelled compliance/zone: internal",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    std::string_view ns = Index::Namespace(o);
    if (ctx.config.IsSystemNamespace(ns)) return;
    const auto& opt = ctx.config.compliance;
    auto cls = Classify(opt, ctx.index, ns);
    if (cls.zone != Zone::kDmz) return;
    if (o.kind() == "StatefulSet") {
      const doc::Node* vct = o.spec() ? o.spec()->Get("volumeClaimTemplates") : nullptr;
      if (vct && vct->IsSeq() && vct->size() > 0) {
        out.Reportf(*this, o, vct, "spec.volumeClaimTemplates",
                    "StatefulSet '{}' keeps data on persistent volumes in DMZ namespace '{}'",
                    o.name(), ns);
        return;
      }
    }
    for (const auto& c : o.pod()->containers) {
      const doc::Node* image = c.Get("image");
      auto ref = k8s::ParseImage(ScalarText(image));
      if (!ref) continue;
      for (const auto& db : opt.database_images) {
        if (!RepoMatches(ref->repository, db)) continue;
        out.Reportf(*this, o, image, c.Path(o.pod()->spec_path) + ".image",
                    "container '{}' runs data store image '{}' in DMZ namespace '{}'", c.name,
                    image->text(), ns)
            .container = std::string(c.name);
        break;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpDmzDataStore)
