#include "commands.h"

namespace gori::app {

void RegisterCheck(CLI::App& app, CommandList& out);
void RegisterProfiles(CLI::App& app, CommandList& out);
void RegisterWebhook(CLI::App& app, CommandList& out);
void RegisterLoad(CLI::App& app, CommandList& out);
void RegisterRules(CLI::App& app, CommandList& out);
void RegisterConfig(CLI::App& app, CommandList& out);

void RegisterAll(CLI::App& app, CommandList& out) {
  RegisterCheck(app, out);
  RegisterProfiles(app, out);
  RegisterWebhook(app, out);
  RegisterLoad(app, out);
  RegisterRules(app, out);
  RegisterConfig(app, out);
}

}  // namespace gori::app
