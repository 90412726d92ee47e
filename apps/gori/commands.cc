#include "commands.h"

namespace gori::app {

void RegisterWebhook(CLI::App& app, CommandList& out);

void RegisterAll(CLI::App& app, CommandList& out) { RegisterWebhook(app, out); }

}  // namespace gori::app
