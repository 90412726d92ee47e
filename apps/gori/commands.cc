#include "commands.h"

namespace gori::app {

void RegisterCheck(CLI::App& app, CommandList& out);
void RegisterWebhook(CLI::App& app, CommandList& out);
void RegisterLoad(CLI::App& app, CommandList& out);

void RegisterAll(CLI::App& app, CommandList& out) {
  RegisterCheck(app, out);
  RegisterWebhook(app, out);
  RegisterLoad(app, out);
}

}  // namespace gori::app
