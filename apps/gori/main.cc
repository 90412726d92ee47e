// gori: one program between a merge request and peak traffic. Subcommands live one per file
// beside this one; each registers itself through commands.h.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands.h"
#include "compliance/mappings.h"
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
