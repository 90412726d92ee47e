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
#include "k8s/bundle.h"
#include "origin/kustomize.h"
#include "origin/locator.h"
#include "report/formats.h"
#include "report/report.h"
#include "rules/config.h"
#include "rules/engine.h"

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
  bool no_color = false;
};

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
  config.only = SplitComma(opt.rules);
  report::Report rep;
  if (opt.fail_on == "none") {
    rep.fail_never = true;
  } else {
    auto sev = rules::ParseSeverity(opt.fail_on);
    if (!sev) return Usage("--fail-on: " + sev.error().message);
    rep.fail_on = *sev;
  }
  auto outputs = report::ParseOutputs(opt.formats, opt.output);
  if (!outputs) return Usage(outputs.error().message);
  if (opt.paths.empty() && opt.kustomize.empty()) {
    return Usage("no input: give files, directories, - for stdin, or --kustomize DIR");
  }
  if (!opt.kustomize.empty() && !origin::KubectlAvailable()) {
    return Usage(origin::KubectlMissingMessage());
  }
  rules::Engine engine(config);
  if (engine.active().empty()) {
    return Usage(fmt::format("--rules '{}' selects no rule (see gori rules)", opt.rules));
  }

  k8s::Bundle bundle(config.pod_templates);
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

  std::vector<rules::Finding> findings;
  engine.Run(bundle.objects(), findings);

  errors.insert(errors.begin(), bundle.errors().begin(), bundle.errors().end());
  rep.findings = findings;
  rep.errors = errors;
  rep.checked = bundle.objects();
  rep.rules = engine.active();
  rep.locator = &locator;
  rep.files = bundle.files().size();
  rep.objects = bundle.objects().size();

  report::WriteOptions write;
  write.color = opt.output.empty() && ::isatty(STDOUT_FILENO) && !opt.no_color &&
                std::getenv("NO_COLOR") == nullptr;
  write.tool_version = GORI_VERSION;
  write.information_uri = GORI_INFORMATION_URI;
  std::error_code cwd_error;
  std::string cwd = std::filesystem::current_path(cwd_error).string();  // empty on error
  write.source_root = cwd;
  if (Status st = report::WriteOutputs(rep, *outputs, write); !st) {
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
                      report::FormatNames() + "; default text)")
      ->type_name("NAME[=FILE]")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--output,-o", opt->output,
                  "Write the --format without =FILE to FILE instead of stdout");
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
  sub->add_flag("--no-color", opt->no_color, "Never color the text output");
  out.push_back({sub, [opt] { return RunCheck(*opt); }});
}

}  // namespace gori::app
