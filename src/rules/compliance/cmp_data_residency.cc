// cmp-data-residency: pods of regulated namespaces are pinned to approved (by default Korean)
// cloud regions, so personal credit and unique-identifier data is processed only there.
#include <algorithm>

#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"
#include "rules/compliance/lib/residency.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpDataResidency final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-data-residency",
        .family = Family::kCompliance,
        .severity = Severity::kHigh,
        .summary = "regulated workload is not pinned to an allowed region",
        .rationale =
            "Korean financial supervision lets personal credit and unique-identifier data be "
            "processed in the cloud only on systems located in Korea. In a multi-region "
            "cluster only a nodeSelector or required node affinity on the region label (or the "
            "Namespace's PodNodeSelector annotation) keeps the scheduler from placing the pod "
            "elsewhere.",
        .remediation =
            "Add nodeSelector: {topology.kubernetes.io/region: ap-northeast-2} (or a required "
            "node affinity In an allowed region), or annotate the Namespace "
            "scheduler.alpha.kubernetes.io/node-selector. If the whole cluster runs in an "
            "allowed region, say so with a compliance/exempt-cmp-data-residency annotation on "
            "the Namespace.",
        .enabled_by_default = false,
        .failing_example = "spec:\n  template:\n    spec:\n      containers: [...]",
        .passing_example =
            "spec:\n  template:\n    spec:\n      nodeSelector:\n"
            "        topology.kubernetes.io/region: ap-northeast-2",
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
    if (!cls.regulated()) return;
    const k8s::PodSpec& pod = *o.pod();
    auto pin = PinnedRegions(opt, pod, cls.ns_object);
    if (!pin.pinned) {
      out.Reportf(*this, o, pod.spec, pod.spec_path,
                  "{} '{}' in regulated namespace '{}' ({} data) is not pinned to a region; "
                  "allowed: {}",
                  o.kind(), o.name(), ns, DataClassName(cls.data_class),
                  fmt::join(opt.allowed_regions, ", "));
      return;
    }
    std::vector<std::string> outside;
    for (const auto& r : pin.regions) {
      if (std::find(opt.allowed_regions.begin(), opt.allowed_regions.end(), r) ==
          opt.allowed_regions.end()) {
        outside.push_back(r);
      }
    }
    if (pin.regions.empty()) {
      out.Reportf(*this, o, pod.spec, pod.spec_path,
                  "{} '{}' region constraints ({}) admit no region at all", o.kind(), o.name(),
                  pin.source);
    } else if (!outside.empty()) {
      out.Reportf(*this, o, pod.spec, pod.spec_path,
                  "{} '{}' in regulated namespace '{}' may run in region{} {} outside the "
                  "allowed list ({}), via {}",
                  o.kind(), o.name(), ns, outside.size() == 1 ? "" : "s", fmt::join(outside, ", "),
                  fmt::join(opt.allowed_regions, ", "), pin.source);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpDataResidency)
