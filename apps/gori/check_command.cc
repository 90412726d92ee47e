// gori check: read manifests, run the rules, report, set the exit code
// (0 clean below --fail-on, 1 findings at/above it, 2 usage or input error).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.h"
#include "compliance/evidence.h"
#include "compliance/profile.h"
#include "compliance/summary.h"
#include "k8s/bundle.h"
#include "origin/kustomize.h"
#include "origin/locator.h"
#include "report/formats.h"
#include "report/report.h"
#include "rules/compliance/cmp_exemption_util.h"
#include "rules/config.h"
#include "rules/config_file.h"
#include "rules/engine.h"
#include "rules/index.h"
#include "rules/pss/level_util.h"
#include "rules/suppression.h"

namespace gori::app {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string rules;
  std::string fail_on = "high";
  std::vector<std::string> formats;  // NAME or NAME=FILE
  std::string output;
  std::string helm_root;
  std::vector<std::string> kustomize;
  std::string pss;
  bool pss_given = false;
  bool no_color = false;
  std::vector<std::string> profiles;
  std::string config_file;
  std::string baseline;
  std::string write_baseline;
  bool show_suppressed = false;
  std::string kubernetes_version;
  std::vector<std::string> crd_schemas;
  bool strict_kinds = false;
};

// `--format evidence` writes JSON to stdout (or a directory of JSON and HTML pages with
// --output DIR, or `evidence=DIR`); it is not a report::Format because it needs the
// compliance view of the run. Returns the remaining --format values.
struct EvidenceTarget {
  bool wanted = false;
  std::string dir;  // empty: JSON on stdout
};
std::vector<std::string> TakeEvidence(const CheckOptions& opt, EvidenceTarget& evidence,
                                      std::string& output) {
  std::vector<std::string> rest;
  output = opt.output;
  for (const auto& f : opt.formats) {
    if (f == "evidence") {
      evidence.wanted = true;
      evidence.dir = opt.output;
      output.clear();
    } else if (f.starts_with("evidence=")) {
      evidence.wanted = true;
      evidence.dir = f.substr(9);
    } else {
      rest.push_back(f);
    }
  }
  return rest;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    std::string part = s.substr(start, end - start);
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "gori check: %s\n", message.c_str());
  return 2;
}

int RunCheck(const CheckOptions& opt) {
  rules::Config config;
  std::error_code cwd_error;
  std::string config_file = opt.config_file.empty()
                                ? rules::FindConfigFile(std::filesystem::current_path(cwd_error))
                                : opt.config_file;
  if (!config_file.empty()) {
    if (Status st = rules::LoadConfigFile(config_file, config); !st) {
      return Usage(st.error().ToString());
    }
  }
  config.only = SplitComma(opt.rules);
  auto profiles = compliance::SelectProfiles(opt.profiles, config);
  if (!profiles) return Usage("--profile: " + profiles.error().message);
  if (opt.pss_given) {
    auto policy = rules::pss::ParsePssFlag(opt.pss);
    if (!policy) return Usage(policy.error().message);
    config.pss = *policy;
  }
  if (!config.pss && !profiles->pss_level.empty()) {
    // A pss-* profile checks at its level (latest version) unless --pss says otherwise.
    auto policy = rules::pss::ParsePssFlag(profiles->pss_level);
    if (!policy) return Usage(policy.error().message);
    config.pss = *policy;
  }
  if (!opt.kubernetes_version.empty()) {
    if (!rules::IsKubernetesVersion(opt.kubernetes_version)) {
      return Usage(fmt::format("--kubernetes-version: '{}' is not a version such as 1.31",
                               opt.kubernetes_version));
    }
    config.kubernetes_version = opt.kubernetes_version;
  }
  if (opt.strict_kinds) config.strict_kinds = true;
  for (const auto& p : opt.crd_schemas) config.crd_schema_paths.push_back(p);
  if (Status st = rules::LoadCrdSchemas(config); !st) {
    return Usage("--crd-schemas: " + st.error().ToString());
  }
  if (!opt.baseline.empty()) {
    auto baseline = rules::Baseline::Load(opt.baseline);
    if (!baseline) return Usage("--baseline: " + baseline.error().ToString());
    config.baseline = std::make_shared<rules::Baseline>(std::move(*baseline));
  }
  report::Report rep;
  if (opt.fail_on == "none") {
    rep.fail_never = true;
  } else {
    auto sev = rules::ParseSeverity(opt.fail_on);
    if (!sev) return Usage("--fail-on: " + sev.error().message);
    rep.fail_on = *sev;
  }
  EvidenceTarget evidence;
  std::string output;
  std::vector<std::string> formats = TakeEvidence(opt, evidence, output);
  bool evidence_on_stdout = evidence.wanted && evidence.dir.empty();
  std::vector<report::OutputSpec> outputs;
  if (!(evidence_on_stdout && formats.empty())) {
    auto parsed = report::ParseOutputs(formats, output);
    if (!parsed) return Usage(parsed.error().message);
    outputs = std::move(*parsed);
    if (evidence_on_stdout) {
      for (const auto& o : outputs) {
        if (o.file.empty()) return Usage("--format evidence already writes to stdout");
      }
    }
  }
  if (opt.paths.empty() && opt.kustomize.empty()) {
    return Usage("no input: give files, directories, - for stdin, or --kustomize DIR");
  }
  if (!opt.kustomize.empty() && !origin::KubectlAvailable()) {
    return Usage(origin::KubectlMissingMessage());
  }
  rules::Engine engine(config);
  if (engine.active().empty() && engine.activated_by_labels().empty() && !opt.profiles.empty()) {
    return Usage("--profile selects no rule in this build (see gori profiles)");
  }
  if (engine.active().empty() && engine.activated_by_labels().empty()) {
    return Usage(fmt::format("--rules '{}' selects no rule (see gori rules)", opt.rules));
  }

  k8s::Bundle bundle(config.pod_templates);
  bundle.SetIgnore([&config](std::string_view path) { return config.IsIgnoredPath(path); });
  for (const auto& p : opt.paths) bundle.AddPath(p);
  origin::OriginLocator locator(bundle, {.helm_root = opt.helm_root});
  std::vector<Error> errors;
  for (const auto& dir : opt.kustomize) {
    auto run = origin::RunKustomize(dir);
    if (!run) {
      errors.push_back(run.error());
      continue;
    }
    locator.AddKustomizeOutput(run->source->name(), dir, run->kustomization);
    bundle.AddSource(std::move(run->source));
  }
  bundle.Finish();
  for (const Error& note : bundle.notes()) {
    std::fprintf(stderr, "gori check: note: %s\n", note.ToString().c_str());
  }

  std::vector<rules::Finding> findings;
  engine.Run(bundle.objects(), findings);
  if (!opt.write_baseline.empty()) {
    if (Status st = rules::Baseline::Write(opt.write_baseline, findings); !st) {
      return Usage(st.error().message);
    }
    // What was just recorded is accepted from now on, this run included.
    for (rules::Finding& f : findings) {
      if (f.suppressed) continue;
      f.suppressed = true;
      f.suppression_reason = fmt::format("{}{}", rules::kBaselineReasonPrefix, opt.write_baseline);
    }
  }
  // Only when the user picked pss rules with --rules: by default they stay quietly off.
  if (!opt.rules.empty() && !config.pss && !engine.activated_by_labels().empty()) {
    std::vector<const k8s::Object*> objects;
    for (const k8s::Object& o : bundle.objects()) objects.push_back(&o);
    if (!rules::pss::AnyEnforceLabel(objects)) {
      std::fprintf(stderr,
                   "gori check: note: pss rules selected, but without --pss and without a "
                   "Namespace carrying pod-security.kubernetes.io/enforce in the input there is "
                   "no Pod Security level to check against\n");
    }
  }
  // Compliance exemptions apply to every run; they stay visible as suppressed with a reason.
  rules::Index index(bundle.objects());
  auto exemptions = rules::compliance::ApplyExemptions(config, index, findings);
  std::vector<compliance::ProfileSummary> summaries;
  for (const compliance::Profile* p : profiles->profiles) {
    summaries.push_back(compliance::Summarize(*p, engine.active(), findings, exemptions));
  }

  errors.insert(errors.begin(), bundle.errors().begin(), bundle.errors().end());
  rep.findings = findings;
  rep.errors = errors;
  rep.checked = bundle.objects();
  rep.rules = engine.active();
  rep.locator = &locator;
  rep.files = bundle.files().size();
  rep.show_suppressed = opt.show_suppressed;
  rep.objects = bundle.objects().size();

  if (!summaries.empty() || !exemptions.applied.empty() || !exemptions.ignored.empty()) {
    rep.extra_json = [&](json::Writer& w) {
      w.Key("compliance");
      compliance::WriteSummaryJson(summaries, exemptions, w);
    };
    rep.extra_text = [&](std::string& out) {
      compliance::WriteSummaryText(summaries, exemptions, out);
    };
  }
  if (evidence.wanted) {
    auto ev = compliance::BuildEvidence(bundle.objects(), config, findings, exemptions,
                                        profiles->profiles, summaries, bundle.files().size());
    if (evidence.dir.empty()) {
      std::string out;
      compliance::WriteEvidenceJson(ev, GORI_VERSION, out);
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fflush(stdout);
    } else if (auto st = compliance::WriteEvidenceFiles(ev, GORI_VERSION, evidence.dir); !st) {
      return Usage("--output: " + st.error().message);
    }
  }

  report::WriteOptions write;
  write.color = output.empty() && ::isatty(STDOUT_FILENO) && !opt.no_color &&
                std::getenv("NO_COLOR") == nullptr;
  write.tool_version = GORI_VERSION;
  write.information_uri = GORI_INFORMATION_URI;
  std::string cwd = std::filesystem::current_path(cwd_error).string();  // empty on error
  write.source_root = cwd;
  if (Status st = report::WriteOutputs(rep, outputs, write); !st) {
    return Usage(st.error().message);
  }
  if (!rep.errors.empty()) return 2;
  return rep.Fails() ? 1 : 0;
}

}  // namespace

void RegisterCheck(CLI::App& app, CommandList& out) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* sub = app.add_subcommand("check", "Check Kubernetes manifests");
  sub->footer(R"(Examples:
  gori check deploy/                       every *.yaml, *.yml, *.json below deploy/
  helm template chart | gori check -       rendered chart: findings name chart/templates/x.yaml
  helm template ./chart | gori check --helm-root ./chart -
  gori check --kustomize overlays/prod     runs kubectl kustomize overlays/prod
  kubectl get deploy -A -o json | gori check -
  gori check --rules 'sec-*' --fail-on critical manifests/
  gori check --format json --output findings.json k8s/
  gori check --format sarif=gori.sarif --format junit=gori.xml k8s/   (text still on stdout)
  gori check --profile kr-fin --profile pci-dss-4.0 k8s/    per-control summary
  gori check --profile kr-fin --format evidence -o evidence/ k8s/
                                           evidence.json, index.html, one page per namespace
  gori check --pss restricted:v1.30 deploy/  Pod Security Standards as PSA would enforce them
  gori check --rules 'pss-*' --pss baseline k8s/
  gori check --write-baseline .gori-baseline.json k8s/   accept today's findings
  gori check --baseline .gori-baseline.json k8s/         fail only on new ones

Configuration: the nearest .gori.yaml from the working directory upward, or --config FILE
(`gori config init` writes one). Suppress one finding with an annotation on the object or
pod template: gori.io/ignore.<rule-id>[.<container>]: "<reason>[; until=YYYY-MM-DD]".

Exit codes: 0 nothing at/above --fail-on, 1 findings at/above it, 2 usage or input error.)");
  sub->add_option("paths", opt->paths, "Files, directories, or - for stdin");
  sub->add_option("--rules", opt->rules,
                  "Only these rules: comma-separated ids, globs ('sec-*') or families");
  sub->add_option("--fail-on", opt->fail_on,
                  "Lowest severity that makes exit code 1: critical, high, medium, low, info, "
                  "none")
      ->capture_default_str();
  sub->add_option("--format", opt->formats,
                  "Report format NAME, or NAME=FILE to write it to FILE; repeat for several (" +
                      report::FormatNames() + ", evidence; default text)")
      ->type_name("NAME[=FILE]")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--output,-o", opt->output,
                  "Write the --format without =FILE to FILE instead of stdout (a directory "
                  "for --format evidence)");
  sub->add_option("--profile", opt->profiles,
                  "Compliance profile (repeatable): pss-baseline, pss-restricted, cis-1.10, "
                  "cis-1.11, cis-1.12, nsa-1.2, pci-dss-4.0, kr-fin; see gori profiles")
      ->allow_extra_args(false);
  sub->add_option("--helm-root", opt->helm_root,
                  "Chart directory given to helm template: findings in its output are shown "
                  "in DIR/templates/... instead of CHART/templates/...")
      ->type_name("DIR");
  sub->add_option("--kustomize", opt->kustomize,
                  "Render DIR with `kubectl kustomize` and check the result (repeatable)")
      ->type_name("DIR")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--pss", opt->pss,
                  "Pod Security Standards level to check pods against, as Pod Security "
                  "Admission would: LEVEL[:VERSION] with LEVEL privileged, baseline or "
                  "restricted and VERSION v1.N or latest (default). Namespaces in the input with "
                  "pod-security.kubernetes.io/enforce labels use their own level")
      ->type_name("LEVEL[:VERSION]")
      ->each([opt](const std::string&) { opt->pss_given = true; });
  sub->add_flag("--no-color", opt->no_color, "Never color the text output");
  sub->add_option("--config", opt->config_file,
                  "Configuration file (default: the nearest .gori.yaml from the working "
                  "directory upward)")
      ->type_name("FILE");
  sub->add_option("--baseline", opt->baseline,
                  "Suppress the findings recorded in FILE (by --write-baseline); only new "
                  "findings count")
      ->type_name("FILE");
  sub->add_option("--write-baseline", opt->write_baseline,
                  "Record the current findings in FILE (by rule, object and field path, not "
                  "line) and accept them")
      ->type_name("FILE");
  sub->add_flag("--show-suppressed", opt->show_suppressed,
                "List suppressed findings too (they are always counted in the summary)");
  sub->add_option("--kubernetes-version", opt->kubernetes_version,
                  "Kubernetes version the manifests target: the API schema the schema-* rules "
                  "validate against and what meta-deprecated-api calls removed (1.28 to 1.36; "
                  "default: the newest gori embeds)")
      ->type_name("VERSION");
  sub->add_option("--crd-schemas", opt->crd_schemas,
                  "CustomResourceDefinition files or directories (repeatable): custom resources "
                  "are validated against their openAPIV3Schema, like CRDs in the input")
      ->type_name("PATH")
      ->expected(1)
      ->allow_extra_args(false);
  sub->add_flag("--strict-kinds", opt->strict_kinds,
                "Report custom resources whose CustomResourceDefinition is in neither the input "
                "nor --crd-schemas (schema-unknown-kind)");
  out.push_back({sub, [opt] { return RunCheck(*opt); }});
}

}  // namespace gori::app
