#include "commands.h"

namespace gori::app {

void RegisterCheck(CLI::App& app, CommandList& out);

void RegisterAll(CLI::App& app, CommandList& out) { RegisterCheck(app, out); }

}  // namespace gori::app
