// Subcommand registry of the gori binary: each subcommand file defines a Register* function that
// adds its CLI11 subcommand and the function that runs it (returning the exit code).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace gori::app {

struct Command {
  CLI::App* sub;
  std::function<int()> run;
};
using CommandList = std::vector<Command>;

void RegisterAll(CLI::App& app, CommandList& out);
// Writes `text` to `path` (created or truncated); false when it could not.
bool WriteTextFile(const std::string& path, const std::string& text);

// `gori load report`, a subcommand of `gori load` (registered by it).
void RegisterLoadReport(CLI::App& load, CommandList& out);

}  // namespace gori::app
