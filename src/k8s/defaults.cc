// src/k8s/defaults.cc
#include "k8s/defaults.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "base/check.h"
#include "doc/document.h"
#include "k8s/image.h"
#include "yaml/loader.h"

namespace gori::k8s {

enum class Defaults::Role : uint8_t {
  kDeploymentSpec,
  kDeploymentStrategy,
  kDeploymentRollingUpdate,
  kReplicaSetSpec,
  kStatefulSetSpec,
  kStatefulSetUpdateStrategy,
  kStatefulSetRollingUpdate,
  kDaemonSetSpec,
  kDaemonSetUpdateStrategy,
  kDaemonSetRollingUpdate,
  kJobSpec,
  kCronJobSpec,
  kReplicationControllerSpec,
  kPodSpec,       // a pod template's spec
  kPodSpecOfPod,  // a Pod's spec: also what only Pods get (and the ServiceAccount plugin's default)
  kContainer,
  kResources,
  kRequests,
  kContainerPort,
  kProbe,
  kHttpGet,
  kVolumeSource,  // secret, configMap, downwardAPI, projected: defaultMode
  kHostPath,
  kTokenProjection,
  kServiceSpec,
  kServicePort,
  kSecret,
  kNetworkPolicySpec,
  kNetworkPolicyPort,
  kClaimSpec,
  kVolumeSpec,
  kNamespace,
  kNamespaceLabels,
  kHpaSpec,
  kRoleRef,
  kSubject,
  kObjectMeta,    // an object's metadata without a name but with generateName
  kSchemaObject,  // a custom resource's map whose schema (context) gives a property a default
};

namespace {

// The values defaults take, as nodes a reader can walk like the object's own.
constexpr std::string_view kConstants = R"y(
int_0: 0
int_1: 1
int_3: 3
int_6: 6
int_10: 10
int_30: 30
int_420: 420
int_600: 600
bool_false: false
bool_true: true
always: Always
if_not_present: IfNotPresent
cluster_first: ClusterFirst
default_scheduler: default-scheduler
empty_map: {}
rolling_update: RollingUpdate
percent_25: 25%
deployment_strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}}
deployment_rolling_update: {maxUnavailable: 25%, maxSurge: 25%}
statefulset_strategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}
statefulset_rolling_update: {partition: 0}
retention_policy: {whenDeleted: Retain, whenScaled: Retain}
daemonset_strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}
daemonset_rolling_update: {maxUnavailable: 1, maxSurge: 0}
ordered_ready: OrderedReady
non_indexed: NonIndexed
allow: Allow
termination_log: /dev/termination-log
file: File
tcp: TCP
http: HTTP
cluster_ip: ClusterIP
none: None
cluster: Cluster
opaque: Opaque
ingress_only: [Ingress]
int_3600: 3600
int_max32: 2147483647
slash: /
empty_string: ""
default: default
retain: Retain
preempt_lower: PreemptLowerPriority
active_status: {phase: Active}
namespace_spec: {finalizers: [kubernetes]}
cpu_80: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
rbac_group: rbac.authorization.k8s.io
ingress_egress: [Ingress, Egress]
filesystem: Filesystem
terminating_or_failed: TerminatingOrFailed
failed: Failed
)y";

const doc::Node* Constant(std::string_view name) {
  static const doc::LoadedFile* file = [] {
    auto* f = new doc::LoadedFile;
    f->source = Source::FromString("defaults", std::string(kConstants));
    GORI_CHECK(yaml::Load(*f).has_value() && f->documents.size() == 1);
    return f;
  }();
  const doc::Node* n = file->documents[0].root->Get(name);
  GORI_CHECK(n != nullptr);
  return n;
}

bool Is(const doc::Node* n, std::string_view text) {
  return n != nullptr && n->IsString() && n->text() == text;
}

bool IsMap(const doc::Node* n) { return n != nullptr && n->IsMap(); }

// Whether any map may have a default for `key`: every key Lookup answers (kept sorted), and the
// resource names a Pod's requests copy from its limits. Most misses a policy meets
// (allowPrivilegeEscalation, labels, ...) are answered here without walking the object.
bool MayHaveDefault(std::string_view key) {
  static constexpr std::string_view kKeys[] = {
      "allocateLoadBalancerNodePorts",
      "apiGroup",
      "backoffLimit",
      "completionMode",
      "completions",
      "concurrencyPolicy",
      "cpu",
      "defaultMode",
      "dnsPolicy",
      "enableServiceLinks",
      "ephemeral-storage",
      "expirationSeconds",
      "externalTrafficPolicy",
      "failedJobsHistoryLimit",
      "failureThreshold",
      "hostPort",
      "imagePullPolicy",
      "internalTrafficPolicy",
      "manualSelector",
      "maxSurge",
      "maxUnavailable",
      "memory",
      "metrics",
      "minReplicas",
      "name",
      "parallelism",
      "partition",
      "path",
      "periodSeconds",
      "persistentVolumeClaimRetentionPolicy",
      "persistentVolumeReclaimPolicy",
      "podManagementPolicy",
      "podReplacementPolicy",
      "policyTypes",
      "preemptionPolicy",
      "progressDeadlineSeconds",
      "protocol",
      "replicas",
      "requests",
      "restartPolicy",
      "revisionHistoryLimit",
      "rollingUpdate",
      "schedulerName",
      "scheme",
      "securityContext",
      "selector",
      "serviceAccount",
      "serviceAccountName",
      "sessionAffinity",
      "spec",
      "status",
      "storage",
      "strategy",
      "successThreshold",
      "successfulJobsHistoryLimit",
      "suspend",
      "targetPort",
      "terminationGracePeriodSeconds",
      "terminationMessagePath",
      "terminationMessagePolicy",
      "timeoutSeconds",
      "type",
      "updateStrategy",
      "volumeMode",
  };
  // A bit per (first letter, length) of the keys above: a miss on another key, the common case,
  // is rejected without comparing strings.
  static constexpr auto kShapes = [] {
    std::array<uint64_t, 32> bits{};
    for (std::string_view k : kKeys) bits[k[0] & 31] |= uint64_t{1} << (k.size() & 63);
    return bits;
  }();
  if (key.empty()) return false;
  // Extended resources (vendor.com/gpu), hugepages and the Namespace name label.
  if (key.find('/') != std::string_view::npos || key.starts_with("hugepages-")) return true;
  if ((kShapes[key[0] & 31] >> (key.size() & 63) & 1) == 0) return false;
  return std::binary_search(std::begin(kKeys), std::end(kKeys), key);
}

}  // namespace

const doc::Node* Defaults::Find(const doc::Node* map, std::string_view key) const {
  if (schema_ == nullptr && !MayHaveDefault(key)) return nullptr;
  if (!built_) Build();
  for (const Entry& e : entries_) {
    if (e.map == map) return Lookup(e, key);  // by value: a schema default may add entries
  }
  return nullptr;
}

void Defaults::Add(const doc::Node* map, Role role, const doc::Node* context) const {
  if (IsMap(map)) entries_.push_back({map, role, context});
}

void Defaults::Build() const {
  built_ = true;
  entries_.reserve(32);
  const doc::Node* root = object_.root();
  if (!IsMap(root)) return;
  // Every kind: the API server generates the name of a `generateName` object before validating
  // admission (and the request names the object so).
  if (const doc::Node* meta = object_.metadata(); IsMap(meta)) {
    const doc::Node* name = meta->Get("name");
    const doc::Node* generate = meta->Get("generateName");
    if ((name == nullptr || name->IsNull()) && generate != nullptr && generate->IsString() &&
        !generate->text().empty()) {
      Add(meta, Role::kObjectMeta, generate);
    }
  }
  const doc::Node* spec = object_.spec();
  std::string_view kind = object_.kind();
  std::string_view group = object_.group();
  const PodSpec* pod = object_.pod();
  // The pod spec (Object::pod()) is defaulted only for the built-in kinds that carry one.
  bool workload = false;
  if (group.empty()) {
    if (kind == "Pod" || kind == "PodTemplate") {
      workload = true;
    } else if (kind == "ReplicationController") {
      Add(spec, Role::kReplicationControllerSpec, pod != nullptr ? pod->labels() : nullptr);
      workload = true;
    } else if (kind == "Namespace") {
      Add(root, Role::kNamespace);
      if (const doc::Node* meta = object_.metadata(); IsMap(meta))
        Add(meta->Get("labels"), Role::kNamespaceLabels, meta->Get("name"));
    } else if (kind == "PersistentVolume") {
      Add(spec, Role::kVolumeSpec);
    } else if (kind == "Service") {
      Add(spec, Role::kServiceSpec);
      const doc::Node* ports = IsMap(spec) ? spec->Get("ports") : nullptr;
      if (ports != nullptr && ports->IsSeq()) {
        for (const doc::Node* p : ports->items()) {
          Add(p, Role::kServicePort, IsMap(p) ? p->Get("port") : nullptr);
        }
      }
    } else if (kind == "Secret") {
      Add(root, Role::kSecret);
    } else if (kind == "PersistentVolumeClaim") {
      Add(spec, Role::kClaimSpec);
    }
  } else if (group == "apps" || group == "extensions") {
    workload = kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" ||
               kind == "DaemonSet";
    if (kind == "Deployment") {
      Add(spec, Role::kDeploymentSpec);
      const doc::Node* strategy = IsMap(spec) ? spec->Get("strategy") : nullptr;
      if (IsMap(strategy)) {
        Add(strategy, Role::kDeploymentStrategy, strategy->Get("type"));
        Add(strategy->Get("rollingUpdate"), Role::kDeploymentRollingUpdate);
      }
    } else if (kind == "ReplicaSet") {
      Add(spec, Role::kReplicaSetSpec);
    } else if (kind == "StatefulSet") {
      Add(spec, Role::kStatefulSetSpec);
      const doc::Node* strategy = IsMap(spec) ? spec->Get("updateStrategy") : nullptr;
      if (IsMap(strategy)) {
        Add(strategy, Role::kStatefulSetUpdateStrategy, strategy->Get("type"));
        Add(strategy->Get("rollingUpdate"), Role::kStatefulSetRollingUpdate);
      }
      const doc::Node* claims = IsMap(spec) ? spec->Get("volumeClaimTemplates") : nullptr;
      if (claims != nullptr && claims->IsSeq()) {
        for (const doc::Node* c : claims->items())
          Add(IsMap(c) ? c->Get("spec") : nullptr, Role::kClaimSpec);
      }
    } else if (kind == "DaemonSet") {
      Add(spec, Role::kDaemonSetSpec);
      const doc::Node* strategy = IsMap(spec) ? spec->Get("updateStrategy") : nullptr;
      if (IsMap(strategy)) {
        Add(strategy, Role::kDaemonSetUpdateStrategy, strategy->Get("type"));
        Add(strategy->Get("rollingUpdate"), Role::kDaemonSetRollingUpdate);
      }
    }
  } else if (group == "batch") {
    // A CronJob's job template is not a Job: only its pod template is defaulted.
    if (kind == "CronJob") Add(spec, Role::kCronJobSpec);
    if (kind == "Job") Add(spec, Role::kJobSpec);
    workload = kind == "CronJob" || kind == "Job";
  } else if (group == "networking.k8s.io" && kind == "NetworkPolicy" && IsMap(spec)) {
    Add(spec, Role::kNetworkPolicySpec);
    for (std::string_view dir : {"ingress", "egress"}) {
      const doc::Node* rules = spec->Get(dir);
      if (rules == nullptr || !rules->IsSeq()) continue;
      for (const doc::Node* r : rules->items()) {
        const doc::Node* ports = IsMap(r) ? r->Get("ports") : nullptr;
        if (ports == nullptr || !ports->IsSeq()) continue;
        for (const doc::Node* port : ports->items()) Add(port, Role::kNetworkPolicyPort);
      }
    }
  } else if (group == "autoscaling" && kind == "HorizontalPodAutoscaler") {
    Add(spec, Role::kHpaSpec, root->Get("apiVersion"));
  } else if (group == "rbac.authorization.k8s.io" &&
             (kind == "RoleBinding" || kind == "ClusterRoleBinding")) {
    Add(root->Get("roleRef"), Role::kRoleRef);
    if (const doc::Node* subjects = root->Get("subjects"); subjects && subjects->IsSeq()) {
      for (const doc::Node* sub : subjects->items()) {
        Add(sub, Role::kSubject, IsMap(sub) ? sub->Get("kind") : nullptr);
      }
    }
  }
  if (workload && pod != nullptr) AddPodSpec(*pod, kind == "Pod");
  if (schema_ != nullptr) AddSchema(root, schema_, 0);
}

namespace {

// Deeper schemas are not walked (a manifest's own nesting is bounded by the loader).
constexpr uint32_t kMaxSchemaDepth = 64;

}  // namespace

// As the API server's structural defaulting walks a custom resource: a map's properties by
// `properties` (or every value by `additionalProperties`), a list's items by `items`. Maps
// whose schema gives some property a default are registered; the object's metadata, apiVersion
// and kind take no schema defaults.
void Defaults::AddSchema(const doc::Node* value, const doc::Node* schema, uint32_t depth) const {
  if (value == nullptr || !IsMap(schema) || depth > kMaxSchemaDepth) return;
  if (value->IsSeq()) {
    const doc::Node* items = schema->Get("items");
    if (!IsMap(items)) return;
    for (const doc::Node* item : value->items()) AddSchema(item, items, depth + 1);
    return;
  }
  if (!value->IsMap()) return;
  const doc::Node* properties = schema->Get("properties");
  if (IsMap(properties)) {
    for (const doc::Pair& p : properties->pairs()) {
      if (IsMap(p.value) && p.value->Get("default") != nullptr) {
        Add(value, Role::kSchemaObject, schema);
        break;
      }
    }
    for (const doc::Pair& p : value->pairs()) {
      if (!p.key->IsScalar()) continue;
      std::string_view k = p.key->text();
      if (depth == 0 && (k == "metadata" || k == "apiVersion" || k == "kind")) continue;
      AddSchema(p.value, properties->Get(k), depth + 1);
    }
    return;
  }
  if (const doc::Node* extra = schema->Get("additionalProperties"); IsMap(extra)) {
    for (const doc::Pair& p : value->pairs()) AddSchema(p.value, extra, depth + 1);
  }
}

// The default the schema of `e.map` gives `key`. A field written as null takes it too (the API
// server prunes the null first) unless the property is nullable. A default that is itself a
// map or list is walked once, so that the defaults of its own properties apply as well.
const doc::Node* Defaults::SchemaDefault(const Entry& e, std::string_view key) const {
  const doc::Node* property = e.context->Get("properties")->Get(key);
  if (!IsMap(property)) return nullptr;
  const doc::Node* value = property->Get("default");
  if (value == nullptr || value->IsNull()) return nullptr;
  const doc::Node* nullable = property->Get("nullable");
  if (nullable != nullptr && nullable->AsBool().value_or(false) && e.map->Get(key) != nullptr)
    return nullptr;
  if (!value->IsScalar() && std::find(walked_defaults_.begin(), walked_defaults_.end(), value) ==
                                walked_defaults_.end()) {
    walked_defaults_.push_back(value);
    AddSchema(value, property, 1);
  }
  return value;
}

void Defaults::AddPodSpec(const PodSpec& pod, bool is_pod) const {
  Add(pod.spec, is_pod ? Role::kPodSpecOfPod : Role::kPodSpec);
  const doc::Node* host_network = pod.Get("hostNetwork");
  bool host = is_pod && host_network != nullptr && host_network->AsBool().value_or(false);
  for (const Container& c : pod.containers) {
    bool ephemeral = c.kind == ContainerKind::kEphemeral;
    AddContainer(c.node, is_pod && !ephemeral, host && !ephemeral);
  }
  if (const doc::Node* volumes = pod.Get("volumes"); volumes && volumes->IsSeq()) {
    for (const doc::Node* v : volumes->items()) {
      if (!IsMap(v)) continue;
      for (std::string_view source : {"secret", "configMap", "downwardAPI", "projected"}) {
        Add(v->Get(source), Role::kVolumeSource);
      }
      Add(v->Get("hostPath"), Role::kHostPath);
      const doc::Node* projected = v->Get("projected");
      const doc::Node* sources = IsMap(projected) ? projected->Get("sources") : nullptr;
      if (sources != nullptr && sources->IsSeq()) {
        for (const doc::Node* src : sources->items()) {
          if (IsMap(src)) Add(src->Get("serviceAccountToken"), Role::kTokenProjection);
        }
      }
      const doc::Node* eph = v->Get("ephemeral");
      const doc::Node* tmpl = IsMap(eph) ? eph->Get("volumeClaimTemplate") : nullptr;
      if (IsMap(tmpl)) Add(tmpl->Get("spec"), Role::kClaimSpec);
    }
  }
}

void Defaults::AddContainer(const doc::Node* c, bool requests_from_limits,
                            bool host_network) const {
  if (!IsMap(c)) return;
  Add(c, Role::kContainer, c->Get("image"));
  if (const doc::Node* r = c->Get("resources"); requests_from_limits && IsMap(r)) {
    const doc::Node* limits = r->Get("limits");
    if (IsMap(limits)) {
      Add(r, Role::kResources, limits);
      Add(r->Get("requests"), Role::kRequests, limits);
    }
  }
  if (const doc::Node* ports = c->Get("ports"); ports && ports->IsSeq()) {
    for (const doc::Node* p : ports->items()) {
      Add(p, Role::kContainerPort, host_network && IsMap(p) ? p->Get("containerPort") : nullptr);
    }
  }
  for (std::string_view probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
    const doc::Node* p = c->Get(probe);
    if (!IsMap(p)) continue;
    Add(p, Role::kProbe);
    Add(p->Get("httpGet"), Role::kHttpGet);
  }
  if (const doc::Node* lifecycle = c->Get("lifecycle"); IsMap(lifecycle)) {
    for (std::string_view hook : {"postStart", "preStop"}) {
      const doc::Node* h = lifecycle->Get(hook);
      if (IsMap(h)) Add(h->Get("httpGet"), Role::kHttpGet);
    }
  }
}

const doc::Node* Defaults::Lookup(Entry e, std::string_view key) const {
  switch (e.role) {
    case Role::kDeploymentSpec:
      if (key == "replicas") return Constant("int_1");
      if (key == "revisionHistoryLimit") return Constant("int_10");
      if (key == "progressDeadlineSeconds") return Constant("int_600");
      if (key == "strategy") return Constant("deployment_strategy");
      return nullptr;
    case Role::kDeploymentStrategy:
      if (key == "type") return Constant("rolling_update");
      if (key == "rollingUpdate" && (e.context == nullptr || Is(e.context, "RollingUpdate")))
        return Constant("deployment_rolling_update");
      return nullptr;
    case Role::kDeploymentRollingUpdate:
      return key == "maxUnavailable" || key == "maxSurge" ? Constant("percent_25") : nullptr;
    case Role::kReplicaSetSpec:
      return key == "replicas" ? Constant("int_1") : nullptr;
    case Role::kStatefulSetSpec:
      if (key == "replicas") return Constant("int_1");
      if (key == "podManagementPolicy") return Constant("ordered_ready");
      if (key == "revisionHistoryLimit") return Constant("int_10");
      if (key == "updateStrategy") return Constant("statefulset_strategy");
      if (key == "persistentVolumeClaimRetentionPolicy") return Constant("retention_policy");
      return nullptr;
    case Role::kStatefulSetUpdateStrategy:
      if (key == "type") return Constant("rolling_update");
      // Only when the type itself is defaulted: a written RollingUpdate keeps no rollingUpdate.
      if (key == "rollingUpdate" && (e.context == nullptr || e.context->IsNull()))
        return Constant("statefulset_rolling_update");
      return nullptr;
    case Role::kStatefulSetRollingUpdate:
      return key == "partition" ? Constant("int_0") : nullptr;
    case Role::kDaemonSetSpec:
      if (key == "revisionHistoryLimit") return Constant("int_10");
      if (key == "updateStrategy") return Constant("daemonset_strategy");
      return nullptr;
    case Role::kDaemonSetUpdateStrategy:
      if (key == "type") return Constant("rolling_update");
      if (key == "rollingUpdate" && (e.context == nullptr || Is(e.context, "RollingUpdate")))
        return Constant("daemonset_rolling_update");
      return nullptr;
    case Role::kDaemonSetRollingUpdate:
      if (key == "maxUnavailable") return Constant("int_1");
      if (key == "maxSurge") return Constant("int_0");
      return nullptr;
    case Role::kJobSpec: {
      if (key == "parallelism") return Constant("int_1");
      if (key == "completions") {
        // Only when parallelism is unset too (a work queue sets parallelism alone).
        const doc::Node* p = e.map->Get("parallelism");
        return p == nullptr || p->IsNull() ? Constant("int_1") : nullptr;
      }
      if (key == "backoffLimit") {
        const doc::Node* per_index = e.map->Get("backoffLimitPerIndex");
        return per_index != nullptr && !per_index->IsNull() ? Constant("int_max32")
                                                            : Constant("int_6");
      }
      if (key == "manualSelector") return Constant("bool_false");
      if (key == "completionMode") return Constant("non_indexed");
      if (key == "suspend") return Constant("bool_false");
      if (key == "podReplacementPolicy") {
        const doc::Node* pfp = e.map->Get("podFailurePolicy");
        return pfp != nullptr && !pfp->IsNull() ? Constant("failed")
                                                : Constant("terminating_or_failed");
      }
      return nullptr;
    }
    case Role::kCronJobSpec:
      if (key == "concurrencyPolicy") return Constant("allow");
      if (key == "suspend") return Constant("bool_false");
      if (key == "successfulJobsHistoryLimit") return Constant("int_3");
      if (key == "failedJobsHistoryLimit") return Constant("int_1");
      return nullptr;
    case Role::kReplicationControllerSpec:
      if (key == "replicas") return Constant("int_1");
      if (key == "selector") return e.context;  // the template's labels
      return nullptr;
    case Role::kPodSpecOfPod:
      if (key == "enableServiceLinks") return Constant("bool_true");
      if (key == "serviceAccountName" || key == "serviceAccount") return Constant("default");
      if (key == "preemptionPolicy") return Constant("preempt_lower");
      [[fallthrough]];
    case Role::kPodSpec:
      if (key == "restartPolicy") return Constant("always");
      if (key == "dnsPolicy") return Constant("cluster_first");
      if (key == "terminationGracePeriodSeconds") return Constant("int_30");
      if (key == "securityContext") return Constant("empty_map");
      if (key == "schedulerName") return Constant("default_scheduler");
      return nullptr;
    case Role::kContainer: {
      if (key == "terminationMessagePath") return Constant("termination_log");
      if (key == "terminationMessagePolicy") return Constant("file");
      if (key != "imagePullPolicy") return nullptr;
      // Always for the tag latest (written, or implied by neither tag nor digest).
      std::string_view image = e.context != nullptr ? e.context->text() : std::string_view();
      Result<ImageRef> ref = ParseImage(image);
      bool latest = ref && (ref->tag == "latest" || (ref->tag.empty() && ref->digest.empty()));
      return latest ? Constant("always") : Constant("if_not_present");
    }
    case Role::kResources:
      return key == "requests" ? e.context : nullptr;
    case Role::kRequests: {
      const doc::Node* limit = e.context->Get(key);
      return limit != nullptr && !limit->IsNull() ? limit : nullptr;
    }
    case Role::kContainerPort:
      if (key == "protocol") return Constant("tcp");
      if (key == "hostPort") return e.context;  // containerPort under hostNetwork
      return nullptr;
    case Role::kProbe:
      if (key == "timeoutSeconds" || key == "successThreshold") return Constant("int_1");
      if (key == "periodSeconds") return Constant("int_10");
      if (key == "failureThreshold") return Constant("int_3");
      return nullptr;
    case Role::kHttpGet:
      if (key == "scheme") return Constant("http");
      if (key == "path") return Constant("slash");
      return nullptr;
    case Role::kVolumeSource:
      return key == "defaultMode" ? Constant("int_420") : nullptr;
    case Role::kHostPath:
      return key == "type" ? Constant("empty_string") : nullptr;
    case Role::kTokenProjection:
      return key == "expirationSeconds" ? Constant("int_3600") : nullptr;
    case Role::kServiceSpec: {
      const doc::Node* type = e.map->Get("type");
      bool external_name = Is(type, "ExternalName");
      bool load_balancer = Is(type, "LoadBalancer");
      const doc::Node* external_ips = e.map->Get("externalIPs");
      bool external =
          load_balancer || Is(type, "NodePort") ||
          (external_ips != nullptr && external_ips->IsSeq() && external_ips->size() > 0);
      if (key == "type") return Constant("cluster_ip");
      if (key == "sessionAffinity") return Constant("none");
      if (key == "internalTrafficPolicy" && !external_name) return Constant("cluster");
      if (key == "externalTrafficPolicy" && external && !external_name) return Constant("cluster");
      if (key == "allocateLoadBalancerNodePorts" && load_balancer) return Constant("bool_true");
      return nullptr;
    }
    case Role::kServicePort:
      if (key == "protocol") return Constant("tcp");
      if (key == "targetPort") return e.context;  // the port
      return nullptr;
    case Role::kSecret:
      return key == "type" ? Constant("opaque") : nullptr;
    case Role::kNetworkPolicySpec: {
      if (key != "policyTypes") return nullptr;
      const doc::Node* egress = e.map->Get("egress");
      return egress != nullptr && !egress->IsNull() ? Constant("ingress_egress")
                                                    : Constant("ingress_only");
    }
    case Role::kNetworkPolicyPort:
      return key == "protocol" ? Constant("tcp") : nullptr;
    case Role::kClaimSpec:
      return key == "volumeMode" ? Constant("filesystem") : nullptr;
    case Role::kVolumeSpec:
      if (key == "volumeMode") return Constant("filesystem");
      if (key == "persistentVolumeReclaimPolicy") return Constant("retain");
      return nullptr;
    case Role::kNamespace:
      if (key == "status") return Constant("active_status");
      if (key == "spec") return Constant("namespace_spec");
      return nullptr;
    case Role::kNamespaceLabels:
      return key == "kubernetes.io/metadata.name" ? e.context : nullptr;
    case Role::kHpaSpec: {
      if (key == "minReplicas") return Constant("int_1");
      // autoscaling/v2's default target; v1 has targetCPUUtilizationPercentage instead.
      if (key == "metrics" && e.context != nullptr && e.context->text() != "autoscaling/v1")
        return Constant("cpu_80");
      return nullptr;
    }
    case Role::kRoleRef:
      return key == "apiGroup" ? Constant("rbac_group") : nullptr;
    case Role::kSubject:
      if (key == "apiGroup" && (Is(e.context, "User") || Is(e.context, "Group")))
        return Constant("rbac_group");
      return nullptr;
    case Role::kObjectMeta:
      return key == "name" ? GeneratedName(e.context) : nullptr;
    case Role::kSchemaObject:
      return SchemaDefault(e, key);
  }
  return nullptr;
}

const doc::Node* Defaults::GeneratedName(const doc::Node* generate_name) const {
  if (!generated_name_) {
    // As apiserver's name generator: the prefix cut to 58 bytes, then 5 random characters from
    // "bcdfghjklmnpqrstvwxz2456789"; offline, always "xxxxx" (one of the possible suffixes).
    constexpr std::size_t kMaxPrefix = 63 - 5;
    std::string_view prefix = generate_name->text();
    generated_name_text_ = std::string(prefix.substr(0, kMaxPrefix)) + "xxxxx";
    generated_name_ = doc::Node::Scalar(generated_name_text_, doc::ScalarTag::kString, false,
                                        generate_name->line(), generate_name->column());
  }
  return &*generated_name_;
}

}  // namespace gori::k8s
