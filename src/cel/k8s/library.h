// src/cel/k8s/library.h
//
// The Kubernetes CEL libraries gori implements, one table each. They know strings, numbers
// and their own small value types only (IP, CIDR, quantity, URL, semver, format), never
// Kubernetes objects. The authorizer is a stub: see authorizer.cc.
#pragma once

#include <span>

#include "cel/eval.h"
#include "cel/functions.h"

namespace gori::cel {

std::span<const FunctionDef> NetFunctions();         // 1.31
std::span<const FunctionDef> QuantityFunctions();    // 1.29
std::span<const FunctionDef> UrlFunctions();         // always
std::span<const FunctionDef> SemverFunctions();      // 1.34
std::span<const FunctionDef> FormatFunctions();      // 1.32
std::span<const FunctionDef> AuthorizerFunctions();  // 1.28, stubbed

// Semver comparison for isLessThan / isGreaterThan / compareTo (op 2, 3, 4), which share
// their names with the quantity functions.
Value SemverCompare(EvalContext& ctx, const Expr& call, const Value* args, int op);

// The value of the `authorizer` variable, and how the stub decides every check. Results are
// never the cluster's RBAC: callers mark findings that read them as "authorizer stubbed".
enum class AuthorizerStub : uint8_t { kAllow, kDeny, kError };
Value AuthorizerValue(AuthorizerStub mode);
bool IsAuthorizerValue(const Value& v);

}  // namespace gori::cel
