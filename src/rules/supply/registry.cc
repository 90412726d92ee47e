// sup-registry: images only from the registries the platform trusts.
#include "rules/registry.h"
#include "k8s/image.h"
#include "rules/config.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// An entry without '/' names a registry host (globs allowed: "*.dkr.ecr.*.amazonaws.com");
// with '/' it is a prefix of registry/repository ("docker.io/library", "ghcr.io/acme").
bool Allowed(const std::vector<std::string>& allowed, const k8s::ImageRef& ref) {
  std::string name = ref.Name();
  for (const std::string& raw : allowed) {
    std::string_view e = raw;
    if (e == "index.docker.io" || e == "registry-1.docker.io") e = "docker.io";
    if (e.find('/') == std::string_view::npos) {
      if (GlobMatch(e, ref.registry)) return true;
      continue;
    }
    while (!e.empty() && e.back() == '/') e.remove_suffix(1);
    if (GlobMatch(e, name)) return true;
    if (name.size() > e.size() && name.compare(0, e.size(), e) == 0 && name[e.size()] == '/') {
      return true;
    }
    // A glob prefix: "ghcr.io/acme-*" matches ghcr.io/acme-pay/api.
    for (std::size_t i = name.find('/'); i != std::string::npos; i = name.find('/', i + 1)) {
      if (GlobMatch(e, std::string_view(name).substr(0, i))) return true;
    }
  }
  return false;
}

class RegistryRule final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sup-registry",
        .family = Family::kSupply,
        .severity = Severity::kHigh,
        .summary = "image comes from a registry outside allowed_registries",
        .rationale =
            "Images from registries the platform does not control bypass its scanning, "
            "signing and mirroring; in isolated networks they are also unreachable. "
            "References are normalised as the runtime resolves them (`nginx` is "
            "docker.io/library/nginx). Silent until allowed_registries is configured.",
        .remediation =
            "Mirror the image into an allowed registry and reference it there, or "
            "add the registry to allowed_registries after review.",
        .failing_example = "# allowed_registries: [registry.example]\nimage: nginx:1.27",
        .passing_example =
            "# allowed_registries: [registry.example]\nimage: "
            "registry.example/mirror/nginx:1.27",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || ctx.config.allowed_registries.empty()) return;
    for (const auto& c : o.pod()->containers) {
      const doc::Node* image = c.Get("image");
      if (Text(image).empty()) continue;
      auto ref = k8s::ParseImage(image->text());
      if (!ref || Allowed(ctx.config.allowed_registries, *ref)) continue;
      ForContainer(out.Reportf(*this, o, image, c.Path(o.pod()->spec_path) + ".image",
                               "container '{}' image '{}' comes from {} ({}), which is not an "
                               "allowed registry",
                               c.name, image->text(), ref->registry, ref->Name()),
                   c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RegistryRule)
