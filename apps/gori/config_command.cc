// gori config init: write a commented .gori.yaml that states every default.
#include <cstdio>
#include <filesystem>
#include <string>

#include "base/file_writer.h"
#include "commands.h"
#include "guard/config_file.h"

namespace gori::app {
namespace {

struct ConfigOptions {
  std::string file = guard::kConfigFileName;
  bool force = false;
};

int RunInit(const ConfigOptions& opt) {
  std::string text = guard::DefaultConfigText();
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
  if (Status st = WriteFile(opt.file, text); !st) {
    std::fprintf(stderr, "gori config init: %s\n", st.error().message.c_str());
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
