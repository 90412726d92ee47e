#include "guard/guard.h"

#include <fmt/format.h>

#include "guard/config_file.h"
#include "k8s/crd_schemas.h"
#include "rules/pss/lib/policy_level.h"
#include "rules/same_reason.h"
#include "rules/suppression.h"

namespace gori::guard {
namespace {

// The bound policies as one checker of the pipeline.
class PolicyChecker final : public Checker {
 public:
  explicit PolicyChecker(std::shared_ptr<const policy::PolicySet> set) : set_(std::move(set)) {}
  void Check(const rules::Config&, const rules::Index& index,
             std::vector<rules::Finding>& out) const override {
    set_->Check(index.objects(), nullptr, out);
  }
  void CheckAdmission(const rules::Config&, const rules::Index& index,
                      const policy::Admission* admission, std::vector<rules::Finding>& out,
                      std::vector<rules::ObjectAudit>& audit) const override {
    set_->Check(index.objects(), admission, out, &audit);
  }

 private:
  std::shared_ptr<const policy::PolicySet> set_;
};

}  // namespace

Result<std::unique_ptr<Guard>> Guard::Create(const Options& options) {
  auto read = ReadConfig(options.config_file, options.search_from);
  if (!read) return tl::unexpected(read.error());
  rules::Config config = std::move(*read);
  config.only = options.rules;
  auto profiles = compliance::SelectProfiles(options.profiles, config);
  if (!profiles) return Fail("--profile: " + profiles.error().message);
  if (options.pss) {
    auto policy = rules::pss::ParsePssFlag(*options.pss);
    if (!policy) return Fail(policy.error().message);
    config.pss = *policy;
  }
  if (!config.pss && !profiles->pss_level.empty()) {
    // A pss-* profile checks at its level (latest version) unless --pss says otherwise.
    auto policy = rules::pss::ParsePssFlag(profiles->pss_level);
    if (!policy) return Fail(policy.error().message);
    config.pss = *policy;
  }
  if (!options.kubernetes_version.empty()) {
    if (!IsKubernetesVersion(options.kubernetes_version)) {
      return Fail(fmt::format("--kubernetes-version: '{}' is not a version such as 1.31",
                              options.kubernetes_version));
    }
    config.kubernetes_version = options.kubernetes_version;
  }
  if (options.strict_kinds) config.strict_kinds = true;
  config.crd_schema_paths.insert(config.crd_schema_paths.end(), options.crd_schemas.begin(),
                                 options.crd_schemas.end());
  if (!config.crd_schema_paths.empty()) {
    auto crds = k8s::LoadCrdSchemaFiles(config.crd_schema_paths);
    if (!crds) return Fail("--crd-schemas: " + crds.error().ToString());
    config.crd_schemas = std::move(*crds);
  }
  std::shared_ptr<const Baseline> baseline;
  if (!options.baseline.empty()) {
    auto loaded = Baseline::Load(options.baseline);
    if (!loaded) return Fail("--baseline: " + loaded.error().ToString());
    baseline = std::make_shared<Baseline>(std::move(*loaded));
  }
  auto guard = std::make_unique<Guard>(std::move(config), std::move(*profiles));
  guard->baseline_ = std::move(baseline);
  guard->write_baseline_ = options.write_baseline;
  guard->rules_from_flag_ = !options.rules.empty();
  std::vector<std::string> policy_paths = guard->config_.policies;
  policy_paths.insert(policy_paths.end(), options.policies.begin(), options.policies.end());
  if (!policy_paths.empty()) {
    auto set = std::make_shared<policy::PolicySet>();
    set->SetKubernetesVersion(guard->config_.kubernetes_version);
    set->AddCrds(guard->config_.crd_schemas);
    for (const std::string& p : policy_paths) set->AddPath(p);
    set->Finish();
    guard->policies_ = set;
    guard->AddChecker(std::make_unique<PolicyChecker>(std::move(set)));
  }
  const rules::Engine& engine = guard->engine_;
  if (options.require_rules && engine.active().empty() && engine.activated_by_labels().empty() &&
      policy_paths.empty()) {
    if (!options.profiles.empty())
      return Fail("--profile selects no rule in this build (see gori profiles)");
    std::string selection;
    for (const std::string& r : options.rules) {
      if (!selection.empty()) selection += ',';
      selection += r;
    }
    return Fail(fmt::format("--rules '{}' selects no rule (see gori rules)", selection));
  }
  return guard;
}

Guard::Guard(rules::Config config, compliance::Selection profiles)
    : config_(std::move(config)), engine_(config_), profiles_(std::move(profiles)) {}

Outcome Guard::Run(std::span<const k8s::Object> objects, const policy::Admission* admission) const {
  Outcome out;
  out.index = std::make_unique<rules::Index>(objects, config_.complete_bundle);
  const rules::Index& index = *out.index;
  engine_.Run(index, out.findings);
  if (!checkers_.empty()) {
    for (const auto& c : checkers_) {
      c->CheckAdmission(config_, index, admission, out.findings, out.audit);
    }
    rules::SortFindings(out.findings);
  }
  // Suppressions see the findings in report order, so a baseline that records N findings of one
  // key always suppresses the same N.
  if (!out.findings.empty())
    rules::ApplyAnnotationSuppressions(out.findings, rules::Today(config_));
  if (baseline_) baseline_->Apply(out.findings);
  if (!write_baseline_.empty()) {
    if (Status st = Baseline::Write(write_baseline_, out.findings); !st) {
      out.error = st.error();
    } else {
      MarkRecorded(out.findings, write_baseline_);
    }
  }
  // Only when the user picked pss rules with --rules: by default they stay quietly off.
  if (rules_from_flag_ && !config_.pss && !engine_.activated_by_labels().empty() &&
      !rules::pss::AnyEnforceLabel(index.OfKind("Namespace"))) {
    out.notes.emplace_back(
        "pss rules selected, but without --pss and without a Namespace carrying "
        "pod-security.kubernetes.io/enforce in the input there is no Pod Security level to "
        "check against");
  }
  out.exemptions = rules::ApplyExemptions(config_, index, out.findings);
  for (const compliance::Profile* p : profiles_.profiles) {
    out.summaries.push_back(
        compliance::Summarize(*p, engine_.active(), out.findings, out.exemptions));
  }
  rules::MergeSameReason(out.findings);
  return out;
}

}  // namespace gori::guard
