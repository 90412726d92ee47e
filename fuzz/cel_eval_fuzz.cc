// Fuzzes CEL evaluation over documents: the input is an expression, a line "---", then a YAML
// document bound to `object`. Whatever compiles must evaluate to a value or an error within
// the cost limit, reading the document in place; never crash or hang.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/check.h"
#include "cel/cel.h"
#include "yaml/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t split = input.find("\n---\n");
  std::string_view expr = input.substr(0, split);
  std::string_view yaml =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 5);
  gori::doc::LoadedFile file;
  file.source = gori::Source::FromString("fuzz.yaml", std::string(yaml));
  gori::doc::BuildLimits limits{.max_depth = 64, .max_alias_nodes = 10'000};
  (void)gori::yaml::Load(file, limits);
  gori::cel::Env env;
  env.variables = {"object"};
  auto program = gori::cel::Compile(expr, env);
  if (!program) return 0;
  gori::cel::Evaluator ev;
  gori::cel::Value object;
  if (!file.documents.empty()) object = gori::cel::Value::FromNode(file.documents[0].root);
  for (int i = 0; i < 2; ++i) {  // compile once, evaluate many: the second run must agree
    gori::cel::Value v = ev.Eval(*program, {&object, 1}, 100'000);
    (void)gori::cel::DebugString(v);
  }
  return 0;
}
