// sec-selinux-custom: custom SELinux labels can grant host access.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool IsStandardType(std::string_view t) {
  return t.empty() || t == "container_t" || t == "container_init_t" || t == "container_kvm_t" ||
         t == "container_engine_t";
}

class SelinuxCustom final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-selinux-custom",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary = "seLinuxOptions sets a custom type, user or role",
        .rationale =
            "SELinux confines containers through the container_t type; another type "
            "(spc_t, unconfined_t) or a custom user or role can lift that confinement "
            "entirely. The level (MCS categories) is fine to set and is not checked.",
        .remediation =
            "Remove seLinuxOptions.type/user/role, or use one of container_t, "
            "container_init_t, container_kvm_t, container_engine_t.",
        .failing_example = "securityContext:\n  seLinuxOptions:\n    type: spc_t",
        .passing_example = "securityContext:\n  seLinuxOptions:\n    level: \"s0:c123,c456\"",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    CheckOptions(o, pod.PodSecurity("seLinuxOptions"), pod, nullptr, out);
    for (const auto& c : pod.containers) {
      CheckOptions(o, c.Security("seLinuxOptions"), pod, &c, out);
    }
  }

 private:
  void CheckOptions(const k8s::Object& o, const doc::Node* opts, const k8s::PodSpec& pod,
                    const k8s::Container* c, Sink& out) const {
    if (!opts || !opts->IsMap()) return;
    for (std::string_view key : {"type", "user", "role"}) {
      const doc::Node* v = opts->Get(key);
      std::string_view t = Text(v);
      if (t.empty() || (key == "type" && IsStandardType(t))) continue;
      std::string who = c ? fmt::format("container '{}'", c->name) : std::string("pod");
      std::string path = (c ? c->Path(pod.spec_path) : pod.spec_path) +
                         ".securityContext.seLinuxOptions." + std::string(key);
      Finding& f =
          out.Reportf(*this, o, v, std::move(path), "{} sets SELinux {} '{}'", who, key, t);
      if (c) ForContainer(f, *c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SelinuxCustom)
