#include "k8s/api_lifecycle.h"

#include <fmt/format.h>

#include "k8s/schema.h"

namespace gori::k8s {
namespace {

struct Deprecation {
  std::string_view api_version;
  std::string_view kind;  // "" = every kind of that apiVersion
  int deprecated;         // minor version of 1.x
  int removed;            // 0 = not scheduled
  std::string_view replacement;
};

// Removals before the oldest embedded release, and deprecations the OpenAPI data cannot show.
constexpr Deprecation kDeprecations[] = {
    {"extensions/v1beta1", "Deployment", 9, 16, "apps/v1"},
    {"extensions/v1beta1", "DaemonSet", 9, 16, "apps/v1"},
    {"extensions/v1beta1", "ReplicaSet", 9, 16, "apps/v1"},
    {"extensions/v1beta1", "NetworkPolicy", 9, 16, "networking.k8s.io/v1"},
    {"extensions/v1beta1", "PodSecurityPolicy", 10, 16, "policy/v1beta1"},
    {"extensions/v1beta1", "Ingress", 14, 22, "networking.k8s.io/v1"},
    {"apps/v1beta1", "", 9, 16, "apps/v1"},
    {"apps/v1beta2", "", 9, 16, "apps/v1"},
    {"admissionregistration.k8s.io/v1alpha1", "InitializerConfiguration", 12, 14,
     "mutating admission webhooks"},
    {"networking.k8s.io/v1beta1", "", 19, 22, "networking.k8s.io/v1"},
    {"rbac.authorization.k8s.io/v1beta1", "", 17, 22, "rbac.authorization.k8s.io/v1"},
    {"rbac.authorization.k8s.io/v1alpha1", "", 17, 22, "rbac.authorization.k8s.io/v1"},
    {"apiextensions.k8s.io/v1beta1", "", 16, 22, "apiextensions.k8s.io/v1"},
    {"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", 16, 22,
     "admissionregistration.k8s.io/v1"},
    {"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 16, 22,
     "admissionregistration.k8s.io/v1"},
    {"apiregistration.k8s.io/v1beta1", "", 19, 22, "apiregistration.k8s.io/v1"},
    {"authentication.k8s.io/v1beta1", "TokenReview", 19, 22, "authentication.k8s.io/v1"},
    {"authorization.k8s.io/v1beta1", "", 19, 22, "authorization.k8s.io/v1"},
    {"certificates.k8s.io/v1beta1", "CertificateSigningRequest", 19, 22, "certificates.k8s.io/v1"},
    {"coordination.k8s.io/v1beta1", "", 19, 22, "coordination.k8s.io/v1"},
    {"scheduling.k8s.io/v1beta1", "", 14, 22, "scheduling.k8s.io/v1"},
    {"scheduling.k8s.io/v1alpha1", "", 14, 22, "scheduling.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "CSIDriver", 19, 22, "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "CSINode", 19, 22, "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "StorageClass", 19, 22, "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "VolumeAttachment", 19, 22, "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "CSIStorageCapacity", 24, 27, "storage.k8s.io/v1"},
    {"batch/v1beta1", "CronJob", 21, 25, "batch/v1"},
    {"batch/v2alpha1", "CronJob", 8, 21, "batch/v1"},
    {"discovery.k8s.io/v1beta1", "", 21, 25, "discovery.k8s.io/v1"},
    {"events.k8s.io/v1beta1", "", 19, 25, "events.k8s.io/v1"},
    {"autoscaling/v2beta1", "", 22, 25, "autoscaling/v2"},
    {"autoscaling/v2beta2", "", 23, 26, "autoscaling/v2"},
    {"policy/v1beta1", "PodDisruptionBudget", 21, 25, "policy/v1"},
    {"policy/v1beta1", "PodSecurityPolicy", 21, 25, "Pod Security Admission"},
    {"node.k8s.io/v1beta1", "", 20, 25, "node.k8s.io/v1"},
    {"node.k8s.io/v1alpha1", "", 14, 22, "node.k8s.io/v1"},
    {"settings.k8s.io/v1alpha1", "PodPreset", 19, 20, "mutating admission webhooks"},
    {"flowcontrol.apiserver.k8s.io/v1beta1", "", 23, 26, "flowcontrol.apiserver.k8s.io/v1"},
    {"flowcontrol.apiserver.k8s.io/v1beta2", "", 26, 29, "flowcontrol.apiserver.k8s.io/v1"},
    {"flowcontrol.apiserver.k8s.io/v1beta3", "", 29, 32, "flowcontrol.apiserver.k8s.io/v1"},
    {"v1", "ComponentStatus", 19, 0, "the component's own health endpoints"},
    {"v1", "Endpoints", 33, 0, "discovery.k8s.io/v1 EndpointSlice"},
};

bool Unstable(std::string_view version) {
  return version.find("alpha") != std::string_view::npos ||
         version.find("beta") != std::string_view::npos;
}

}  // namespace

ApiLifecycle LifecycleAt(std::string_view api_version, std::string_view kind, int minor) {
  ApiLifecycle out;
  for (const Deprecation& d : kDeprecations) {
    if (d.api_version != api_version || (!d.kind.empty() && d.kind != kind)) continue;
    out.deprecated = d.deprecated;
    out.removed = d.removed;
    out.replacement = std::string(d.replacement);
    if (d.removed != 0 && minor >= d.removed) {
      out.state = ApiLifecycle::State::kRemoved;
    } else if (minor >= d.deprecated) {
      out.state = ApiLifecycle::State::kDeprecated;
    } else {
      out.state = ApiLifecycle::State::kServed;
    }
    return out;
  }
  std::string_view group, version = api_version;
  if (auto slash = api_version.find('/'); slash != std::string_view::npos) {
    group = api_version.substr(0, slash);
    version = api_version.substr(slash + 1);
  }
  const schema::Schemas& schemas = schema::Schemas::Embedded();
  const schema::Release& target = schemas.ForMinor(minor);
  const schema::Kind* entry = nullptr;
  std::string stable;  // a stable version of the same group and kind served by the target
  for (const schema::Kind& k : schemas.kinds()) {
    if (k.kind != kind || k.group != group) continue;
    if (k.version == version) entry = &k;
    if (!Unstable(k.version) && target.Serves(k)) {
      stable = group.empty() ? std::string(k.version) : fmt::format("{}/{}", group, k.version);
    }
  }
  if (!entry) return out;
  out.replacement = stable;
  if (target.Serves(*entry)) {
    out.state = Unstable(version) && !stable.empty() ? ApiLifecycle::State::kDeprecated
                                                     : ApiLifecycle::State::kServed;
    return out;
  }
  // Served by an earlier embedded release: removed by the first one after the last that did.
  int last = 0;
  for (const schema::Release& r : schemas.releases()) {
    if (r.minor() < target.minor() && r.Serves(*entry)) last = r.minor();
  }
  if (last == 0) return out;  // only in later releases: not served yet
  out.state = ApiLifecycle::State::kRemoved;
  out.removed = last + 1;
  return out;
}

}  // namespace gori::k8s
