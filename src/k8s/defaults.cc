// src/k8s/defaults.cc
#include "k8s/defaults.h"

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
  kPodSpec,
  kContainer,
  kResources,
  kRequests,
  kContainerPort,
  kProbe,
  kHttpGet,
  kVolumeSource,  // secret, configMap, downwardAPI, projected: defaultMode
  kServiceSpec,
  kServicePort,
  kSecret,
  kNetworkPolicySpec,
  kClaimSpec,
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

}  // namespace

const doc::Node* Defaults::Find(const doc::Node* map, std::string_view key) const {
  if (!built_) Build();
  for (const Entry& e : entries_) {
    if (e.map == map) return Lookup(e, key);
  }
  return nullptr;
}

void Defaults::Add(const doc::Node* map, Role role, const doc::Node* context) const {
  if (IsMap(map)) entries_.push_back({map, role, context});
}

void Defaults::Build() const {
  built_ = true;
  const doc::Node* root = object_.root();
  const doc::Node* spec = root->Get("spec");
  std::string_view kind = object_.kind();
  std::string_view group = object_.group();
  auto template_spec = [](const doc::Node* s) -> const doc::Node* {
    const doc::Node* t = IsMap(s) ? s->Get("template") : nullptr;
    return IsMap(t) ? t->Get("spec") : nullptr;
  };
  if (group.empty()) {
    if (kind == "Pod") {
      AddPodSpec(spec);
    } else if (kind == "PodTemplate") {
      AddPodSpec(template_spec(root));
    } else if (kind == "ReplicationController") {
      Add(spec, Role::kReplicaSetSpec);
      AddPodSpec(template_spec(spec));
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
    return;
  }
  if (group == "apps" || group == "extensions") {
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
    } else {
      return;
    }
    AddPodSpec(template_spec(spec));
    return;
  }
  if (group == "batch") {
    const doc::Node* job = spec;
    if (kind == "CronJob") {
      Add(spec, Role::kCronJobSpec);
      const doc::Node* t = IsMap(spec) ? spec->Get("jobTemplate") : nullptr;
      job = IsMap(t) ? t->Get("spec") : nullptr;
    } else if (kind != "Job") {
      return;
    }
    Add(job, Role::kJobSpec);
    AddPodSpec(template_spec(job));
    return;
  }
  if (group == "networking.k8s.io" && kind == "NetworkPolicy") Add(spec, Role::kNetworkPolicySpec);
}

void Defaults::AddPodSpec(const doc::Node* spec) const {
  if (!IsMap(spec)) return;
  Add(spec, Role::kPodSpec);
  const doc::Node* host_network = spec->Get("hostNetwork");
  bool host = host_network != nullptr && host_network->AsBool().value_or(false);
  for (std::string_view list : {"initContainers", "containers", "ephemeralContainers"}) {
    const doc::Node* items = spec->Get(list);
    if (items == nullptr || !items->IsSeq()) continue;
    for (const doc::Node* c : items->items()) AddContainer(c, host);
  }
  if (const doc::Node* volumes = spec->Get("volumes"); volumes && volumes->IsSeq()) {
    for (const doc::Node* v : volumes->items()) {
      if (!IsMap(v)) continue;
      for (std::string_view source : {"secret", "configMap", "downwardAPI", "projected"}) {
        Add(v->Get(source), Role::kVolumeSource);
      }
    }
  }
}

void Defaults::AddContainer(const doc::Node* c, bool host_network) const {
  if (!IsMap(c)) return;
  Add(c, Role::kContainer, c->Get("image"));
  if (const doc::Node* r = c->Get("resources"); IsMap(r)) {
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
}

const doc::Node* Defaults::Lookup(const Entry& e, std::string_view key) const {
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
      if (key == "rollingUpdate" && (e.context == nullptr || Is(e.context, "RollingUpdate")))
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
      if (key == "backoffLimit") return Constant("int_6");
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
    case Role::kPodSpec:
      if (key == "restartPolicy") return Constant("always");
      if (key == "dnsPolicy") return Constant("cluster_first");
      if (key == "terminationGracePeriodSeconds") return Constant("int_30");
      if (key == "securityContext") return Constant("empty_map");
      if (key == "schedulerName") return Constant("default_scheduler");
      if (key == "enableServiceLinks") return Constant("bool_true");
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
      return key == "scheme" ? Constant("http") : nullptr;
    case Role::kVolumeSource:
      return key == "defaultMode" ? Constant("int_420") : nullptr;
    case Role::kServiceSpec: {
      const doc::Node* type = e.map->Get("type");
      bool external_name = Is(type, "ExternalName");
      if (key == "type") return Constant("cluster_ip");
      if (key == "sessionAffinity") return Constant("none");
      if (key == "internalTrafficPolicy" && !external_name) return Constant("cluster");
      if (key == "externalTrafficPolicy" && (Is(type, "NodePort") || Is(type, "LoadBalancer")))
        return Constant("cluster");
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
    case Role::kClaimSpec:
      return key == "volumeMode" ? Constant("filesystem") : nullptr;
  }
  return nullptr;
}

}  // namespace gori::k8s
