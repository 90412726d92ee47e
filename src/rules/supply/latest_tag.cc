// sup-latest-tag: mutable tags make deployments unreproducible.
#include "k8s/image.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class LatestTag final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sup-latest-tag",
        .family = Family::kSupply,
        .severity = Severity::kHigh,
        .summary = "image has no tag or uses :latest",
        .rationale =
            "A mutable tag makes a rollout non-reproducible: two nodes can run different "
            "code under one manifest, and a rollback may not roll anything back.",
        .remediation = "Pin the image to a version tag, or better to a digest (@sha256:...).",
        .failing_example = "image: registry.example/pay/api:latest",
        .passing_example = "image: registry.example/pay/api:1.8.2",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod()) return;
    for (const auto& c : o.pod()->containers) {
      const doc::Node* image = c.Get("image");
      if (!image || !image->IsScalar() || image->IsNull()) continue;
      auto ref = k8s::ParseImage(image->text());
      if (!ref || !ref->digest.empty()) continue;
      if (ref->tag.empty()) {
        out.Reportf(*this, o, image, c.Path(o.pod()->spec_path) + ".image",
                    "container '{}' image '{}' has no tag (means :latest)", c.name, image->text())
            .container = std::string(c.name);
      } else if (ref->tag == "latest") {
        out.Reportf(*this, o, image, c.Path(o.pod()->spec_path) + ".image",
                    "container '{}' image '{}' uses the :latest tag", c.name, image->text())
            .container = std::string(c.name);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::LatestTag)
