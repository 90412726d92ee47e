// meta-deprecated-api: apiVersions the target Kubernetes version no longer serves.
#include <charconv>

#include <fmt/format.h>

#include "rules/config.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

struct Deprecation {
  std::string_view api_version;
  std::string_view kind;  // "" = every kind of that apiVersion
  int deprecated;         // minor version of 1.x
  int removed;            // 0 = not scheduled
  std::string_view replacement;
};

constexpr Deprecation kDeprecations[] = {
    {"extensions/v1beta1", "Deployment", 9, 16, "apps/v1"},
    {"extensions/v1beta1", "DaemonSet", 9, 16, "apps/v1"},
    {"extensions/v1beta1", "ReplicaSet", 9, 16, "apps/v1"},
    {"extensions/v1beta1", "NetworkPolicy", 9, 16, "networking.k8s.io/v1"},
    {"extensions/v1beta1", "PodSecurityPolicy", 10, 16, "policy/v1beta1"},
    {"extensions/v1beta1", "Ingress", 14, 22, "networking.k8s.io/v1"},
    {"apps/v1beta1", "", 9, 16, "apps/v1"},
    {"apps/v1beta2", "", 9, 16, "apps/v1"},
    {"networking.k8s.io/v1beta1", "", 19, 22, "networking.k8s.io/v1"},
    {"rbac.authorization.k8s.io/v1beta1", "", 17, 22, "rbac.authorization.k8s.io/v1"},
    {"apiextensions.k8s.io/v1beta1", "", 16, 22, "apiextensions.k8s.io/v1"},
    {"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", 16, 22,
     "admissionregistration.k8s.io/v1"},
    {"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 16, 22,
     "admissionregistration.k8s.io/v1"},
    {"apiregistration.k8s.io/v1beta1", "", 19, 22, "apiregistration.k8s.io/v1"},
    {"authentication.k8s.io/v1beta1", "", 19, 22, "authentication.k8s.io/v1"},
    {"authorization.k8s.io/v1beta1", "", 19, 22, "authorization.k8s.io/v1"},
    {"certificates.k8s.io/v1beta1", "", 19, 22, "certificates.k8s.io/v1"},
    {"coordination.k8s.io/v1beta1", "", 19, 22, "coordination.k8s.io/v1"},
    {"scheduling.k8s.io/v1beta1", "", 14, 22, "scheduling.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "CSIDriver", 19, 22, "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "CSINode", 19, 22, "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "StorageClass", 19, 22, "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "VolumeAttachment", 19, 22, "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "CSIStorageCapacity", 24, 27, "storage.k8s.io/v1"},
    {"batch/v1beta1", "CronJob", 21, 25, "batch/v1"},
    {"discovery.k8s.io/v1beta1", "", 21, 25, "discovery.k8s.io/v1"},
    {"events.k8s.io/v1beta1", "", 19, 25, "events.k8s.io/v1"},
    {"autoscaling/v2beta1", "", 22, 25, "autoscaling/v2"},
    {"autoscaling/v2beta2", "", 23, 26, "autoscaling/v2"},
    {"policy/v1beta1", "PodDisruptionBudget", 21, 25, "policy/v1"},
    {"policy/v1beta1", "PodSecurityPolicy", 21, 25, "Pod Security Admission"},
    {"node.k8s.io/v1beta1", "", 20, 25, "node.k8s.io/v1"},
    {"flowcontrol.apiserver.k8s.io/v1beta1", "", 23, 26, "flowcontrol.apiserver.k8s.io/v1"},
    {"flowcontrol.apiserver.k8s.io/v1beta2", "", 26, 29, "flowcontrol.apiserver.k8s.io/v1"},
    {"flowcontrol.apiserver.k8s.io/v1beta3", "", 29, 32, "flowcontrol.apiserver.k8s.io/v1"},
    {"v1", "ComponentStatus", 19, 0, "the component's own health endpoints"},
    {"v1", "Endpoints", 33, 0, "discovery.k8s.io/v1 EndpointSlice"},
};

// Minor version of "1.29", "v1.29" or "1.29.3"; a very large one for "" (newest).
std::optional<int> Minor(std::string_view v) {
  if (v.empty()) return 1000;
  if (v.front() == 'v') v.remove_prefix(1);
  if (!v.starts_with("1.")) return std::nullopt;
  v.remove_prefix(2);
  int minor = 0;
  auto r = std::from_chars(v.data(), v.data() + v.size(), minor);
  if (r.ec != std::errc() || (r.ptr != v.data() + v.size() && *r.ptr != '.')) return std::nullopt;
  return minor;
}

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
            "--kubernetes-version, default the newest release gori knows; deprecated "
            "but still served versions are reported at low severity.",
        .remediation =
            "Move to the replacement apiVersion (and its schema changes) before "
            "upgrading.",
        .failing_example = "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget",
        .passing_example = "apiVersion: policy/v1\nkind: PodDisruptionBudget",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    auto target = Minor(ctx.config.kubernetes_version);
    if (!target) return;  // the loader validates the setting
    for (const Deprecation& d : kDeprecations) {
      if (d.api_version != o.api_version() || (!d.kind.empty() && d.kind != o.kind())) continue;
      if (*target < d.deprecated) return;
      const doc::Node* at = o.root()->Get("apiVersion");
      if (d.removed != 0 && *target >= d.removed) {
        out.Reportf(*this, o, at, "apiVersion", "{} {} was removed in Kubernetes 1.{}; use {}",
                    o.api_version(), o.kind(), d.removed, d.replacement);
      } else {
        Finding& f = out.Reportf(
            *this, o, at, "apiVersion", "{} {} is deprecated since Kubernetes 1.{}{}; use {}",
            o.api_version(), o.kind(), d.deprecated,
            d.removed ? fmt::format(" and removed in 1.{}", d.removed) : std::string(),
            d.replacement);
        f.severity = Severity::kLow;
      }
      return;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DeprecatedApi)
