// sup-digest: only a digest names exactly one image.
#include "k8s/image.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class Digest final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sup-digest",
        .family = Family::kSupply,
        .severity = Severity::kMedium,
        .summary = "image is not pinned by @sha256 digest",
        .rationale =
            "Any tag can be moved to another image by whoever can push to the "
            "repository; a digest names exactly the bytes that were reviewed and "
            "scanned, which is what provenance and signature policies verify. Opt-in: "
            "it needs a pipeline that writes digests.",
        .remediation =
            "Reference images as registry/repo:tag@sha256:<digest> (tools such as "
            "kustomize or crane can resolve them at release time).",
        .enabled_by_default = false,
        .failing_example = "image: registry.example/pay/api:1.8.2",
        .passing_example =
            "image: registry.example/pay/api:1.8.2@sha256:"
            "4b6c1a0f8f1e2d9c3b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    for (const auto& c : o.pod()->containers) {
      const doc::Node* image = c.Get("image");
      if (Text(image).empty()) continue;
      auto ref = k8s::ParseImage(image->text());
      if (!ref || !ref->digest.empty()) continue;
      ForContainer(
          out.Reportf(*this, o, image, c.Path(o.pod()->spec_path) + ".image",
                      "container '{}' image '{}' is not pinned by digest", c.name, image->text()),
          c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::Digest)
