// src/cel/functions.h
//
// The function table the compiler resolves calls against. Each library (standard functions,
// strings, lists, sets, regex, optionals, math, Kubernetes) contributes a static array of
// entries: name, call style, arity, implementation, and the Kubernetes minor version whose
// API server first accepts it in new expressions (0: always). Lookup is by (name, style,
// arity); -1 arity matches any count.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "cel/ast.h"

namespace gori::cel {

struct FunctionDef {
  std::string_view name;
  bool member;
  int arity;  // arguments including the receiver; -1: any
  Builtin fn;
  uint16_t since = 0;  // Kubernetes 1.x that accepts it in new expressions; 0: always
  std::string_view library = "std";
};

const FunctionDef* FindFunction(std::string_view name, bool member, uint32_t arity);
// Whether any overload of `name` exists (for "undeclared reference" versus "no matching
// overload" errors).
bool FunctionExists(std::string_view name);

std::span<const FunctionDef> StandardFunctions();
std::span<const FunctionDef> StringFunctions();
std::span<const FunctionDef> ListFunctions();
std::span<const FunctionDef> RegexFunctions();
std::span<const FunctionDef> OptionalFunctions();
std::span<const FunctionDef> MathFunctions();
std::span<const FunctionDef> TimeFunctions();
std::span<const FunctionDef> KubernetesFunctions();

}  // namespace gori::cel
