// meta-deprecated-api: apiVersions the target Kubernetes version no longer serves.
#include <fmt/format.h>

#include "k8s/api_lifecycle.h"
#include "k8s/schema.h"

#include "rules/config.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class DeprecatedApi final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-deprecated-api",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary =
            "apiVersion removed (high) or deprecated (low) at the target Kubernetes "
            "version",
        .rationale =
            "The API server stops serving an apiVersion at its removal release: "
            "manifests using it fail to apply after the upgrade, usually discovered "
            "during the upgrade itself. Judged at kubernetes_version (config) or "
            "--kubernetes-version, default the newest release gori embeds; removals come "
            "from the embedded API schemas of 1.28 to 1.36 and a table of older ones. "
            "Deprecated but still served versions (an alpha or beta served next to a "
            "stable version) are reported at low severity.",
        .remediation =
            "Move to the replacement apiVersion (and its schema changes) before "
            "upgrading.",
        .failing_example = "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget",
        .passing_example = "apiVersion: policy/v1\nkind: PodDisruptionBudget",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (o.api_version().empty() || o.kind().empty()) return;
    auto minor = k8s::schema::KubernetesMinor(ctx.config.kubernetes_version);
    int target = minor ? *minor : k8s::schema::Schemas::Embedded().Newest().minor();
    k8s::ApiLifecycle life = k8s::LifecycleAt(o.api_version(), o.kind(), target);
    const doc::Node* at = o.root()->Get("apiVersion");
    std::string use = life.replacement.empty() ? std::string() : "; use " + life.replacement;
    if (life.state == k8s::ApiLifecycle::State::kRemoved) {
      out.Reportf(*this, o, at, "apiVersion", "{} {} was removed in Kubernetes 1.{}{}",
                  o.api_version(), o.kind(), life.removed, use);
    } else if (life.state == k8s::ApiLifecycle::State::kDeprecated) {
      std::string since = life.deprecated ? fmt::format(" since Kubernetes 1.{}", life.deprecated)
                                          : fmt::format(" in Kubernetes 1.{}", target);
      Finding& f = out.Reportf(
          *this, o, at, "apiVersion", "{} {} is deprecated{}{}{}", o.api_version(), o.kind(), since,
          life.removed ? fmt::format(" and removed in 1.{}", life.removed) : std::string(), use);
      f.severity = Severity::kLow;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DeprecatedApi)
