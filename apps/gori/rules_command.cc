// gori rules: list every rule (text, JSON or Markdown); gori explain RULE: describe one.
#include <cstdio>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "commands.h"
#include "guard/config_file.h"
#include "report/rule_docs.h"
#include "rules/config.h"
#include "rules/registry.h"

namespace gori::app {
namespace {

struct RulesOptions {
  std::string format = "text";
  std::string config_file;
  std::string rule;
};

// The configuration `gori check` would use, so on/off and severities match it.
bool LoadConfig(const RulesOptions& opt, const char* cmd, rules::Config& config) {
  std::error_code ec;
  auto read = guard::ReadConfig(opt.config_file, std::filesystem::current_path(ec).string());
  if (!read) {
    std::fprintf(stderr, "gori %s: %s\n", cmd, read.error().ToString().c_str());
    return false;
  }
  config = std::move(*read);
  return true;
}

int RunRules(const RulesOptions& opt) {
  std::string out;
  if (opt.format == "markdown") {
    out = report::RulesMarkdown();  // defaults only: docs/rules.md must not depend on a config
  } else {
    rules::Config config;
    if (!LoadConfig(opt, "rules", config)) return 2;
    if (opt.format == "text") {
      out = report::RulesText(config);
    } else if (opt.format == "json") {
      out = report::RulesJson(config);
    } else {
      std::fprintf(stderr,
                   "gori rules: --format: unknown format '%s' (want text, json, markdown)\n",
                   opt.format.c_str());
      return 2;
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int RunExplain(const RulesOptions& opt) {
  const rules::Rule* rule = rules::FindRule(opt.rule);
  if (!rule) {
    std::string hint;
    for (std::string_view id : report::SimilarRuleIds(opt.rule)) {
      hint += fmt::format("{}{}", hint.empty() ? "; did you mean " : " or ", id);
    }
    std::fprintf(stderr, "gori explain: no rule '%s'%s (see gori rules)\n", opt.rule.c_str(),
                 hint.empty() ? "" : (hint + "?").c_str());
    return 2;
  }
  rules::Config config;
  if (!LoadConfig(opt, "explain", config)) return 2;
  std::string out = report::ExplainText(*rule, config);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void RegisterRules(CLI::App& app, CommandList& out) {
  auto opt = std::make_shared<RulesOptions>();
  CLI::App* list = app.add_subcommand("rules", "List every rule: id, family, severity, on/off");
  list->footer(R"(Examples:
  gori rules                          on/off and severities as gori check would use them here
  gori rules --format json            every field, for tools
  gori rules --format markdown        the rules reference (docs/rules.md), defaults only)");
  list->add_option("--format", opt->format, "text, json or markdown")->capture_default_str();
  list->add_option("--config", opt->config_file,
                   "Configuration file (default: the nearest .gori.yaml upward)")
      ->type_name("FILE");
  out.push_back({list, [opt] { return RunRules(*opt); }});

  auto eopt = std::make_shared<RulesOptions>();
  CLI::App* explain =
      app.add_subcommand("explain", "Explain a rule: why, how to fix, examples, mappings");
  explain->footer(R"(Examples:
  gori explain sec-privileged
  gori explain rel-pdb-blocks-eviction)");
  explain->add_option("rule", eopt->rule, "Rule id")->required();
  explain
      ->add_option("--config", eopt->config_file,
                   "Configuration file (default: the nearest .gori.yaml upward)")
      ->type_name("FILE");
  out.push_back({explain, [eopt] { return RunExplain(*eopt); }});
}

}  // namespace gori::app
