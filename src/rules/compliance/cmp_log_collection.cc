// cmp-log-collection: container logs leave the node for central, tamper-resistant storage, and
// regulated workloads do not opt out of collection.
#include <array>

#include <fmt/format.h>

#include "k8s/image.h"
#include "rules/compliance/lib/default_deny.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

struct OptOut {
  std::string_view key;
  std::string_view value;  // the value that opts out
};
// Collector switches that keep a pod's logs out of the pipeline (labels or annotations).
constexpr std::array<OptOut, 4> kOptOuts = {{
    {"fluentbit.io/exclude", "true"},
    {"co.elastic.logs/enabled", "false"},
    {"vector.dev/exclude", "true"},
    {"splunk.com/exclude", "true"},
}};

const k8s::Object* FindLogAgent(const Context& ctx) {
  for (const k8s::Object* ds : ctx.index.OfKind("DaemonSet")) {
    if (!ds->pod()) continue;
    for (const auto& c : ds->pod()->containers) {
      auto ref = k8s::ParseImage(ScalarText(c.Get("image")));
      if (!ref) continue;
      for (const auto& agent : ctx.config.compliance.log_agent_images) {
        if (RepoMatches(ref->repository, agent)) return ds;
      }
    }
  }
  return nullptr;
}

class CmpLogCollection final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-log-collection",
        .family = Family::kCompliance,
        .severity = Severity::kMedium,
        .summary = "workload logs are not collected off the node",
        .rationale =
            "Container logs on a node disappear with the pod or the node and can be altered "
            "by whoever controls it. Audit trails must be shipped promptly to central storage "
            "and kept (PCI DSS: 12 months, 3 immediately available; Korean personal-data "
            "access records: at least 1 year, 2 years above 50,000 data subjects). A log "
            "agent DaemonSet, or a declared external pipeline, shows they are; opt-out "
            "switches in regulated namespaces show they are not.",
        .remediation =
            "Run a log agent DaemonSet (Fluent Bit, Vector, OpenTelemetry Collector, ...), or "
            "set compliance.external_log_pipeline / annotate the Namespace "
            "compliance/log-pipeline with where its logs go; remove collector opt-out "
            "labels/annotations from regulated workloads. Retention is configured in the log "
            "backend and cannot be checked here.",
        .enabled_by_default = false,
        .failing_example =
            "# regulated namespace\nmetadata:\n  annotations:\n    fluentbit.io/exclude: "
            "\"true\"",
        .passing_example =
            "kind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n      - image: "
            "fluent/fluent-bit:3.1",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    CheckPipeline(ctx, o, out);
    CheckOptOut(ctx, o, out);
  }

 private:
  void CheckPipeline(const Context& ctx, const k8s::Object& o, Sink& out) const {
    const auto& opt = ctx.config.compliance;
    if (opt.external_log_pipeline) return;
    std::string_view ns;
    if (!IsNamespaceAnchor(ctx, o, ns)) return;
    auto cls = Classify(opt, ctx.index, ns);
    if (cls.ns_object &&
        !ScalarText(cls.ns_object->Annotation(opt.log_pipeline_annotation)).empty()) {
      return;
    }
    if (FindLogAgent(ctx)) return;
    std::string_view where = o.kind() == "Namespace" ? "" : " (reported on its first workload)";
    out.Reportf(*this, o, NameOrMetadataAnchor(o), "",
                "namespace '{}'{}: no log-agent DaemonSet in the bundle collects its logs and no "
                "external pipeline is declared (annotation {})",
                ns, where, opt.log_pipeline_annotation)
        .severity = RaiseIf(cls.regulated(), Severity::kMedium, Severity::kHigh);
  }

  void CheckOptOut(const Context& ctx, const k8s::Object& o, Sink& out) const {
    if (!o.pod()) return;
    std::string_view ns = Index::Namespace(o);
    if (ctx.config.IsSystemNamespace(ns)) return;
    if (!Classify(ctx.config.compliance, ctx.index, ns).regulated()) return;
    const k8s::PodSpec& pod = *o.pod();
    struct Place {
      const doc::Node* map;
      std::string path;
    };
    for (const Place& place : {Place{pod.annotations(), pod.metadata_path + ".annotations"},
                               Place{pod.labels(), pod.metadata_path + ".labels"}}) {
      if (!place.map || !place.map->IsMap()) continue;
      for (const OptOut& oo : kOptOuts) {
        const doc::Node* v = place.map->Get(oo.key);
        if (ScalarText(v) != oo.value) continue;
        out.Reportf(*this, o, v, fmt::format("{}[{}]", place.path, oo.key),
                    "{} '{}' opts its pods out of log collection ({}: \"{}\") in regulated "
                    "namespace '{}'",
                    o.kind(), o.name(), oo.key, oo.value, ns)
            .severity = Severity::kHigh;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpLogCollection)
