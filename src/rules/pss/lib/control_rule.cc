#include "rules/pss/lib/control_rule.h"

#include <fmt/format.h>

#include "rules/config.h"
#include "rules/index.h"

namespace gori::rules::pss {

std::string EffectivePolicy::Source() const {
  if (!from_namespace) return "from --pss";
  return "from " + from_namespace->Describe();
}

std::optional<EffectivePolicy> PolicyFor(const Context& ctx, const k8s::Object& object) {
  std::string_view ns = Index::Namespace(object);
  if (!ns.empty()) {
    for (const k8s::Object* candidate : ctx.index.OfKind("Namespace")) {
      if (candidate->name() != ns) continue;
      if (auto labelled = EnforcePolicyOf(*candidate)) {
        return EffectivePolicy{labelled->policy, std::move(labelled)};
      }
    }
  }
  if (ctx.config.pss) return EffectivePolicy{*ctx.config.pss, std::nullopt};
  return std::nullopt;
}

void PssRule::Check(const Context& ctx, const k8s::Object& object, Sink& out) const {
  const k8s::PodSpec* pod = object.pod();
  if (!pod) return;
  auto policy = PolicyFor(ctx, object);
  if (!policy) return;
  uint32_t minor = policy->policy.version.Effective();
  if (!Runs(control_, policy->policy.level, minor)) return;
  auto v = Evaluate(control_, *pod, minor);
  if (!v) return;
  const doc::Node* at = v->at ? v->at : pod->owner;
  Finding& f =
      out.Report(*this, object, at, std::move(v->path),
                 fmt::format("{} [PodSecurity \"{}\", control {}, {}]", v->Text(),
                             policy->policy.ToString(), InfoOf(control_).id, policy->Source()));
  f.container = std::string(v->container);
}

}  // namespace gori::rules::pss
