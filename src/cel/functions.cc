// src/cel/functions.cc
#include "cel/functions.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace gori::cel {
namespace {

struct Table {
  std::unordered_map<std::string_view, std::vector<const FunctionDef*>> by_name;
  Table() {
    for (auto lib :
         {StandardFunctions(), StringFunctions(), ListFunctions(), RegexFunctions(),
          OptionalFunctions(), MathFunctions(), TimeFunctions(), KubernetesFunctions()}) {
      for (const FunctionDef& f : lib) by_name[f.name].push_back(&f);
    }
  }
};

const Table& Functions() {
  static const Table table;
  return table;
}

}  // namespace

const FunctionDef* FindFunction(std::string_view name, bool member, uint32_t arity) {
  const auto& t = Functions().by_name;
  auto it = t.find(name);
  if (it == t.end()) return nullptr;
  for (const FunctionDef* f : it->second) {
    if (f->member == member && (f->arity < 0 || static_cast<uint32_t>(f->arity) == arity)) return f;
  }
  return nullptr;
}

bool FunctionExists(std::string_view name) { return Functions().by_name.count(name) != 0; }

}  // namespace gori::cel
