#include "commands.h"

namespace gori::app {

void RegisterAll(CLI::App& app, CommandList& out) {
  (void)app;
  (void)out;
}

}  // namespace gori::app
