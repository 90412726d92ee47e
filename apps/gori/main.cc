// gori: one program between a merge request and peak traffic. Subcommands live one per file
// beside this one; each registers itself through commands.h.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands.h"
#include "compliance/mappings.h"
#include "did_you_mean.h"
#include "rules/mapping_provider.h"

int main(int argc, char** argv) {
  // Framework mappings of every rule come from the compliance catalogue (all versions).
  gori::rules::SetMappingProvider(&gori::compliance::MappingKeysFor);
  CLI::App app{"gori - Kubernetes manifest guard and traffic rehearsal"};
  app.set_version_flag("--version", std::string("gori ") + GORI_VERSION);
  app.require_subcommand(1);
  app.failure_message(CLI::FailureMessage::help);
  gori::app::CommandList commands;
  gori::app::RegisterAll(app, commands);
  // An unknown first word is a mistyped subcommand far more often than an argument: say so,
  // with the closest name, rather than CLI11's "arguments were not expected".
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      names.push_back(sub->get_name());
    }
    const std::string word = argv[1];
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      std::string list;
      for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
      const std::string near = gori::app::DidYouMean(word, names);
      std::fprintf(
          stderr, "gori: unknown command '%s'%s (commands: %s; see gori --help)\n", word.c_str(),
          near.empty() ? "" : fmt::format("; did you mean '{}'?", near).c_str(), list.c_str());
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (auto& c : commands) {
    if (c.sub->parsed()) return c.run();
  }
  return 2;
}
