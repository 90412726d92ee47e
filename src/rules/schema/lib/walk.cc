#include "rules/schema/lib/walk.h"

#include <array>

#include "k8s/crd_schemas.h"
#include "k8s/schema.h"
#include "rules/config.h"
#include "rules/index.h"
#include "rules/registry.h"

namespace gori::rules::schema {
namespace {

constexpr std::size_t kKinds = std::size(kRuleIds);

struct RunState {
  std::array<const Rule*, kKinds> active{};  // by issue kind; nullptr when off
  const Rule* driver = nullptr;
  const k8s::schema::Release* release = nullptr;
  k8s::CrdCatalog input;
};

const char kMemoKey = 0;

}  // namespace

void Run(const Rule& self, const Context& ctx, const k8s::Object& o, Sink& out) {
  const RunState& run = ctx.index.Memo<RunState>(&kMemoKey, [&ctx] {
    RunState r;
    for (std::size_t i = 0; i < kKinds; ++i) {
      const Rule* rule = FindRule(kRuleIds[i]);
      if (rule && ctx.config.IsActive(rule->Info())) {
        r.active[i] = rule;
        if (!r.driver) r.driver = rule;
      }
    }
    r.release = &k8s::schema::Schemas::Embedded().ForVersion(ctx.config.kubernetes_version);
    for (const k8s::Object* crd : ctx.index.OfKind("CustomResourceDefinition")) r.input.Add(*crd);
    return r;
  });
  if (run.driver != &self) return;
  std::vector<const k8s::CrdCatalog*> catalogs{&run.input};
  if (ctx.config.crd_schemas) catalogs.push_back(&ctx.config.crd_schemas->catalog);
  k8s::SchemaOptions options{run.release, catalogs, ctx.config.strict_kinds};
  std::vector<k8s::SchemaIssue> issues;
  k8s::ValidateObject(o, options, issues);
  for (k8s::SchemaIssue& issue : issues) {
    const Rule* rule = run.active[static_cast<std::size_t>(issue.kind)];
    if (!rule) continue;
    if (issue.kind == k8s::SchemaIssueKind::kType) {
      out.ReportValue(*rule, o, issue.at, std::move(issue.path), std::move(issue.message));
    } else {
      out.Report(*rule, o, issue.at, std::move(issue.path), std::move(issue.message));
    }
  }
}

}  // namespace gori::rules::schema
