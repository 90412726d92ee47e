#include "cel/static_type.h"

#include <string_view>

namespace gori::cel {
namespace {

bool In(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

bool Numeric(const std::string& t) { return t == "int" || t == "uint" || t == "double"; }

// The common type of `n` expressions (list elements, map keys or values): "dyn" when they
// differ or one is unknown.
std::string Common(Expr* const* args, uint32_t n, uint32_t first, uint32_t step) {
  std::string out;
  for (uint32_t i = first; i < n; i += step) {
    std::string t = StaticType(*args[i]);
    if (t.empty() || (!out.empty() && t != out)) return "dyn";
    out = std::move(t);
  }
  return out.empty() ? "dyn" : out;
}

std::string CallType(const Expr& e) {
  std::string_view f = e.name;
  if (In(f, {"_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "@in"})) return "bool";
  if (!e.member && e.nargs == 2 && In(f, {"_+_", "_-_", "_*_", "_/_", "_%_"})) {
    std::string l = StaticType(*e.args[0]);
    std::string r = StaticType(*e.args[1]);
    if (l.empty() || l != r) return "";
    if (Numeric(l)) return l;
    if (f == "_+_" && (l == "string" || l == "bytes" || l.starts_with("list("))) return l;
    return "";
  }
  if (e.member) {
    if (In(f, {"startsWith", "endsWith", "contains", "matches", "isSorted"})) return "bool";
    // Library functions with one overload: a dyn receiver resolves to it.
    if (In(f, {"lowerAscii", "upperAscii", "replace", "trim", "substring", "charAt", "join",
               "format"}))
      return "string";
    if (f == "split") return "list(string)";
    if (In(f, {"size", "indexOf", "lastIndexOf"})) return "int";
    return "";
  }
  if (In(f, {"int", "uint", "double", "string", "bytes", "bool"}) && e.nargs == 1) {
    return std::string(f);
  }
  if (f == "size" && e.nargs == 1) return "int";
  if (f == "duration" && e.nargs == 1) return "google.protobuf.Duration";
  if (f == "timestamp" && e.nargs == 1) return "google.protobuf.Timestamp";
  return "";
}

}  // namespace

std::string StaticType(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kConst:
      return std::string(TypeName(e.constant));
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kNot:
    case ExprKind::kHas:
    case ExprKind::kAll:
    case ExprKind::kExists:
    case ExprKind::kExistsOne:
      return "bool";
    case ExprKind::kNeg: {
      std::string t = StaticType(*e.args[0]);
      return t == "int" || t == "double" ? t : "";
    }
    case ExprKind::kCond: {
      std::string a = StaticType(*e.args[1]);
      return a == StaticType(*e.args[2]) ? a : "";
    }
    case ExprKind::kList:
      return "list(" + Common(e.args, e.nargs, 0, 1) + ")";
    case ExprKind::kMap:
      return "map(" + Common(e.args, e.nargs, 0, 2) + ", " + Common(e.args, e.nargs, 1, 2) + ")";
    case ExprKind::kMapMacro:
    case ExprKind::kFilter:
    case ExprKind::kTransformList:
      return "list(dyn)";
    case ExprKind::kCall:
      return CallType(e);
    default:
      return "";
  }
}

}  // namespace gori::cel
