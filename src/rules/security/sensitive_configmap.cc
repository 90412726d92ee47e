// sec-sensitive-configmap: ConfigMaps are not protected like Secrets.
#include <fmt/format.h>

#include "rules/config.h"
#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/credentials.h"

namespace gori::rules {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string_view Unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

uint32_t LineOf(std::string_view text, std::size_t offset) {
  return 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

class SensitiveConfigmap final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-sensitive-configmap",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "a ConfigMap holds what looks like a credential",
        .rationale =
            "ConfigMaps are readable by every role that can `get configmaps`, are not "
            "encrypted at rest by default and end up in logs and dashboards. The same "
            "patterns as sec-literal-secret-env are looked for in each value (and in "
            "`key = value` / `key: value` lines of embedded config files). Values "
            "are never printed.",
        .remediation =
            "Move the credential into a Secret (from your secret manager) and mount "
            "it next to the configuration; rotate the leaked one.",
        .failing_example = "kind: ConfigMap\ndata:\n  DB_PASSWORD: hunter2-prod",
        .passing_example = "kind: ConfigMap\ndata:\n  DB_HOST: db.pay.svc",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "ConfigMap")) return;
    const doc::Node* data = o.root()->Get("data");
    if (!data) return;
    for (const doc::Pair& p : data->pairs()) {
      std::string_view key = p.key->text();
      std::string_view v = p.value->text();
      if (!p.value->IsScalar() || p.value->IsNull()) continue;
      std::string path = fmt::format("data.{}", key);
      std::size_t at = 0;
      if (std::string_view what = CredentialPattern(v, &at); !what.empty()) {
        bool multi = v.find('\n') != std::string_view::npos;
        out.Reportf(*this, o, p.value, path, "ConfigMap '{}' key '{}'{} holds {} ({})", o.name(),
                    key, multi ? fmt::format(" line {}", LineOf(v, at)) : std::string(), what,
                    Redacted(v))
            .sensitive = true;
        continue;
      }
      if (v.find('\n') == std::string_view::npos) {
        if (ctx.config.IsSecretName(key) && !IsSettingName(key) && LooksLikeLiteralSecret(v)) {
          out.Reportf(*this, o, p.value, path,
                      "ConfigMap '{}' key '{}' is named like a credential and holds a literal "
                      "value ({})",
                      o.name(), key, Redacted(v))
              .sensitive = true;
        }
        continue;
      }
      CheckLines(ctx, o, p.value, path, key, v, out);
    }
  }

 private:
  // Embedded config files: `name = value`, `name: value`, `name=value` lines.
  void CheckLines(const Context& ctx, const k8s::Object& o, const doc::Node* node,
                  const std::string& path, std::string_view key, std::string_view text,
                  Sink& out) const {
    uint32_t line = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      ++line;
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view l = Trim(text.substr(start, end - start));
      start = end + 1;
      if (l.empty() || l.front() == '#' || l.front() == ';') continue;
      std::size_t sep = l.find_first_of("=:");
      if (sep == std::string_view::npos || sep == 0) continue;
      std::string_view name = Trim(l.substr(0, sep));
      std::string_view value = Unquote(Trim(l.substr(sep + 1)));
      if (name.find(' ') != std::string_view::npos) continue;
      if (!ctx.config.IsSecretName(name) || IsSettingName(name) || !LooksLikeLiteralSecret(value)) {
        continue;
      }
      out.Reportf(*this, o, node, path,
                  "ConfigMap '{}' key '{}' line {} sets '{}' to a literal value ({})", o.name(),
                  key, line, name, Redacted(value))
          .sensitive = true;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SensitiveConfigmap)
