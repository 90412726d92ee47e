// gori check: read manifests, run the rules, report, set the exit code
// (0 clean below --fail-on, 1 findings at/above it, 2 usage or input error).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.h"
#include "k8s/bundle.h"
#include "report/report.h"
#include "rules/config.h"
#include "rules/engine.h"
#include "rules/pss/level_util.h"

namespace gori::app {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string rules;
  std::string fail_on = "high";
  std::string format = "text";
  std::string output;
  std::string pss;
  bool pss_given = false;
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
  if (opt.pss_given) {
    auto policy = rules::pss::ParsePssFlag(opt.pss);
    if (!policy) return Usage(policy.error().message);
    config.pss = *policy;
  }
  report::Report rep;
  if (opt.fail_on == "none") {
    rep.fail_never = true;
  } else {
    auto sev = rules::ParseSeverity(opt.fail_on);
    if (!sev) return Usage("--fail-on: " + sev.error().message);
    rep.fail_on = *sev;
  }
  if (opt.format != "text" && opt.format != "json") {
    return Usage(fmt::format("--format: unknown format '{}' (want text or json)", opt.format));
  }
  rules::Engine engine(config);
  if (engine.active().empty() && engine.activated_by_labels().empty()) {
    return Usage(fmt::format("--rules '{}' selects no rule (see gori rules)", opt.rules));
  }

  k8s::Bundle bundle(config.pod_templates);
  for (const auto& p : opt.paths) bundle.AddPath(p);
  bundle.Finish();

  std::vector<rules::Finding> findings;
  engine.Run(bundle.objects(), findings);
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

  rep.findings = findings;
  rep.errors = bundle.errors();
  rep.files = bundle.files().size();
  rep.objects = bundle.objects().size();

  std::string out;
  bool to_terminal = opt.output.empty() && ::isatty(STDOUT_FILENO);
  if (opt.format == "json") {
    report::WriteJson(rep, out);
  } else {
    report::TextOptions text;
    text.color = to_terminal && !opt.no_color && std::getenv("NO_COLOR") == nullptr;
    report::WriteText(rep, text, out);
  }
  if (opt.output.empty()) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  } else {
    std::ofstream f(opt.output, std::ios::binary);
    f << out;
    if (!f) return Usage(fmt::format("cannot write --output {}", opt.output));
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
  helm template chart | gori check -       rendered chart from stdin
  kubectl get deploy -A -o json | gori check -
  gori check --rules 'sec-*' --fail-on critical manifests/
  gori check --format json --output findings.json k8s/
  gori check --pss restricted:v1.30 deploy/  Pod Security Standards as PSA would enforce them
  gori check --rules 'pss-*' --pss baseline k8s/

Exit codes: 0 nothing at/above --fail-on, 1 findings at/above it, 2 usage or input error.)");
  sub->add_option("paths", opt->paths, "Files, directories, or - for stdin")->required();
  sub->add_option("--rules", opt->rules,
                  "Only these rules: comma-separated ids, globs ('sec-*') or families");
  sub->add_option("--fail-on", opt->fail_on,
                  "Lowest severity that makes exit code 1: critical, high, medium, low, info, "
                  "none")
      ->capture_default_str();
  sub->add_option("--format", opt->format, "Output format: text, json")->capture_default_str();
  sub->add_option("--output,-o", opt->output, "Write the report to FILE instead of stdout");
  sub->add_option("--pss", opt->pss,
                  "Pod Security Standards level to check pods against, as Pod Security "
                  "Admission would: LEVEL[:VERSION] with LEVEL privileged, baseline or "
                  "restricted and VERSION v1.N or latest (default). Namespaces in the input with "
                  "pod-security.kubernetes.io/enforce labels use their own level")
      ->type_name("LEVEL[:VERSION]")
      ->each([opt](const std::string&) { opt->pss_given = true; });
  sub->add_flag("--no-color", opt->no_color, "Never color the text output");
  out.push_back({sub, [opt] { return RunCheck(*opt); }});
}

}  // namespace gori::app
