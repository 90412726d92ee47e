// cmp-mesh-mtls: where a service mesh provides mutual TLS, it must not be switched off or left
// accepting plain text; regulated namespaces can be required to run STRICT.
#include <fmt/format.h>

#include "rules/compliance/lib/default_deny.h"
#include "rules/compliance/lib/mesh.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpMeshMtls final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-mesh-mtls",
        .family = Family::kCompliance,
        .severity = Severity::kMedium,
        .summary = "Istio PeerAuthentication disables mTLS or accepts plain text",
        .rationale =
            "mode DISABLE turns mutual TLS off; PERMISSIVE also accepts unencrypted, "
            "unauthenticated connections, so traffic between services can be read and "
            "spoofed inside the cluster. With require_mtls set, a regulated namespace must be "
            "covered by a STRICT policy (its own or the mesh-wide one).",
        .remediation =
            "Set spec.mtls.mode: STRICT (namespace-wide, or mesh-wide in the root namespace) "
            "once every client has a sidecar; keep PERMISSIVE only for a documented migration "
            "with an exemption.",
        .enabled_by_default = false,
        .failing_example = "kind: PeerAuthentication\nspec:\n  mtls:\n    mode: PERMISSIVE",
        .passing_example = "kind: PeerAuthentication\nspec:\n  mtls:\n    mode: STRICT",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    const auto& opt = ctx.config.compliance;
    if (IsPeerAuthentication(o)) {
      CheckPolicy(ctx, o, out);
      return;
    }
    if (!opt.require_mtls || o.kind() != "Namespace" || !o.group().empty()) return;
    std::string_view ns;
    if (!IsNamespaceAnchor(ctx, o, ns)) return;
    auto cls = ClassifyObject(opt, &o);
    if (!cls.regulated()) return;
    // A PERMISSIVE or DISABLE policy already has its own finding.
    if (!MtlsOf(opt, ctx.index, ns).mode.empty()) return;
    out.Reportf(*this, o, NameOrMetadataAnchor(o), "",
                "namespace '{}' holds {} data but no STRICT PeerAuthentication covers it (none "
                "in the namespace, none mesh-wide in '{}')",
                ns, DataClassName(cls.data_class), opt.mesh_root_namespace)
        .severity = Severity::kHigh;
  }

 private:
  void CheckPolicy(const Context& ctx, const k8s::Object& o, Sink& out) const {
    std::string_view ns = Index::Namespace(o);
    const auto& opt = ctx.config.compliance;
    bool mesh_wide = ns == opt.mesh_root_namespace && !HasSelector(o);
    auto cls = Classify(opt, ctx.index, ns);
    std::string scope = mesh_wide ? std::string("mesh-wide")
                        : HasSelector(o)
                            ? fmt::format("for selected workloads of namespace '{}'", ns)
                            : fmt::format("for namespace '{}'", ns);
    auto report = [&](const doc::Node* mode, std::string path, std::string what) {
      std::string_view m = ScalarText(mode);
      if (m != "DISABLE" && m != "PERMISSIVE") return;
      Severity sev =
          m == "DISABLE" || cls.regulated() || mesh_wide ? Severity::kHigh : Severity::kMedium;
      out.Reportf(
             *this, o, mode, std::move(path), "PeerAuthentication '{}' {} {}: {}", o.name(), what,
             m, m == "DISABLE" ? "mutual TLS is off" : "plain-text connections are still accepted")
          .severity = sev;
    };
    report(ModeNode(o), "spec.mtls.mode", fmt::format("sets mTLS {} to", scope));
    const doc::Node* ports = o.spec() ? o.spec()->Get("portLevelMtls") : nullptr;
    if (!ports || !ports->IsMap()) return;
    for (const doc::Pair& p : ports->pairs()) {
      if (!p.value->IsMap()) continue;
      report(p.value->Get("mode"), fmt::format("spec.portLevelMtls[{}].mode", p.key->text()),
             fmt::format("sets port {} to", p.key->text()));
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpMeshMtls)
