// gori check: flags, one guard::Check, the report; exit 0 clean below --fail-on, 1 findings
// at/above it, 2 usage or input error.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "check_output.h"
#include "commands.h"
#include "guard/check.h"

namespace gori::app {
namespace {

struct CheckFlags {
  guard::CheckInputs inputs;
  std::string rules;  // comma-separated
  std::string pss;
  bool pss_given = false;
  std::vector<std::string> profiles;
  std::string config_file;
  std::string baseline;
  std::string write_baseline;
  std::string kubernetes_version;
  std::vector<std::string> policies;
  std::vector<std::string> crd_schemas;
  bool strict_kinds = false;
  CheckOutputFlags out;
};

int Usage(const std::string& message) {
  std::fprintf(stderr, "gori check: %s\n", message.c_str());
  return 2;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= s.size();) {
    std::size_t end = std::min(s.find(',', start), s.size());
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int RunCheck(const CheckFlags& f) {
  auto out = ParseCheckOutputs(f.out);
  if (!out) return Usage(out.error().message);
  std::error_code cwd_error;
  guard::Options options{.config_file = f.config_file,
                         .search_from = std::filesystem::current_path(cwd_error).string(),
                         .rules = SplitComma(f.rules),
                         .profiles = f.profiles,
                         .pss = f.pss_given ? std::optional(f.pss) : std::nullopt,
                         .kubernetes_version = f.kubernetes_version,
                         .crd_schemas = f.crd_schemas,
                         .strict_kinds = f.strict_kinds,
                         .baseline = f.baseline,
                         .write_baseline = f.write_baseline,
                         .require_rules = true,
                         .policies = f.policies};
  auto run = guard::Check(options, f.inputs);
  if (!run) return Usage(run.error().ToString());
  if (run->outcome.error) return Usage(run->outcome.error->message);
  for (const std::string& note : run->outcome.notes) {
    std::fprintf(stderr, "gori check: note: %s\n", note.c_str());
  }
  return PrintCheck(*run, *out);
}

}  // namespace

void RegisterCheck(CLI::App& app, CommandList& out) {
  auto opt = std::make_shared<CheckFlags>();
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
  gori check --policies policies/ k8s/     the team's ValidatingAdmissionPolicies too

Configuration: the nearest .gori.yaml from the working directory upward, or --config FILE
(`gori config init` writes one). Suppress one finding with an annotation on the object or
pod template: gori.io/ignore.<rule-id>[.<container>]: "<reason>[; until=YYYY-MM-DD]".

Exit codes: 0 nothing at/above --fail-on, 1 findings at/above it, 2 usage or input error.)");
  sub->add_option("paths", opt->inputs.paths, "Files, directories, or - for stdin");
  sub->add_option("--rules", opt->rules,
                  "Only these rules: comma-separated ids, globs ('sec-*') or families");
  sub->add_option("--profile", opt->profiles,
                  "Compliance profile (repeatable): pss-baseline, pss-restricted, cis-1.10, "
                  "cis-1.11, cis-1.12, nsa-1.2, pci-dss-4.0, kr-fin; see gori profiles")
      ->allow_extra_args(false);
  sub->add_option("--helm-root", opt->inputs.helm_root,
                  "Chart directory given to helm template: findings in its output are shown "
                  "in DIR/templates/... instead of CHART/templates/...")
      ->type_name("DIR");
  sub->add_option("--kustomize", opt->inputs.kustomize,
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
  sub->add_option("--kubernetes-version", opt->kubernetes_version,
                  "Kubernetes version the manifests target: the API schema the schema-* rules "
                  "validate against and what meta-deprecated-api calls removed (1.28 to 1.36; "
                  "default: the newest gori embeds)")
      ->type_name("VERSION");
  sub->add_option("--policies", opt->policies,
                  "ValidatingAdmissionPolicy, binding and param files or directories "
                  "(repeatable); every bound policy is evaluated on every object as a CREATE")
      ->type_name("PATH")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--crd-schemas", opt->crd_schemas,
                  "CustomResourceDefinition files or directories (repeatable): custom resources "
                  "are validated against their openAPIV3Schema, like CRDs in the input")
      ->type_name("PATH")
      ->expected(1)
      ->allow_extra_args(false);
  sub->add_flag("--strict-kinds", opt->strict_kinds,
                "Report custom resources whose CustomResourceDefinition is in neither the input "
                "nor --crd-schemas (schema-unknown-kind)");
  AddCheckOutputFlags(*sub, opt->out);
  out.push_back({sub, [opt] { return RunCheck(*opt); }});
}

}  // namespace gori::app
