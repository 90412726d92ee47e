// sup-pull-policy: a floating tag cached on a node runs stale code.
#include <algorithm>
#include <cctype>
#include <string>

#include "k8s/image.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// Tags that are moved on purpose: latest (or none), channel names, *-latest, *-snapshot.
bool IsFloating(std::string_view tag) {
  if (tag.empty()) return true;
  std::string t(tag);
  for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static constexpr std::string_view kWords[] = {
      "latest",  "stable", "main",  "master",   "dev",     "develop", "edge",    "nightly",
      "canary",  "beta",   "alpha", "snapshot", "current", "lts",     "prod",    "production",
      "staging", "test",   "head",  "trunk",    "next",    "release", "unstable"};
  if (std::find(std::begin(kWords), std::end(kWords), t) != std::end(kWords)) return true;
  return t.ends_with("-latest") || t.ends_with("-snapshot") || t.ends_with("-nightly");
}

class PullPolicy final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sup-pull-policy",
        .family = Family::kSupply,
        .severity = Severity::kLow,
        .summary = "floating tag with imagePullPolicy other than Always",
        .rationale =
            "With IfNotPresent (the default for every tag except latest) a node keeps "
            "the image it pulled first: after the tag moves, old and new pods of one "
            "Deployment run different code. Floating tags are latest (or none), "
            "channel names such as stable, main, nightly, and *-latest/*-snapshot; "
            "version tags and digests are not reported. `:latest` without a policy "
            "defaults to Always and is fine here (sup-latest-tag covers it).",
        .remediation =
            "Pin a version tag or digest; if the tag must float, set "
            "imagePullPolicy: Always.",
        .failing_example = "image: registry.example/api:stable\nimagePullPolicy: IfNotPresent",
        .passing_example = "image: registry.example/api:1.8.2",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    for (const auto& c : o.pod()->containers) {
      const doc::Node* image = c.Get("image");
      if (Text(image).empty()) continue;
      auto ref = k8s::ParseImage(image->text());
      if (!ref || !ref->digest.empty() || !IsFloating(ref->tag)) continue;
      const doc::Node* policy = c.Get("imagePullPolicy");
      std::string_view p = Text(policy);
      bool latest = ref->tag.empty() || ref->tag == "latest";
      if (p == "Always" || (p.empty() && latest)) continue;
      std::string path = c.Path(o.pod()->spec_path);
      if (policy && !p.empty()) {
        ForContainer(out.Reportf(*this, o, policy, path + ".imagePullPolicy",
                                 "container '{}' image '{}' uses a floating tag with "
                                 "imagePullPolicy {}",
                                 c.name, image->text(), p),
                     c);
      } else {
        ForContainer(out.Reportf(*this, o, image, path + ".image",
                                 "container '{}' image '{}' uses a floating tag and defaults to "
                                 "imagePullPolicy IfNotPresent",
                                 c.name, image->text()),
                     c);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PullPolicy)
