// Fuzzes CEL compilation and evaluation of arbitrary expression text: any bytes must compile or
// fail with an error positioned inside the text, and whatever compiles must evaluate to a value
// or an error within the cost limit; never crash, hang or recurse without bound.
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "cel/cel.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gori::cel::Env env;
  env.variables = {"object", "oldObject", "params"};
  auto program = gori::cel::Compile(text, env);
  if (!program) {
    GORI_CHECK(program.error().offset <= size);
    GORI_CHECK(program.error().line >= 1 && program.error().column >= 1);
    (void)gori::cel::FormatCompileError(program.error(), text);
    return 0;
  }
  gori::cel::Evaluator ev;
  gori::cel::Value vars[3];
  gori::cel::Value v = ev.Eval(*program, vars, 100'000);
  (void)gori::cel::DebugString(v);
  return 0;
}
