// rel-env-ref-missing: env from a ConfigMap or Secret that does not exist.
#include <fmt/format.h>

#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool HasKey(const k8s::Object& target, std::string_view key) {
  for (std::string_view field : {"data", "stringData", "binaryData"}) {
    const doc::Node* d = target.root()->Get(field);
    if (d && d->Get(key)) return true;
  }
  return false;
}

class EnvRefMissing final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-env-ref-missing",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary =
            "configMapKeyRef, secretKeyRef or envFrom names a ConfigMap/Secret (or key) "
            "the bundle does not define",
        .rationale =
            "A container whose env source is missing does not start "
            "(CreateContainerConfigError); a rollout of such a change stalls with the "
            "old pods still serving, or a new service never comes up. Speaks only when "
            "the bundle defines ConfigMaps (resp. Secrets) of that namespace, so "
            "objects created by secret managers elsewhere are not reported; "
            "`optional: true` references are skipped.",
        .remediation =
            "Fix the name or key, add the object to the bundle, or mark the "
            "reference optional: true if the variable may be absent.",
        .failing_example = "valueFrom:\n  configMapKeyRef: {name: api-confg, key: LOG_LEVEL}",
        .passing_example = "valueFrom:\n  configMapKeyRef: {name: api-config, key: LOG_LEVEL}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    std::string_view ns = Index::Namespace(o);
    for (const auto& c : pod.containers) {
      // Paths are formatted only for a finding (CheckRef calls `path`).
      if (const doc::Node* env = c.Get("env")) {
        uint32_t i = 0;
        for (const doc::Node* e : env->items()) {
          const doc::Node* from = e->Get("valueFrom");
          for (auto [field, kind] :
               {std::pair<std::string_view, std::string_view>{"configMapKeyRef", "ConfigMap"},
                {"secretKeyRef", "Secret"}}) {
            const doc::Node* ref = from ? from->Get(field) : nullptr;
            if (ref && ref->IsMap()) {
              CheckRef(ctx, o, c, ns, kind, ref, ref->Get("key"), out, [&, field = field] {
                return fmt::format("{}.env[{}].valueFrom.{}", c.Path(pod.spec_path), i, field);
              });
            }
          }
          ++i;
        }
      }
      if (const doc::Node* env_from = c.Get("envFrom")) {
        uint32_t i = 0;
        for (const doc::Node* e : env_from->items()) {
          for (auto [field, kind] :
               {std::pair<std::string_view, std::string_view>{"configMapRef", "ConfigMap"},
                {"secretRef", "Secret"}}) {
            const doc::Node* ref = e->Get(field);
            if (ref && ref->IsMap()) {
              CheckRef(ctx, o, c, ns, kind, ref, nullptr, out, [&, field = field] {
                return fmt::format("{}.envFrom[{}].{}", c.Path(pod.spec_path), i, field);
              });
            }
          }
          ++i;
        }
      }
    }
  }

 private:
  template <typename PathFn>
  void CheckRef(const Context& ctx, const k8s::Object& o, const k8s::Container& c,
                std::string_view ns, std::string_view kind, const doc::Node* ref,
                const doc::Node* key, Sink& out, PathFn path) const {
    if (IsTrue(ref->Get("optional")) || !ctx.index.Knows(kind, ns)) return;
    const doc::Node* name = ref->Get("name");
    if (Text(name).empty()) return;
    const k8s::Object* target = ctx.index.Find(kind, ns, name->text());
    if (!target) {
      ForContainer(out.Reportf(*this, o, name, path() + ".name",
                               "container '{}' reads {} '{}', which is not in namespace '{}'",
                               c.name, kind, name->text(), Index::Shown(ns)),
                   c);
      return;
    }
    if (key && !Text(key).empty() && !HasKey(*target, key->text())) {
      ForContainer(out.Reportf(*this, o, key, path() + ".key",
                               "container '{}' reads key '{}' of {} '{}', which has no such key",
                               c.name, key->text(), kind, name->text()),
                   c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::EnvRefMissing)
