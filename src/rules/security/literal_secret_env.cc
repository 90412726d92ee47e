// sec-literal-secret-env: credentials written into the manifest leak with it.
#include <fmt/format.h>

#include "rules/config.h"
#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/credentials.h"

namespace gori::rules {
namespace {

class LiteralSecretEnv final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-literal-secret-env",
        .family = Family::kSecurity,
        .severity = Severity::kCritical,
        .summary = "an env value looks like a credential written in the manifest",
        .rationale =
            "A credential in a manifest is in git history, CI logs, `kubectl get -o "
            "yaml` and every copy of the file, readable by anyone who can read the "
            "Deployment. Detected by value (AWS/Google keys, private keys, GitHub/"
            "GitLab/Slack tokens, Stripe live keys, JWTs, URLs with a password) or by "
            "name (secret_name_patterns, e.g. *PASSWORD*, *TOKEN*) with a literal "
            "value; names of settings about credentials (TOKEN_TTL, PASSWORD_FILE), "
            "references ($(VAR)), paths, numbers and booleans are not reported. The "
            "value is never printed: messages say only its length.",
        .remediation =
            "Move the value into a Secret (created by your secret manager, not "
            "committed) and read it with valueFrom.secretKeyRef or a mounted file; "
            "then rotate the leaked credential.",
        .failing_example = "env:\n- name: DB_PASSWORD\n  value: hunter2-prod",
        .passing_example =
            "env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: "
            "db, key: password}",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* env = c.Get("env");
      if (!env) continue;
      uint32_t i = 0;
      for (const doc::Node* e : env->items()) {
        const doc::Node* value = e->Get("value");
        std::string_view name = Text(e->Get("name"));
        if (value && value->IsScalar() && !value->IsNull()) {
          std::string path = fmt::format("{}.env[{}].value", c.Path(pod.spec_path), i);
          std::string_view v = value->text();
          if (std::string_view what = CredentialPattern(v); !what.empty()) {
            ForContainer(out.Reportf(*this, o, value, path,
                                     "container '{}' env '{}' holds {} in plain text ({})", c.name,
                                     name, what, Redacted(v)),
                         c)
                .sensitive = true;
          } else if (ctx.config.IsSecretName(name) && !IsSettingName(name) &&
                     LooksLikeLiteralSecret(v)) {
            ForContainer(out.Reportf(*this, o, value, path,
                                     "container '{}' env '{}' is named like a credential and "
                                     "holds a literal value ({})",
                                     c.name, name, Redacted(v)),
                         c)
                .sensitive = true;
          }
        }
        ++i;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::LiteralSecretEnv)
