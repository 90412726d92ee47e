// net-ingress-collision: two Ingresses claim the same host and path.
#include <map>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

struct Route {
  const k8s::Object* ingress;
  const doc::Node* at;
};
// (ingress class, host, path) -> first Ingress claiming it.
using Routes = std::map<std::tuple<std::string_view, std::string_view, std::string_view>, Route>;

std::string_view ClassOf(const k8s::Object& o) {
  std::string_view c = Text(o.spec() ? o.spec()->Get("ingressClassName") : nullptr);
  if (c.empty()) c = Text(o.Annotation("kubernetes.io/ingress.class"));
  return c;
}

template <typename F>
void ForEachRoute(const k8s::Object& o, F f) {
  const doc::Node* rules = o.spec() ? o.spec()->Get("rules") : nullptr;
  if (!rules) return;
  uint32_t i = 0;
  for (const doc::Node* r : rules->items()) {
    std::string_view host = Text(r->Get("host"));
    const doc::Node* http = r->Get("http");
    const doc::Node* paths = http ? http->Get("paths") : nullptr;
    uint32_t j = 0;
    for (const doc::Node* p : paths ? paths->items() : std::span<const doc::Node* const>()) {
      const doc::Node* path = p->Get("path");
      f(host, Text(path), path ? path : p, i, j++);
    }
    ++i;
  }
}

class IngressCollision final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-ingress-collision",
        .family = Family::kNetwork,
        .severity = Severity::kMedium,
        .summary = "the same host and path in two Ingresses",
        .rationale =
            "When two Ingresses of one ingress class claim the same host and path, the "
            "controller picks one (oldest, or alphabetical, depending on the "
            "controller) and the other's traffic silently goes to the wrong Service. "
            "Host names are global to an ingress controller, so Ingresses of "
            "different namespaces collide too; different ingress classes do not. Only "
            "Ingresses in the bundle are compared.",
        .remediation = "Give each host/path one owner: merge the Ingresses or change one path.",
        .failing_example =
            "# two Ingresses with\nrules:\n- host: pay.example.com\n  http:\n    "
            "paths: [{path: /api, ...}]",
        .passing_example = "# one Ingress owns pay.example.com/api",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Ingress")) return;
    const Routes& routes = ctx.index.Memo<Routes>(this, [&] {
      Routes all;
      for (const k8s::Object* ing : ctx.index.OfKind("Ingress")) {
        ForEachRoute(*ing, [&](std::string_view host, std::string_view path, const doc::Node* at,
                               uint32_t, uint32_t) {
          all.emplace(std::make_tuple(ClassOf(*ing), host, path), Route{ing, at});
        });
      }
      return all;
    });
    ForEachRoute(o, [&](std::string_view host, std::string_view path, const doc::Node* at,
                        uint32_t i, uint32_t j) {
      auto it = routes.find(std::make_tuple(ClassOf(o), host, path));
      if (it == routes.end() || it->second.ingress == &o) return;
      const k8s::Object& first = *it->second.ingress;
      out.Reportf(*this, o, at, fmt::format("spec.rules[{}].http.paths[{}].path", i, j),
                  "Ingress '{}' claims {}{} which Ingress '{}/{}' already routes ({}:{})", o.name(),
                  host.empty() ? "*" : host, path.empty() ? "/" : path,
                  Index::Shown(Index::Namespace(first)), first.name(), first.source().name(),
                  it->second.at->line());
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::IngressCollision)
