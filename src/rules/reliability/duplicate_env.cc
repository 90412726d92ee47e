// rel-duplicate-env: the same variable twice; the last one wins.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class DuplicateEnv final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-duplicate-env",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "a container defines the same env name twice",
        .rationale =
            "When an env name repeats, the last entry wins without a warning; the value "
            "a reviewer sees first is not the one the process gets, and strategic "
            "merge patches (kustomize, kubectl apply) may merge the two unexpectedly.",
        .remediation = "Keep one entry per name.",
        .failing_example =
            "env:\n- {name: LOG_LEVEL, value: info}\n- {name: LOG_LEVEL, value: "
            "debug}",
        .passing_example = "env:\n- {name: LOG_LEVEL, value: debug}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* env = c.Get("env");
      if (!env) continue;
      auto items = env->items();
      for (uint32_t i = 0; i < items.size(); ++i) {
        const doc::Node* name = items[i]->Get("name");
        if (!name || name->text().empty()) continue;
        for (uint32_t j = 0; j < i; ++j) {
          const doc::Node* prev = items[j]->Get("name");
          if (!prev || prev->text() != name->text()) continue;
          ForContainer(
              out.Reportf(*this, o, name, fmt::format("{}.env[{}].name", c.Path(pod.spec_path), i),
                          "container '{}' sets env '{}' again (first at line {}); this "
                          "later value wins",
                          c.name, name->text(), prev->line()),
              c);
          break;
        }
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DuplicateEnv)
