#include "commands.h"

namespace gori::app {

void RegisterLoad(CLI::App& app, CommandList& out);

void RegisterAll(CLI::App& app, CommandList& out) { RegisterLoad(app, out); }

}  // namespace gori::app
