#include "commands.h"

#include "base/file_writer.h"

namespace gori::app {

void RegisterCheck(CLI::App& app, CommandList& out);
void RegisterProfiles(CLI::App& app, CommandList& out);
void RegisterWebhook(CLI::App& app, CommandList& out);
void RegisterLoad(CLI::App& app, CommandList& out);
void RegisterRules(CLI::App& app, CommandList& out);
void RegisterConfig(CLI::App& app, CommandList& out);
void RegisterCanary(CLI::App& app, CommandList& out);
void RegisterPolicy(CLI::App& app, CommandList& out);

bool WriteTextFile(const std::string& path, const std::string& text) {
  return static_cast<bool>(WriteFile(path, text));
}

void RegisterAll(CLI::App& app, CommandList& out) {
  RegisterCheck(app, out);
  RegisterProfiles(app, out);
  RegisterWebhook(app, out);
  RegisterLoad(app, out);
  RegisterRules(app, out);
  RegisterConfig(app, out);
  RegisterCanary(app, out);
  RegisterPolicy(app, out);
}

}  // namespace gori::app
