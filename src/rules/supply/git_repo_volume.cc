// sup-git-repo-volume: gitRepo volumes run git on the node with pod-controlled input.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class GitRepoVolume final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sup-git-repo-volume",
        .family = Family::kSupply,
        .severity = Severity::kHigh,
        .summary = "pod uses a gitRepo volume",
        .rationale =
            "gitRepo volumes are deprecated and run `git clone` as root on the node "
            "with a repository and revision the pod spec chooses; crafted repositories "
            "have led to command execution on the host (CVE-2018-11235, "
            "CVE-2024-10220). What is cloned is not pinned or verified either.",
        .remediation =
            "Clone in an init container into an emptyDir, or bake the content into "
            "the image.",
        .failing_example =
            "volumes:\n- name: site\n  gitRepo: {repository: "
            "https://git.example/site.git}",
        .passing_example = "volumes:\n- name: site\n  emptyDir: {}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const doc::Node* vols = o.pod()->Get("volumes");
    if (!vols) return;
    uint32_t i = 0;
    for (const doc::Node* v : vols->items()) {
      const doc::Node* git = v->Get("gitRepo");
      if (git && !git->IsNull()) {
        out.Reportf(*this, o, git, fmt::format("{}.volumes[{}].gitRepo", o.pod()->spec_path, i),
                    "volume '{}' is a gitRepo volume of '{}'", Text(v->Get("name")),
                    Text(git->Get("repository")));
      }
      ++i;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::GitRepoVolume)
