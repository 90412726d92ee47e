// sec-secret-in-env: environment variables leak more easily than files.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class SecretInEnv final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-secret-in-env",
        .family = Family::kSecurity,
        .severity = Severity::kLow,
        .summary = "a Secret is consumed through environment variables",
        .rationale =
            "Environment variables are inherited by every child process, printed by "
            "crash handlers and debug endpoints, and visible in /proc/<pid>/environ; "
            "a Secret mounted as a file is read only when needed and can be rotated "
            "without a restart.",
        .remediation =
            "Mount the Secret as a volume (readOnly) and read the file, or let the "
            "application fetch it from your secret manager.",
        .failing_example =
            "env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, "
            "key: password}",
        .passing_example =
            "volumeMounts:\n- {name: db, mountPath: /var/run/secrets/db, "
            "readOnly: true}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      std::string base = c.Path(pod.spec_path);
      if (const doc::Node* env = c.Get("env")) {
        uint32_t i = 0;
        for (const doc::Node* e : env->items()) {
          const doc::Node* from = e->Get("valueFrom");
          const doc::Node* ref = from ? from->Get("secretKeyRef") : nullptr;
          if (ref && ref->IsMap()) {
            ForContainer(
                out.Reportf(*this, o, ref,
                            fmt::format("{}.env[{}].valueFrom.secretKeyRef", base, i),
                            "container '{}' reads Secret '{}' key '{}' into env '{}'", c.name,
                            Text(ref->Get("name")), Text(ref->Get("key")), Text(e->Get("name"))),
                c);
          }
          ++i;
        }
      }
      if (const doc::Node* env_from = c.Get("envFrom")) {
        uint32_t i = 0;
        for (const doc::Node* e : env_from->items()) {
          const doc::Node* ref = e->Get("secretRef");
          if (ref && ref->IsMap()) {
            ForContainer(
                out.Reportf(*this, o, ref, fmt::format("{}.envFrom[{}].secretRef", base, i),
                            "container '{}' loads every key of Secret '{}' into its "
                            "environment",
                            c.name, Text(ref->Get("name"))),
                c);
          }
          ++i;
        }
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SecretInEnv)
