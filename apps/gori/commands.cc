#include "commands.h"

namespace gori::app {

void RegisterCheck(CLI::App& app, CommandList& out);
void RegisterProfiles(CLI::App& app, CommandList& out);

void RegisterAll(CLI::App& app, CommandList& out) {
  RegisterCheck(app, out);
  RegisterProfiles(app, out);
}

}  // namespace gori::app
