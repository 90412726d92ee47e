#include "rules/pss/lib/controls.h"

#include <algorithm>
#include <initializer_list>

#include <fmt/format.h>

namespace gori::rules::pss {
namespace {

using k8s::Container;
using k8s::PodSpec;

// ---- reading values the way the API server decodes them ----------------------------------

const doc::Node* Set(const doc::Node* n) { return n && !n->IsNull() ? n : nullptr; }
const doc::Node* Field(const doc::Node* map, std::string_view key) {
  return map && map->IsMap() ? Set(map->Get(key)) : nullptr;
}
bool IsTrue(const doc::Node* n) { return n && n->AsBool().value_or(false); }
bool IsFalse(const doc::Node* n) { return n && n->IsBool() && !*n->AsBool(); }
// A string field's value; "" when unset (Go's zero value).
std::string_view Str(const doc::Node* n) {
  return n && n->IsScalar() && !n->IsNull() ? n->text() : std::string_view();
}

const doc::Node* PodSc(const PodSpec& pod) { return Field(pod.spec, "securityContext"); }
const doc::Node* Sc(const Container& c) { return Field(c.node, "securityContext"); }
// Where to point when a container's securityContext field is missing.
const doc::Node* ScAnchor(const Container& c) {
  const doc::Node* sc = Sc(c);
  return sc && sc->IsMap() ? sc : c.node;
}

bool HostUsersFalse(const PodSpec& pod) { return IsFalse(Set(pod.Get("hostUsers"))); }
bool IsWindows(const PodSpec& pod) {
  return Str(Field(Field(pod.spec, "os"), "name")) == "windows";
}

// ---- PSA's message helpers ---------------------------------------------------------------

std::string_view Pluralize(std::string_view one, std::string_view many, std::size_t n) {
  return n == 1 ? one : many;
}

// PSA's joinQuote: "a", "b" (no escaping).
template <typename Strings>
std::string JoinQuote(const Strings& items) {
  std::string s;
  for (const auto& i : items) {
    if (!s.empty()) s += ", ";
    s += '"';
    s += i;
    s += '"';
  }
  return s;
}

template <typename Strings>
std::string Join(const Strings& items, std::string_view sep) {
  std::string s;
  for (const auto& i : items) {
    if (!s.empty()) s += sep;
    s += i;
  }
  return s;
}

// Go's %q for the values PSA quotes that way (annotation values).
std::string GoQuote(std::string_view v) {
  std::string s = "\"";
  for (unsigned char ch : v) {
    switch (ch) {
      case '"':
        s += "\\\"";
        break;
      case '\\':
        s += "\\\\";
        break;
      case '\n':
        s += "\\n";
        break;
      case '\t':
        s += "\\t";
        break;
      case '\r':
        s += "\\r";
        break;
      default:
        if (ch < 0x20 || ch == 0x7f) {
          s += fmt::format("\\x{:02x}", ch);
        } else {
          s += static_cast<char>(ch);
        }
    }
  }
  s += '"';
  return s;
}

// Go's sets.String.List(): sorted, without duplicates.
template <typename T>
void SortUnique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// `container "a"` / `containers "a", "b"`.
std::string Containers(const std::vector<std::string_view>& names) {
  return fmt::format("{} {}", Pluralize("container", "containers", names.size()), JoinQuote(names));
}

// `pod`, `containers "a", "b"`, `pod and container "a"`.
std::string Setters(bool pod, const std::vector<std::string_view>& containers) {
  std::string s = pod ? "pod" : "";
  if (!containers.empty()) {
    if (pod) s += " and ";
    s += Containers(containers);
  }
  return s;
}

// The first offender the message names.
struct Offender {
  const doc::Node* at = nullptr;
  std::string path;
  std::string_view container;
};

std::string CPath(const PodSpec& pod, const Container& c, std::string_view suffix) {
  return c.Path(pod.spec_path) + std::string(suffix);
}
std::string PodPath(const PodSpec& pod, std::string_view suffix) {
  return pod.spec_path + std::string(suffix);
}
std::string AnnotationPath(const PodSpec& pod, std::string_view key) {
  return fmt::format("{}.annotations[\"{}\"]", pod.metadata_path, key);
}

void Note(Offender& o, const doc::Node* at, const PodSpec& pod, const Container* c,
          std::string_view suffix) {
  if (o.at) return;
  o.at = at;
  if (c) {
    o.path = CPath(pod, *c, suffix);
    o.container = c->name;
  } else {
    o.path = PodPath(pod, suffix);
  }
}

std::optional<Violation> Deny(Control control, std::string reason, std::string detail,
                              Offender first) {
  return Violation{control,  std::move(reason),     std::move(detail),
                   first.at, std::move(first.path), first.container};
}

// ---- baseline ----------------------------------------------------------------------------

std::optional<Violation> WindowsHostProcess(const PodSpec& pod) {
  constexpr std::string_view kSuffix = ".securityContext.windowsOptions.hostProcess";
  Offender first;
  const doc::Node* pod_hp = Field(Field(PodSc(pod), "windowsOptions"), "hostProcess");
  bool pod_bad = IsTrue(pod_hp);
  if (pod_bad) Note(first, pod_hp, pod, nullptr, kSuffix);
  std::vector<std::string_view> bad;
  for (const Container& c : pod.containers) {
    const doc::Node* hp = Field(Field(Sc(c), "windowsOptions"), "hostProcess");
    if (!IsTrue(hp)) continue;
    bad.push_back(c.name);
    Note(first, hp, pod, &c, kSuffix);
  }
  if (!pod_bad && bad.empty()) return std::nullopt;
  return Deny(
      Control::kWindowsHostProcess, "hostProcess",
      Setters(pod_bad, bad) + " must not set securityContext.windowsOptions.hostProcess=true",
      std::move(first));
}

std::optional<Violation> HostNamespaces(const PodSpec& pod) {
  std::string detail;
  Offender first;
  for (std::string_view key : {"hostNetwork", "hostPID", "hostIPC"}) {
    const doc::Node* n = Set(pod.Get(key));
    if (!IsTrue(n)) continue;
    if (!detail.empty()) detail += ", ";
    detail += fmt::format("{}=true", key);
    Note(first, n, pod, nullptr, fmt::format(".{}", key));
  }
  if (detail.empty()) return std::nullopt;
  return Deny(Control::kHostNamespaces, "host namespaces", std::move(detail), std::move(first));
}

std::optional<Violation> Privileged(const PodSpec& pod) {
  Offender first;
  std::vector<std::string_view> bad;
  for (const Container& c : pod.containers) {
    const doc::Node* p = Field(Sc(c), "privileged");
    if (!IsTrue(p)) continue;
    bad.push_back(c.name);
    Note(first, p, pod, &c, ".securityContext.privileged");
  }
  if (bad.empty()) return std::nullopt;
  return Deny(Control::kPrivileged, "privileged",
              Containers(bad) + " must not set securityContext.privileged=true", std::move(first));
}

bool BaselineCapability(std::string_view cap) {
  static constexpr std::string_view kAllowed[] = {
      "AUDIT_WRITE",      "CHOWN",   "DAC_OVERRIDE", "FOWNER",  "FSETID", "KILL",      "MKNOD",
      "NET_BIND_SERVICE", "SETFCAP", "SETGID",       "SETPCAP", "SETUID", "SYS_CHROOT"};
  return std::find(std::begin(kAllowed), std::end(kAllowed), cap) != std::end(kAllowed);
}

std::optional<Violation> CapabilitiesBaseline(const PodSpec& pod) {
  Offender first;
  std::vector<std::string_view> bad;
  std::vector<std::string_view> caps;
  for (const Container& c : pod.containers) {
    const doc::Node* add = Field(Field(Sc(c), "capabilities"), "add");
    if (!add) continue;
    bool valid = true;
    uint32_t k = 0;
    for (const doc::Node* item : add->items()) {
      std::string_view cap = Str(item);
      if (!BaselineCapability(cap)) {
        valid = false;
        caps.push_back(cap);
        if (!first.at) {
          Note(first, item, pod, &c, fmt::format(".securityContext.capabilities.add[{}]", k));
        }
      }
      ++k;
    }
    if (!valid) bad.push_back(c.name);
  }
  if (bad.empty()) return std::nullopt;
  SortUnique(caps);
  return Deny(Control::kCapabilitiesBaseline, "non-default capabilities",
              fmt::format("{} must not include {} in securityContext.capabilities.add",
                          Containers(bad), JoinQuote(caps)),
              std::move(first));
}

std::optional<Violation> HostPathVolumes(const PodSpec& pod) {
  Offender first;
  std::vector<std::string_view> bad;
  const doc::Node* volumes = Set(pod.Get("volumes"));
  if (!volumes) return std::nullopt;
  uint32_t i = 0;
  for (const doc::Node* v : volumes->items()) {
    if (const doc::Node* hp = Field(v, "hostPath")) {
      bad.push_back(Str(Field(v, "name")));
      if (!first.at) Note(first, hp, pod, nullptr, fmt::format(".volumes[{}].hostPath", i));
    }
    ++i;
  }
  if (bad.empty()) return std::nullopt;
  return Deny(Control::kHostPathVolumes, "hostPath volumes",
              fmt::format("{} {}", Pluralize("volume", "volumes", bad.size()), JoinQuote(bad)),
              std::move(first));
}

std::optional<Violation> HostPorts(const PodSpec& pod) {
  Offender first;
  std::vector<std::string_view> bad;
  std::vector<std::string> ports;
  for (const Container& c : pod.containers) {
    const doc::Node* list = Field(c.node, "ports");
    if (!list) continue;
    bool valid = true;
    uint32_t j = 0;
    for (const doc::Node* p : list->items()) {
      const doc::Node* hp = Field(p, "hostPort");
      auto value = hp ? hp->AsInt() : std::nullopt;
      if (hp && !(value && *value == 0)) {
        valid = false;
        ports.push_back(value ? std::to_string(*value) : std::string(hp->text()));
        if (!first.at) Note(first, hp, pod, &c, fmt::format(".ports[{}].hostPort", j));
      }
      ++j;
    }
    if (!valid) bad.push_back(c.name);
  }
  if (bad.empty()) return std::nullopt;
  SortUnique(ports);
  return Deny(Control::kHostPorts, "hostPort",
              fmt::format("{} {} {} {}", Containers(bad), Pluralize("uses", "use", bad.size()),
                          Pluralize("hostPort", "hostPorts", ports.size()), Join(ports, ", ")),
              std::move(first));
}

// The offending node of a seccompProfile / appArmorProfile whose type is not allowed (its
// `type`, or the profile itself when type is missing), or nullptr when it is fine.
const doc::Node* BadProfileType(const doc::Node* profile, std::string_view* type) {
  if (!profile) return nullptr;
  const doc::Node* t = Field(profile, "type");
  *type = Str(t);
  if (*type == "RuntimeDefault" || *type == "Localhost") return nullptr;
  return t ? t : profile;
}

std::optional<Violation> AppArmorProfile(const PodSpec& pod) {
  constexpr std::string_view kPrefix = "container.apparmor.security.beta.kubernetes.io/";
  Offender first;
  std::vector<std::string_view> values;
  std::string_view type;
  bool pod_bad = false;
  if (const doc::Node* at = BadProfileType(Field(PodSc(pod), "appArmorProfile"), &type)) {
    pod_bad = true;
    values.push_back(type);
    Note(first, at, pod, nullptr, ".securityContext.appArmorProfile.type");
  }
  std::vector<std::string_view> bad;
  for (const Container& c : pod.containers) {
    if (const doc::Node* at = BadProfileType(Field(Sc(c), "appArmorProfile"), &type)) {
      bad.push_back(c.name);
      values.push_back(type);
      Note(first, at, pod, &c, ".securityContext.appArmorProfile.type");
    }
  }
  std::vector<std::pair<std::string, const doc::Node*>> annotations;
  if (const doc::Node* anns = pod.annotations(); anns && anns->IsMap()) {
    for (const doc::Pair& p : anns->pairs()) {
      std::string_view key = p.key->text();
      if (!key.starts_with(kPrefix) || anns->Get(key) != p.value) continue;
      std::string_view v = Str(p.value);
      if (v.empty() || v == "runtime/default" || v.starts_with("localhost/")) continue;
      annotations.emplace_back(fmt::format("{}={}", key, GoQuote(v)), p.value);
      if (!first.at) {
        first.at = p.value;
        first.path = AnnotationPath(pod, key);
      }
    }
  }
  if (!pod_bad && bad.empty() && annotations.empty()) return std::nullopt;
  SortUnique(values);
  std::vector<std::string_view> list(values.begin(), values.end());
  std::sort(annotations.begin(), annotations.end());
  for (const auto& a : annotations) list.push_back(a.first);
  std::string setters = Setters(pod_bad, bad);
  if (!annotations.empty()) {
    if (!setters.empty()) setters += " and ";
    setters += Pluralize("annotation", "annotations", annotations.size());
  }
  return Deny(Control::kAppArmorProfile,
              std::string(Pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles",
                                    list.size())),
              fmt::format("{} must not set AppArmor profile type to {}", setters, JoinQuote(list)),
              std::move(first));
}

bool SeLinuxTypeAllowed(std::string_view t, uint32_t minor) {
  if (t.empty() || t == "container_t" || t == "container_init_t" || t == "container_kvm_t") {
    return true;
  }
  return minor >= 31 && t == "container_engine_t";
}

std::optional<Violation> SeLinuxOptions(const PodSpec& pod, uint32_t minor) {
  Offender first;
  std::vector<std::string_view> types;
  bool set_user = false;
  bool set_role = false;
  // Judges one seLinuxOptions; true when valid.
  auto judge = [&](const doc::Node* opts, const Container* c) {
    if (!opts) return true;
    bool valid = true;
    const doc::Node* type = Field(opts, "type");
    if (!SeLinuxTypeAllowed(Str(type), minor)) {
      valid = false;
      types.push_back(Str(type));
      Note(first, type, pod, c, ".securityContext.seLinuxOptions.type");
    }
    const doc::Node* user = Field(opts, "user");
    if (!Str(user).empty()) {
      valid = false;
      set_user = true;
      Note(first, user, pod, c, ".securityContext.seLinuxOptions.user");
    }
    const doc::Node* role = Field(opts, "role");
    if (!Str(role).empty()) {
      valid = false;
      set_role = true;
      Note(first, role, pod, c, ".securityContext.seLinuxOptions.role");
    }
    return valid;
  };
  bool pod_bad = !judge(Field(PodSc(pod), "seLinuxOptions"), nullptr);
  std::vector<std::string_view> bad;
  for (const Container& c : pod.containers) {
    if (!judge(Field(Sc(c), "seLinuxOptions"), &c)) bad.push_back(c.name);
  }
  if (!pod_bad && bad.empty()) return std::nullopt;
  std::vector<std::string> data;
  if (!types.empty()) {
    SortUnique(types);
    data.push_back(
        fmt::format("{} {}", Pluralize("type", "types", types.size()), JoinQuote(types)));
  }
  if (set_user) data.emplace_back("user may not be set");
  if (set_role) data.emplace_back("role may not be set");
  return Deny(Control::kSeLinuxOptions, "seLinuxOptions",
              fmt::format("{} set forbidden securityContext.seLinuxOptions: {}",
                          Setters(pod_bad, bad), Join(data, "; ")),
              std::move(first));
}

std::optional<Violation> ProcMount(Control control, const PodSpec& pod, uint32_t minor) {
  if (control == Control::kProcMount && minor >= 35 && HostUsersFalse(pod)) return std::nullopt;
  Offender first;
  std::vector<std::string_view> bad;
  std::vector<std::string_view> values;
  for (const Container& c : pod.containers) {
    const doc::Node* pm = Field(Sc(c), "procMount");
    if (!pm || Str(pm) == "Default") continue;
    bad.push_back(c.name);
    values.push_back(Str(pm));
    Note(first, pm, pod, &c, ".securityContext.procMount");
  }
  if (bad.empty()) return std::nullopt;
  SortUnique(values);
  return Deny(control, "procMount",
              fmt::format("{} must not set securityContext.procMount to {}", Containers(bad),
                          JoinQuote(values)),
              std::move(first));
}

bool SeccompAnnotationAllowed(std::string_view v) {
  return v == "runtime/default" || v == "docker/default" || v.starts_with("localhost/");
}

// v1.0 – v1.18: the alpha seccomp annotations.
std::optional<Violation> SeccompBaselineAnnotations(const PodSpec& pod) {
  constexpr std::string_view kPodKey = "seccomp.security.alpha.kubernetes.io/pod";
  constexpr std::string_view kContainerPrefix = "container.seccomp.security.alpha.kubernetes.io/";
  const doc::Node* anns = pod.annotations();
  if (!anns || !anns->IsMap()) return std::nullopt;
  Offender first;
  std::vector<std::string> forbidden;
  for (const doc::Pair& p : anns->pairs()) {
    std::string_view key = p.key->text();
    if (anns->Get(key) != p.value) continue;  // a duplicate key: the last one counts
    if (key != kPodKey) {
      if (!key.starts_with(kContainerPrefix)) continue;
      std::string_view name = key.substr(kContainerPrefix.size());
      bool known = std::any_of(pod.containers.begin(), pod.containers.end(),
                               [&](const Container& c) { return c.name == name; });
      if (!known) continue;
    }
    std::string_view v = Str(p.value);
    if (SeccompAnnotationAllowed(v)) continue;
    forbidden.push_back(fmt::format("{}={}", key, GoQuote(v)));
    if (!first.at) {
      first.at = p.value;
      first.path = AnnotationPath(pod, key);
    }
  }
  if (forbidden.empty()) return std::nullopt;
  SortUnique(forbidden);
  return Deny(
      Control::kSeccompProfileBaseline, "seccompProfile",
      fmt::format("forbidden {} {}", Pluralize("annotation", "annotations", forbidden.size()),
                  Join(forbidden, ", ")),
      std::move(first));
}

// v1.19+: securityContext.seccompProfile on the pod and each container, judged separately.
std::optional<Violation> SeccompBaselineFields(const PodSpec& pod) {
  Offender first;
  std::vector<std::string_view> values;
  std::string_view type;
  bool pod_bad = false;
  if (const doc::Node* at = BadProfileType(Field(PodSc(pod), "seccompProfile"), &type)) {
    pod_bad = true;
    values.push_back(type);
    Note(first, at, pod, nullptr, ".securityContext.seccompProfile.type");
  }
  std::vector<std::string_view> bad;
  for (const Container& c : pod.containers) {
    if (const doc::Node* at = BadProfileType(Field(Sc(c), "seccompProfile"), &type)) {
      bad.push_back(c.name);
      values.push_back(type);
      Note(first, at, pod, &c, ".securityContext.seccompProfile.type");
    }
  }
  if (!pod_bad && bad.empty()) return std::nullopt;
  SortUnique(values);
  return Deny(Control::kSeccompProfileBaseline, "seccompProfile",
              fmt::format("{} must not set securityContext.seccompProfile.type to {}",
                          Setters(pod_bad, bad), JoinQuote(values)),
              std::move(first));
}

struct AllowedSysctl {
  std::string_view name;
  uint32_t since;
};
constexpr AllowedSysctl kSysctls[] = {
    {"kernel.shm_rmid_forced", 0},
    {"net.ipv4.ip_local_port_range", 0},
    {"net.ipv4.tcp_syncookies", 0},
    {"net.ipv4.ping_group_range", 0},
    {"net.ipv4.ip_unprivileged_port_start", 0},
    {"net.ipv4.ip_local_reserved_ports", 27},
    {"net.ipv4.tcp_keepalive_time", 29},
    {"net.ipv4.tcp_fin_timeout", 29},
    {"net.ipv4.tcp_keepalive_intvl", 29},
    {"net.ipv4.tcp_keepalive_probes", 29},
    {"net.ipv4.tcp_rmem", 32},
    {"net.ipv4.tcp_wmem", 32},
    {"net.ipv4.tcp_slow_start_after_idle", 37},
    {"net.ipv4.tcp_notsent_lowat", 37},
};

bool SysctlAllowed(std::string_view name, uint32_t minor) {
  for (const AllowedSysctl& s : kSysctls) {
    if (s.name == name) return minor >= s.since;
  }
  return false;
}

std::optional<Violation> Sysctls(const PodSpec& pod, uint32_t minor) {
  const doc::Node* list = Field(PodSc(pod), "sysctls");
  if (!list) return std::nullopt;
  Offender first;
  std::vector<std::string_view> forbidden;
  uint32_t i = 0;
  for (const doc::Node* s : list->items()) {
    const doc::Node* name = Field(s, "name");
    if (!SysctlAllowed(Str(name), minor)) {
      forbidden.push_back(Str(name));
      if (!first.at) {
        Note(first, name ? name : s, pod, nullptr,
             fmt::format(".securityContext.sysctls[{}].name", i));
      }
    }
    ++i;
  }
  if (forbidden.empty()) return std::nullopt;
  return Deny(Control::kSysctls, "forbidden sysctls", Join(forbidden, ", "), std::move(first));
}

std::optional<Violation> HostProbesAndHostLifecycle(const PodSpec& pod) {
  Offender first;
  std::vector<std::string_view> bad;
  std::vector<std::string_view> hosts;
  for (const Container& c : pod.containers) {
    bool valid = true;
    auto judge = [&](const doc::Node* handler, std::string_view where) {
      for (std::string_view kind : {"httpGet", "tcpSocket"}) {
        const doc::Node* host = Field(Field(handler, kind), "host");
        if (Str(host).empty()) continue;
        valid = false;
        hosts.push_back(Str(host));
        if (!first.at) Note(first, host, pod, &c, fmt::format(".{}.{}.host", where, kind));
      }
    };
    for (std::string_view probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
      judge(Field(c.node, probe), probe);
    }
    const doc::Node* lifecycle = Field(c.node, "lifecycle");
    judge(Field(lifecycle, "postStart"), "lifecycle.postStart");
    judge(Field(lifecycle, "preStop"), "lifecycle.preStop");
    if (!valid) bad.push_back(c.name);
  }
  if (bad.empty()) return std::nullopt;
  SortUnique(bad);
  SortUnique(hosts);
  return Deny(
      Control::kHostProbesAndHostLifecycle, "probe or lifecycle host",
      fmt::format("{} {} {} {}", Containers(bad), Pluralize("uses", "use", bad.size()),
                  Pluralize("probe or lifecycle host", "probe or lifecycle hosts", hosts.size()),
                  JoinQuote(hosts)),
      std::move(first));
}

// ---- restricted --------------------------------------------------------------------------

constexpr std::string_view kAllowedVolumeSources[] = {
    "configMap", "csi",   "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim",
    "projected", "secret"};
// In the order PSA names the first one it finds.
constexpr std::string_view kRestrictedVolumeSources[] = {"hostPath",
                                                         "gcePersistentDisk",
                                                         "awsElasticBlockStore",
                                                         "gitRepo",
                                                         "nfs",
                                                         "iscsi",
                                                         "glusterfs",
                                                         "rbd",
                                                         "flexVolume",
                                                         "cinder",
                                                         "cephfs",
                                                         "flocker",
                                                         "fc",
                                                         "azureFile",
                                                         "vsphereVolume",
                                                         "quobyte",
                                                         "azureDisk",
                                                         "photonPersistentDisk",
                                                         "portworxVolume",
                                                         "scaleIO",
                                                         "storageos"};

std::optional<Violation> RestrictedVolumes(const PodSpec& pod) {
  const doc::Node* volumes = Set(pod.Get("volumes"));
  if (!volumes) return std::nullopt;
  Offender first;
  std::vector<std::string_view> bad;
  std::vector<std::string_view> types;
  uint32_t i = 0;
  for (const doc::Node* v : volumes->items()) {
    ++i;
    if (!v->IsMap()) continue;
    bool allowed = std::any_of(std::begin(kAllowedVolumeSources), std::end(kAllowedVolumeSources),
                               [&](std::string_view k) { return Field(v, k) != nullptr; });
    if (allowed) continue;
    // No known source at all: the API server defaults the volume to emptyDir (unknown keys
    // are dropped before admission), which is allowed.
    for (std::string_view k : kRestrictedVolumeSources) {
      const doc::Node* src = Field(v, k);
      if (!src) continue;
      bad.push_back(Str(Field(v, "name")));
      types.push_back(k);
      if (!first.at) Note(first, src, pod, nullptr, fmt::format(".volumes[{}].{}", i - 1, k));
      break;
    }
  }
  if (bad.empty()) return std::nullopt;
  SortUnique(types);
  return Deny(
      Control::kRestrictedVolumes, "restricted volume types",
      fmt::format("{} {} {} {} {}", Pluralize("volume", "volumes", bad.size()), JoinQuote(bad),
                  Pluralize("uses", "use", bad.size()),
                  Pluralize("restricted volume type", "restricted volume types", types.size()),
                  JoinQuote(types)),
      std::move(first));
}

std::optional<Violation> AllowPrivilegeEscalation(const PodSpec& pod, uint32_t minor) {
  if (minor >= 25 && IsWindows(pod)) return std::nullopt;
  Offender first;
  std::vector<std::string_view> bad;
  for (const Container& c : pod.containers) {
    const doc::Node* ape = Field(Sc(c), "allowPrivilegeEscalation");
    if (IsFalse(ape)) continue;
    bad.push_back(c.name);
    Note(first, ape ? ape : ScAnchor(c), pod, &c, ".securityContext.allowPrivilegeEscalation");
  }
  if (bad.empty()) return std::nullopt;
  return Deny(Control::kAllowPrivilegeEscalation, "allowPrivilegeEscalation != false",
              Containers(bad) + " must set securityContext.allowPrivilegeEscalation=false",
              std::move(first));
}

std::optional<Violation> RunAsNonRoot(const PodSpec& pod, uint32_t minor) {
  if (minor >= 35 && HostUsersFalse(pod)) return std::nullopt;
  constexpr std::string_view kSuffix = ".securityContext.runAsNonRoot";
  Offender explicit_first;
  Offender implicit_first;
  const doc::Node* pod_value = Field(PodSc(pod), "runAsNonRoot");
  bool pod_true = IsTrue(pod_value);
  bool pod_bad = pod_value && !pod_true;
  if (pod_bad) Note(explicit_first, pod_value, pod, nullptr, kSuffix);
  std::vector<std::string_view> explicit_bad;
  std::vector<std::string_view> implicit_bad;
  for (const Container& c : pod.containers) {
    const doc::Node* v = Field(Sc(c), "runAsNonRoot");
    if (v) {
      if (IsTrue(v)) continue;
      explicit_bad.push_back(c.name);
      Note(explicit_first, v, pod, &c, kSuffix);
    } else if (!pod_true) {
      implicit_bad.push_back(c.name);
      Note(implicit_first, ScAnchor(c), pod, &c, kSuffix);
    }
  }
  if (pod_bad || !explicit_bad.empty()) {
    return Deny(Control::kRunAsNonRoot, "runAsNonRoot != true",
                Setters(pod_bad, explicit_bad) + " must not set securityContext.runAsNonRoot=false",
                std::move(explicit_first));
  }
  if (implicit_bad.empty()) return std::nullopt;
  return Deny(Control::kRunAsNonRoot, "runAsNonRoot != true",
              "pod or " + Containers(implicit_bad) + " must set securityContext.runAsNonRoot=true",
              std::move(implicit_first));
}

std::optional<Violation> RunAsUser(const PodSpec& pod, uint32_t minor) {
  if (minor >= 35 && HostUsersFalse(pod)) return std::nullopt;
  constexpr std::string_view kSuffix = ".securityContext.runAsUser";
  auto is_root = [](const doc::Node* n) {
    auto v = n ? n->AsInt() : std::nullopt;
    return v && *v == 0;
  };
  Offender first;
  const doc::Node* pod_value = Field(PodSc(pod), "runAsUser");
  bool pod_bad = is_root(pod_value);
  if (pod_bad) Note(first, pod_value, pod, nullptr, kSuffix);
  std::vector<std::string_view> bad;
  for (const Container& c : pod.containers) {
    const doc::Node* v = Field(Sc(c), "runAsUser");
    if (!is_root(v)) continue;
    bad.push_back(c.name);
    Note(first, v, pod, &c, kSuffix);
  }
  if (!pod_bad && bad.empty()) return std::nullopt;
  return Deny(Control::kRunAsUser, "runAsUser=0",
              Setters(pod_bad, bad) + " must not set runAsUser=0", std::move(first));
}

std::optional<Violation> SeccompRestricted(const PodSpec& pod, uint32_t minor) {
  if (minor >= 25 && IsWindows(pod)) return std::nullopt;
  Offender explicit_first;
  Offender implicit_first;
  std::vector<std::string_view> values;
  std::string_view type;
  const doc::Node* pod_profile = Field(PodSc(pod), "seccompProfile");
  bool pod_bad = false;
  bool pod_set = false;
  if (const doc::Node* at = BadProfileType(pod_profile, &type)) {
    pod_bad = true;
    values.push_back(type);
    Note(explicit_first, at, pod, nullptr, ".securityContext.seccompProfile.type");
  } else {
    pod_set = pod_profile != nullptr;
  }
  std::vector<std::string_view> explicit_bad;
  std::vector<std::string_view> implicit_bad;
  for (const Container& c : pod.containers) {
    const doc::Node* profile = Field(Sc(c), "seccompProfile");
    if (profile) {
      if (const doc::Node* at = BadProfileType(profile, &type)) {
        explicit_bad.push_back(c.name);
        values.push_back(type);
        Note(explicit_first, at, pod, &c, ".securityContext.seccompProfile.type");
      }
    } else if (!pod_set) {
      implicit_bad.push_back(c.name);
      Note(implicit_first, ScAnchor(c), pod, &c, ".securityContext.seccompProfile");
    }
  }
  if (pod_bad || !explicit_bad.empty()) {
    SortUnique(values);
    return Deny(Control::kSeccompProfileRestricted, "seccompProfile",
                fmt::format("{} must not set securityContext.seccompProfile.type to {}",
                            Setters(pod_bad, explicit_bad), JoinQuote(values)),
                std::move(explicit_first));
  }
  if (implicit_bad.empty()) return std::nullopt;
  return Deny(Control::kSeccompProfileRestricted, "seccompProfile",
              "pod or " + Containers(implicit_bad) +
                  " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or "
                  "\"Localhost\"",
              std::move(implicit_first));
}

std::optional<Violation> CapabilitiesRestricted(const PodSpec& pod, uint32_t minor) {
  if (minor >= 25 && IsWindows(pod)) return std::nullopt;
  Offender drop_first;
  Offender add_first;
  std::vector<std::string_view> missing_drop;
  std::vector<std::string_view> adding;
  std::vector<std::string_view> caps;
  for (const Container& c : pod.containers) {
    const doc::Node* capabilities = Field(Sc(c), "capabilities");
    if (!capabilities) {
      missing_drop.push_back(c.name);
      Note(drop_first, ScAnchor(c), pod, &c, ".securityContext.capabilities.drop");
      continue;
    }
    const doc::Node* drop = Field(capabilities, "drop");
    bool drops_all = false;
    if (drop) {
      for (const doc::Node* item : drop->items()) drops_all = drops_all || Str(item) == "ALL";
    }
    if (!drops_all) {
      missing_drop.push_back(c.name);
      Note(drop_first, drop ? drop : capabilities, pod, &c, ".securityContext.capabilities.drop");
    }
    const doc::Node* add = Field(capabilities, "add");
    bool added = false;
    uint32_t k = 0;
    for (const doc::Node* item : add ? add->items() : std::span<const doc::Node* const>()) {
      if (Str(item) != "NET_BIND_SERVICE") {
        added = true;
        caps.push_back(Str(item));
        if (!add_first.at) {
          Note(add_first, item, pod, &c, fmt::format(".securityContext.capabilities.add[{}]", k));
        }
      }
      ++k;
    }
    if (added) adding.push_back(c.name);
  }
  if (missing_drop.empty() && adding.empty()) return std::nullopt;
  std::vector<std::string> details;
  if (!missing_drop.empty()) {
    details.push_back(Containers(missing_drop) +
                      " must set securityContext.capabilities.drop=[\"ALL\"]");
  }
  if (!adding.empty()) {
    SortUnique(caps);
    details.push_back(fmt::format("{} must not include {} in securityContext.capabilities.add",
                                  Containers(adding), JoinQuote(caps)));
  }
  return Deny(Control::kCapabilitiesRestricted, "unrestricted capabilities", Join(details, "; "),
              missing_drop.empty() ? std::move(add_first) : std::move(drop_first));
}

constexpr std::array<ControlInfo, kControlCount> kControls = {{
    {Control::kWindowsHostProcess, "windowsHostProcess", Level::kBaseline, 0, {}, {}},
    {Control::kHostNamespaces, "hostNamespaces", Level::kBaseline, 0, {}, {}},
    {Control::kPrivileged, "privileged", Level::kBaseline, 0, {}, {}},
    {Control::kCapabilitiesBaseline, "capabilities_baseline", Level::kBaseline, 0, {}, {}},
    {Control::kHostPathVolumes, "hostPathVolumes", Level::kBaseline, 0, {}, {}},
    {Control::kHostPorts, "hostPorts", Level::kBaseline, 0, {}, {}},
    {Control::kAppArmorProfile, "appArmorProfile", Level::kBaseline, 0, {}, {}},
    {Control::kSeLinuxOptions, "seLinuxOptions", Level::kBaseline, 0, {}, {31}},
    {Control::kProcMount, "procMount", Level::kBaseline, 0, {}, {35}},
    {Control::kSeccompProfileBaseline, "seccompProfile_baseline", Level::kBaseline, 0, {}, {19}},
    {Control::kSysctls, "sysctls", Level::kBaseline, 0, {}, {27, 29, 32, 37}},
    {Control::kHostProbesAndHostLifecycle,
     "hostProbesAndHostLifecycle",
     Level::kBaseline,
     34,
     {},
     {}},
    {Control::kRestrictedVolumes,
     "restrictedVolumes",
     Level::kRestricted,
     0,
     Control::kHostPathVolumes,
     {}},
    {Control::kAllowPrivilegeEscalation,
     "allowPrivilegeEscalation",
     Level::kRestricted,
     8,
     {},
     {25}},
    {Control::kRunAsNonRoot, "runAsNonRoot", Level::kRestricted, 0, {}, {35}},
    {Control::kRunAsUser, "runAsUser", Level::kRestricted, 23, {}, {35}},
    {Control::kSeccompProfileRestricted,
     "seccompProfile_restricted",
     Level::kRestricted,
     19,
     Control::kSeccompProfileBaseline,
     {25}},
    {Control::kCapabilitiesRestricted,
     "capabilities_restricted",
     Level::kRestricted,
     22,
     Control::kCapabilitiesBaseline,
     {25}},
    {Control::kProcMountRestricted,
     "procMount_restricted",
     Level::kRestricted,
     35,
     Control::kProcMount,
     {}},
}};

}  // namespace

const std::array<ControlInfo, kControlCount>& AllControls() { return kControls; }

const ControlInfo& InfoOf(Control control) { return kControls[static_cast<std::size_t>(control)]; }

bool Runs(Control control, Level level, uint32_t minor) {
  const ControlInfo& info = InfoOf(control);
  if (level == Level::kPrivileged) return false;
  if (info.level == Level::kRestricted && level != Level::kRestricted) return false;
  if (minor < info.since) return false;
  if (level == Level::kRestricted) {
    for (const ControlInfo& other : kControls) {
      if (other.overrides == control && minor >= other.since) return false;
    }
  }
  return true;
}

std::optional<Violation> Evaluate(Control control, const PodSpec& pod, uint32_t minor) {
  switch (control) {
    case Control::kWindowsHostProcess:
      return WindowsHostProcess(pod);
    case Control::kHostNamespaces:
      return HostNamespaces(pod);
    case Control::kPrivileged:
      return Privileged(pod);
    case Control::kCapabilitiesBaseline:
      return CapabilitiesBaseline(pod);
    case Control::kHostPathVolumes:
      return HostPathVolumes(pod);
    case Control::kHostPorts:
      return HostPorts(pod);
    case Control::kAppArmorProfile:
      return AppArmorProfile(pod);
    case Control::kSeLinuxOptions:
      return SeLinuxOptions(pod, minor);
    case Control::kProcMount:
    case Control::kProcMountRestricted:
      return ProcMount(control, pod, minor);
    case Control::kSeccompProfileBaseline:
      return minor < 19 ? SeccompBaselineAnnotations(pod) : SeccompBaselineFields(pod);
    case Control::kSysctls:
      return Sysctls(pod, minor);
    case Control::kHostProbesAndHostLifecycle:
      return HostProbesAndHostLifecycle(pod);
    case Control::kRestrictedVolumes:
      return RestrictedVolumes(pod);
    case Control::kAllowPrivilegeEscalation:
      return AllowPrivilegeEscalation(pod, minor);
    case Control::kRunAsNonRoot:
      return RunAsNonRoot(pod, minor);
    case Control::kRunAsUser:
      return RunAsUser(pod, minor);
    case Control::kSeccompProfileRestricted:
      return SeccompRestricted(pod, minor);
    case Control::kCapabilitiesRestricted:
      return CapabilitiesRestricted(pod, minor);
  }
  return std::nullopt;
}

std::vector<Violation> EvaluatePod(Level level, uint32_t minor, const PodSpec& pod) {
  std::vector<Violation> out;
  for (const ControlInfo& info : kControls) {
    if (!Runs(info.control, level, minor)) continue;
    if (auto v = Evaluate(info.control, pod, minor)) out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace gori::rules::pss
