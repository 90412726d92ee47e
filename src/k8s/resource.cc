#include "k8s/resource.h"

#include <array>
#include <cctype>
#include <vector>

namespace gori::k8s {
namespace {

struct KindEntry {
  std::string_view kind;
  std::string_view resource;
  bool namespaced;
  std::vector<GroupVersion> served;  // preferred first
};

const std::vector<KindEntry>& Kinds() {
  static const std::vector<KindEntry> kinds = {
      {"Pod", "pods", true, {{"", "v1"}}},
      {"Service", "services", true, {{"", "v1"}}},
      {"ConfigMap", "configmaps", true, {{"", "v1"}}},
      {"Secret", "secrets", true, {{"", "v1"}}},
      {"ServiceAccount", "serviceaccounts", true, {{"", "v1"}}},
      {"Namespace", "namespaces", false, {{"", "v1"}}},
      {"Node", "nodes", false, {{"", "v1"}}},
      {"PersistentVolume", "persistentvolumes", false, {{"", "v1"}}},
      {"PersistentVolumeClaim", "persistentvolumeclaims", true, {{"", "v1"}}},
      {"Endpoints", "endpoints", true, {{"", "v1"}}},
      {"LimitRange", "limitranges", true, {{"", "v1"}}},
      {"ResourceQuota", "resourcequotas", true, {{"", "v1"}}},
      {"ReplicationController", "replicationcontrollers", true, {{"", "v1"}}},
      {"PodTemplate", "podtemplates", true, {{"", "v1"}}},
      {"Event",
       "events",
       true,
       {{"", "v1"}, {"events.k8s.io", "v1"}, {"events.k8s.io", "v1beta1"}}},
      {"Binding", "bindings", true, {{"", "v1"}}},
      {"ComponentStatus", "componentstatuses", false, {{"", "v1"}}},
      {"Deployment",
       "deployments",
       true,
       {{"apps", "v1"}, {"apps", "v1beta2"}, {"apps", "v1beta1"}, {"extensions", "v1beta1"}}},
      {"StatefulSet",
       "statefulsets",
       true,
       {{"apps", "v1"}, {"apps", "v1beta2"}, {"apps", "v1beta1"}}},
      {"DaemonSet",
       "daemonsets",
       true,
       {{"apps", "v1"}, {"apps", "v1beta2"}, {"extensions", "v1beta1"}}},
      {"ReplicaSet",
       "replicasets",
       true,
       {{"apps", "v1"}, {"apps", "v1beta2"}, {"extensions", "v1beta1"}}},
      {"ControllerRevision",
       "controllerrevisions",
       true,
       {{"apps", "v1"}, {"apps", "v1beta2"}, {"apps", "v1beta1"}}},
      {"Job", "jobs", true, {{"batch", "v1"}}},
      {"CronJob", "cronjobs", true, {{"batch", "v1"}, {"batch", "v1beta1"}, {"batch", "v2alpha1"}}},
      {"HorizontalPodAutoscaler",
       "horizontalpodautoscalers",
       true,
       {{"autoscaling", "v2"},
        {"autoscaling", "v1"},
        {"autoscaling", "v2beta2"},
        {"autoscaling", "v2beta1"}}},
      {"PodDisruptionBudget",
       "poddisruptionbudgets",
       true,
       {{"policy", "v1"}, {"policy", "v1beta1"}}},
      {"PodSecurityPolicy",
       "podsecuritypolicies",
       false,
       {{"policy", "v1beta1"}, {"extensions", "v1beta1"}}},
      {"Ingress",
       "ingresses",
       true,
       {{"networking.k8s.io", "v1"}, {"networking.k8s.io", "v1beta1"}, {"extensions", "v1beta1"}}},
      {"IngressClass",
       "ingressclasses",
       false,
       {{"networking.k8s.io", "v1"}, {"networking.k8s.io", "v1beta1"}}},
      {"NetworkPolicy",
       "networkpolicies",
       true,
       {{"networking.k8s.io", "v1"}, {"extensions", "v1beta1"}}},
      {"IPAddress",
       "ipaddresses",
       false,
       {{"networking.k8s.io", "v1"}, {"networking.k8s.io", "v1beta1"}}},
      {"ServiceCIDR",
       "servicecidrs",
       false,
       {{"networking.k8s.io", "v1"}, {"networking.k8s.io", "v1beta1"}}},
      {"EndpointSlice",
       "endpointslices",
       true,
       {{"discovery.k8s.io", "v1"}, {"discovery.k8s.io", "v1beta1"}}},
      {"Role",
       "roles",
       true,
       {{"rbac.authorization.k8s.io", "v1"}, {"rbac.authorization.k8s.io", "v1beta1"}}},
      {"ClusterRole",
       "clusterroles",
       false,
       {{"rbac.authorization.k8s.io", "v1"}, {"rbac.authorization.k8s.io", "v1beta1"}}},
      {"RoleBinding",
       "rolebindings",
       true,
       {{"rbac.authorization.k8s.io", "v1"}, {"rbac.authorization.k8s.io", "v1beta1"}}},
      {"ClusterRoleBinding",
       "clusterrolebindings",
       false,
       {{"rbac.authorization.k8s.io", "v1"}, {"rbac.authorization.k8s.io", "v1beta1"}}},
      {"StorageClass",
       "storageclasses",
       false,
       {{"storage.k8s.io", "v1"}, {"storage.k8s.io", "v1beta1"}}},
      {"VolumeAttachment",
       "volumeattachments",
       false,
       {{"storage.k8s.io", "v1"}, {"storage.k8s.io", "v1beta1"}}},
      {"CSIDriver", "csidrivers", false, {{"storage.k8s.io", "v1"}, {"storage.k8s.io", "v1beta1"}}},
      {"CSINode", "csinodes", false, {{"storage.k8s.io", "v1"}, {"storage.k8s.io", "v1beta1"}}},
      {"CSIStorageCapacity",
       "csistoragecapacities",
       true,
       {{"storage.k8s.io", "v1"}, {"storage.k8s.io", "v1beta1"}}},
      {"VolumeAttributesClass",
       "volumeattributesclasses",
       false,
       {{"storage.k8s.io", "v1"}, {"storage.k8s.io", "v1beta1"}}},
      {"PriorityClass",
       "priorityclasses",
       false,
       {{"scheduling.k8s.io", "v1"}, {"scheduling.k8s.io", "v1beta1"}}},
      {"RuntimeClass",
       "runtimeclasses",
       false,
       {{"node.k8s.io", "v1"}, {"node.k8s.io", "v1beta1"}}},
      {"Lease",
       "leases",
       true,
       {{"coordination.k8s.io", "v1"}, {"coordination.k8s.io", "v1beta1"}}},
      {"CertificateSigningRequest",
       "certificatesigningrequests",
       false,
       {{"certificates.k8s.io", "v1"}, {"certificates.k8s.io", "v1beta1"}}},
      {"CustomResourceDefinition",
       "customresourcedefinitions",
       false,
       {{"apiextensions.k8s.io", "v1"}, {"apiextensions.k8s.io", "v1beta1"}}},
      {"APIService",
       "apiservices",
       false,
       {{"apiregistration.k8s.io", "v1"}, {"apiregistration.k8s.io", "v1beta1"}}},
      {"ValidatingWebhookConfiguration",
       "validatingwebhookconfigurations",
       false,
       {{"admissionregistration.k8s.io", "v1"}, {"admissionregistration.k8s.io", "v1beta1"}}},
      {"MutatingWebhookConfiguration",
       "mutatingwebhookconfigurations",
       false,
       {{"admissionregistration.k8s.io", "v1"}, {"admissionregistration.k8s.io", "v1beta1"}}},
      {"ValidatingAdmissionPolicy",
       "validatingadmissionpolicies",
       false,
       {{"admissionregistration.k8s.io", "v1"},
        {"admissionregistration.k8s.io", "v1beta1"},
        {"admissionregistration.k8s.io", "v1alpha1"}}},
      {"ValidatingAdmissionPolicyBinding",
       "validatingadmissionpolicybindings",
       false,
       {{"admissionregistration.k8s.io", "v1"},
        {"admissionregistration.k8s.io", "v1beta1"},
        {"admissionregistration.k8s.io", "v1alpha1"}}},
      {"FlowSchema",
       "flowschemas",
       false,
       {{"flowcontrol.apiserver.k8s.io", "v1"}, {"flowcontrol.apiserver.k8s.io", "v1beta3"}}},
      {"PriorityLevelConfiguration",
       "prioritylevelconfigurations",
       false,
       {{"flowcontrol.apiserver.k8s.io", "v1"}, {"flowcontrol.apiserver.k8s.io", "v1beta3"}}},
  };
  return kinds;
}

}  // namespace

std::string GuessPlural(std::string_view kind) {
  std::string lower;
  lower.reserve(kind.size() + 3);
  for (char c : kind) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty()) return lower;
  if (lower.back() == 's') return lower + "es";
  if (lower.back() == 'y') {
    lower.pop_back();
    return lower + "ies";
  }
  return lower + "s";
}

ResourceInfo ResourceFor(std::string_view api_version, std::string_view kind) {
  ResourceInfo out;
  std::size_t slash = api_version.find('/');
  std::string_view group = slash == std::string_view::npos ? "" : api_version.substr(0, slash);
  std::string_view version =
      slash == std::string_view::npos ? api_version : api_version.substr(slash + 1);
  out.group = group;
  out.version = version;
  for (const KindEntry& k : Kinds()) {
    if (k.kind != kind) continue;
    bool served = false;
    for (const GroupVersion& gv : k.served) served = served || gv.group == group;
    if (!served) continue;
    out.resource = k.resource;
    out.namespaced = k.namespaced;
    out.known = true;
    out.equivalents = k.served;
    return out;
  }
  out.resource = GuessPlural(kind);
  out.namespaced = !kind.starts_with("Cluster");
  return out;
}

}  // namespace gori::k8s
