// gori config init: write a commented .gori.yaml that states every default.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "commands.h"
#include "rules/config_file.h"

namespace gori::app {
namespace {

struct ConfigOptions {
  std::string file = rules::kConfigFileName;
  bool force = false;
};

int RunInit(const ConfigOptions& opt) {
  std::string text = rules::DefaultConfigText();
  if (opt.file == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::error_code ec;
  if (!opt.force && std::filesystem::exists(opt.file, ec)) {
    std::fprintf(stderr, "gori config init: %s exists (use --force to overwrite)\n",
                 opt.file.c_str());
    return 2;
  }
  std::FILE* f = std::fopen(opt.file.c_str(), "wb");
  bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f) ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::fprintf(stderr, "gori config init: cannot write %s: %s\n", opt.file.c_str(),
                 std::strerror(errno));
    return 2;
  }
  std::fprintf(stderr, "wrote %s\n", opt.file.c_str());
  return 0;
}

}  // namespace

void RegisterConfig(CLI::App& app, CommandList& out) {
  CLI::App* config = app.add_subcommand("config", "Work with the gori configuration file");
  config->require_subcommand(1);
  auto opt = std::make_shared<ConfigOptions>();
  CLI::App* init = config->add_subcommand("init", "Write a commented default .gori.yaml");
  init->footer(R"(Examples:
  gori config init                 writes ./.gori.yaml (refuses to overwrite)
  gori config init - | less        prints it instead
  gori config init --force ci/gori.yaml)");
  init->add_option("file", opt->file, "Where to write it, or - for stdout")->capture_default_str();
  init->add_flag("--force", opt->force, "Overwrite an existing file");
  out.push_back({init, [opt] { return RunInit(*opt); }});
}

}  // namespace gori::app
