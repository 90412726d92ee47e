// sec-root-group: group 0 owns many files on the node and in images.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool IsZero(const doc::Node* n) { return n && n->AsInt() == 0; }

class RootGroup final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-root-group",
        .family = Family::kSecurity,
        .severity = Severity::kLow,
        .summary = "runAsGroup, fsGroup or a supplementalGroups entry is 0 (root group)",
        .rationale =
            "Group 0 owns system files on the node and in most images; a process in the "
            "root group can read or write them after an escape, even as a non-root "
            "user. fsGroup 0 also makes every mounted volume root-group owned.",
        .remediation =
            "Use a non-zero runAsGroup and fsGroup (e.g. 10001) and drop 0 from "
            "supplementalGroups.",
        .failing_example = "securityContext:\n  runAsUser: 10001\n  runAsGroup: 0",
        .passing_example =
            "securityContext:\n  runAsUser: 10001\n  runAsGroup: 10001\n  "
            "fsGroup: 10001",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || IsWindowsPod(*o.pod())) return;
    const k8s::PodSpec& pod = *o.pod();
    std::string pod_sc = pod.spec_path + ".securityContext";
    bool pod_group_inherited = false;
    for (const auto& c : pod.containers) {
      const doc::Node* own = c.Security("runAsGroup");
      if (own && !own->IsNull()) {
        if (IsZero(own)) {
          ForContainer(
              out.Reportf(*this, o, own, c.Path(pod.spec_path) + ".securityContext.runAsGroup",
                          "container '{}' runs with runAsGroup: 0", c.name),
              c);
        }
      } else {
        pod_group_inherited = true;
      }
    }
    if (const doc::Node* g = pod.PodSecurity("runAsGroup"); pod_group_inherited && IsZero(g)) {
      out.Report(*this, o, g, pod_sc + ".runAsGroup", "pod runs its containers with runAsGroup: 0");
    }
    if (const doc::Node* g = pod.PodSecurity("fsGroup"); IsZero(g)) {
      out.Report(*this, o, g, pod_sc + ".fsGroup",
                 "pod sets fsGroup: 0; its volumes become root-group owned");
    }
    if (const doc::Node* groups = pod.PodSecurity("supplementalGroups")) {
      uint32_t i = 0;
      for (const doc::Node* g : groups->items()) {
        if (IsZero(g)) {
          out.Report(*this, o, g, fmt::format("{}.supplementalGroups[{}]", pod_sc, i),
                     "pod adds supplemental group 0 to every container");
        }
        ++i;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RootGroup)
