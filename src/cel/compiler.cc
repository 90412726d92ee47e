// src/cel/compiler.cc
//
// Resolution of a parsed expression: names to slots (loop variables shadow declared variables,
// qualified names prefer the longest declared prefix), calls to functions of the environment's
// Kubernetes version, namespaced calls (`optional.of`, `strings.quote`) to global functions,
// and compile-time checks of constant arguments (duration and timestamp literals, regexes).
#include <algorithm>
#include <cstring>
#include <span>
#include <utility>

#include "cel/cel.h"
#include "cel/eval.h"
#include "cel/functions.h"
#include "cel/static_type.h"

namespace gori::cel {
namespace {

struct TypeConst {
  std::string_view ident;
  std::string_view name;
};
constexpr TypeConst kTypeNames[] = {
    {"int", "int"},
    {"uint", "uint"},
    {"double", "double"},
    {"bool", "bool"},
    {"string", "string"},
    {"bytes", "bytes"},
    {"list", "list"},
    {"map", "map"},
    {"null_type", "null_type"},
    {"type", "type"},
    {"google.protobuf.Timestamp", "google.protobuf.Timestamp"},
    {"google.protobuf.Duration", "google.protobuf.Duration"},
    {"optional_type", "optional_type"},
    {"net.IP", "net.IP"},
    {"net.CIDR", "net.CIDR"},
    {"kubernetes.Quantity", "kubernetes.Quantity"},
    {"kubernetes.URL", "kubernetes.URL"},
    {"kubernetes.Semver", "kubernetes.Semver"},
};

Value Unbound(EvalContext& ctx, const Expr& call, const Value*, uint32_t) {
  return ctx.Error(call, "no matching overload for '" + std::string(call.name) + "'");
}

class Resolver {
 public:
  Resolver(const Env& env, Arena& arena) : env_(env), arena_(arena) {
    slots_ = static_cast<uint32_t>(env.variables.size());
  }

  bool Resolve(Expr* e) {
    if (failed_) return false;
    switch (e->kind) {
      case ExprKind::kConst:
        return true;
      case ExprKind::kIdent:
        return ResolveIdent(e);
      case ExprKind::kSelect: {
        if (TryQualified(e)) return true;
        if (!Resolve(e->args[0])) return false;
        uint32_t depth = 1;
        const Expr* base = e->args[0];
        for (; base->kind == ExprKind::kSelect; base = base->args[0]) ++depth;
        if (base->kind == ExprKind::kSlot) {
          auto* steps = static_cast<const Expr**>(
              arena_.Allocate(sizeof(const Expr*) * depth, alignof(const Expr*)));
          uint32_t i = depth;
          for (const Expr* s = e; s->kind == ExprKind::kSelect; s = s->args[0]) steps[--i] = s;
          e->path = steps;
          e->path_len = depth;
          e->slot = base->slot;
        }
        return true;
      }
      case ExprKind::kHas:
        if (e->args[0]->kind == ExprKind::kIdent || e->args[0]->kind == ExprKind::kSelect) {
          if (DeclaredField(*e)) {
            // has(variables.x): the API server's `variables` is an object with a field per
            // variable, so a declared one is always present.
            e->kind = ExprKind::kConst;
            e->constant = Value::Bool(true);
            e->nargs = 0;
            return true;
          }
          if (TryQualified(e->args[0])) return true;
        }
        return Resolve(e->args[0]);
      case ExprKind::kOptSelect:
      case ExprKind::kOptIndex:
        if (env_.kubernetes_minor < 29)
          return Fail(e->offset, "optional syntax needs Kubernetes 1.29 or later");
        return ResolveArgs(e);
      case ExprKind::kCall:
        return ResolveCall(e);
      case ExprKind::kList:
      case ExprKind::kMap:
        if (env_.homogeneous_literals && !Homogeneous(e)) return false;
        if (e->opt && env_.kubernetes_minor < 29)
          return Fail(e->offset, "optional syntax needs Kubernetes 1.29 or later");
        return ResolveArgs(e);
      case ExprKind::kStruct:
        return true;  // fails at evaluation (no message types)
      case ExprKind::kBind: {
        if (!Resolve(e->args[0])) return false;
        e->slot = Push(e->name);
        bool ok = Resolve(e->args[1]);
        scope_.pop_back();
        return ok;
      }
      case ExprKind::kOptMap:
      case ExprKind::kOptFlatMap: {
        if (!Resolve(e->args[0])) return false;
        e->slot = Push(e->name);
        bool ok = Resolve(e->args[1]);
        scope_.pop_back();
        return ok;
      }
      case ExprKind::kAll:
      case ExprKind::kExists:
      case ExprKind::kExistsOne:
      case ExprKind::kMapMacro:
      case ExprKind::kFilter:
      case ExprKind::kTransformList:
      case ExprKind::kTransformMap:
      case ExprKind::kTransformMapEntry: {
        if (e->two_var && env_.kubernetes_minor < 33) {
          return Fail(e->offset, "two-variable comprehensions need Kubernetes 1.33 or later");
        }
        if (!Resolve(e->args[0])) return false;
        e->slot = Push(e->name);
        if (e->two_var) e->slot2 = Push(e->name2);
        for (uint32_t i = 1; i < e->nargs; ++i) {
          if (!Resolve(e->args[i])) return false;
        }
        scope_.pop_back();
        if (e->two_var) scope_.pop_back();
        return true;
      }
      default:
        return ResolveArgs(e);
    }
  }

  uint32_t slots() const { return slots_; }
  bool failed() const { return failed_; }
  const CompileError& error() const { return error_; }

  bool Fail(uint32_t offset, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_.offset = offset;
      error_.message = std::move(message);
    }
    return false;
  }

 private:
  uint32_t Push(std::string_view name) {
    scope_.push_back({name, slots_});
    return slots_++;
  }

  // Constant elements (every `stride`-th argument from `first`) share one type.
  bool SameConstantTypes(const Expr* e, uint32_t first, uint32_t stride) {
    std::string_view seen;
    for (uint32_t i = first; i < e->nargs; i += stride) {
      const Expr* a = e->args[i];
      if (a->kind != ExprKind::kConst || a->constant.kind == Kind::kNull) continue;
      std::string_view t = TypeName(a->constant);
      if (seen.empty()) {
        seen = t;
      } else if (t != seen) {
        return Fail(a->offset,
                    "expected type '" + std::string(seen) + "' but found '" + std::string(t) + "'");
      }
    }
    return true;
  }
  bool Homogeneous(const Expr* e) {
    if (e->kind == ExprKind::kList) return SameConstantTypes(e, 0, 1);
    return SameConstantTypes(e, 0, 2) && SameConstantTypes(e, 1, 2);
  }

  bool ResolveArgs(Expr* e) {
    for (uint32_t i = 0; i < e->nargs; ++i) {
      if (!Resolve(e->args[i])) return false;
    }
    return true;
  }

  const uint32_t* Local(std::string_view name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    return nullptr;
  }

  int DeclaredExact(std::string_view name) const {
    for (std::size_t i = 0; i < env_.variables.size(); ++i) {
      if (env_.variables[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
  // A declared variable for `name` seen from the container: "a.b.name", "a.name", "name".
  int Declared(std::string_view name) const {
    std::string_view container = env_.container;
    while (!container.empty()) {
      int d = DeclaredExact(std::string(container) + "." + std::string(name));
      if (d >= 0) return d;
      std::size_t dot = container.rfind('.');
      container = dot == std::string_view::npos ? std::string_view() : container.substr(0, dot);
    }
    return DeclaredExact(name);
  }

  bool ResolveIdent(Expr* e) {
    if (!e->has_filter) {  // not `.name` (root scope)
      if (const uint32_t* s = Local(e->name)) {
        e->kind = ExprKind::kSlot;
        e->slot = *s;
        return true;
      }
    }
    int d = Declared(e->name);
    if (d >= 0) {
      e->kind = ExprKind::kSlot;
      e->slot = static_cast<uint32_t>(d);
      return true;
    }
    for (const TypeConst& t : kTypeNames) {
      if (t.ident == e->name) {
        e->kind = ExprKind::kConst;
        e->constant = Value::Type(t.name);
        return true;
      }
    }
    if (!env_.check_references) return true;  // fails when evaluated
    return Fail(e->offset,
                "undeclared reference to '" + std::string(e->name) + "' (in container '')");
  }

  // The dotted name a chain of plain selections spells ("a.b.c"), or false.
  static bool QualifiedName(const Expr* e, std::string* out) {
    if (e->kind == ExprKind::kIdent) {
      *out = std::string(e->name);
      return true;
    }
    if (e->kind != ExprKind::kSelect || e->two_var) return false;
    if (!QualifiedName(e->args[0], out)) return false;
    *out += '.';
    *out += e->name;
    return true;
  }
  static const Expr* Root(const Expr* e) {
    while (e->kind == ExprKind::kSelect) e = e->args[0];
    return e;
  }

  // has(a.b.f) where `a.b.f` is a declared variable and `a.b` is not.
  bool DeclaredField(const Expr& has) const {
    const Expr* root = Root(has.args[0]);
    if (root->kind != ExprKind::kIdent || (!root->has_filter && Local(root->name))) return false;
    std::string operand;
    if (!QualifiedName(has.args[0], &operand) || Declared(operand) >= 0) return false;
    return Declared(operand + "." + std::string(has.name)) >= 0;
  }

  // Resolves the longest declared prefix of a selection chain rooted at a non-local name.
  bool TryQualified(Expr* e) {
    const Expr* root = Root(e);
    if (root->kind != ExprKind::kIdent) return false;
    if (!root->has_filter && Local(root->name)) return false;
    for (Expr* cur = e; cur->kind == ExprKind::kSelect; cur = cur->args[0]) {
      std::string name;
      if (!QualifiedName(cur, &name)) continue;
      int d = Declared(name);
      if (d >= 0) {
        cur->kind = ExprKind::kSlot;
        cur->slot = static_cast<uint32_t>(d);
        cur->nargs = 0;
        return true;
      }
      for (const TypeConst& t : kTypeNames) {
        if (t.ident == name) {
          cur->kind = ExprKind::kConst;
          cur->constant = Value::Type(t.name);
          cur->nargs = 0;
          return true;
        }
      }
    }
    return false;
  }

  bool ResolveCall(Expr* e) {
    // `ns.fn(args)` where `ns` is no variable: the global function "ns.fn".
    if (e->member) {
      Expr* target = e->args[0];
      std::string qualified;
      const Expr* root = Root(target);
      if (QualifiedName(target, &qualified) && !Local(root->name) && Declared(qualified) < 0 &&
          Declared(root->name) < 0) {
        std::string full = qualified + "." + std::string(e->name);
        if (FunctionExists(full)) {
          e->name = arena_.CopyString(full);
          e->member = false;
          e->args = e->args + 1;
          e->nargs -= 1;
        }
      }
    }
    if (!ResolveArgs(e)) return false;
    const FunctionDef* f = FindFunction(e->name, e->member, e->nargs);
    if (f == nullptr && !env_.check_references) {
      e->fn = Unbound;
      return true;
    }
    if (f != nullptr && f->library == "math" && !env_.math_extension) {
      return Fail(e->offset,
                  "undeclared reference to '" + std::string(e->name) + "' (in container '')");
    }
    if (f == nullptr || f->since > env_.kubernetes_minor) {
      if (f == nullptr && FunctionExists(e->name) && !(f && f->since > env_.kubernetes_minor)) {
        return Fail(e->offset, "found no matching overload for '" + std::string(e->name) + "'");
      }
      return Fail(e->offset,
                  "undeclared reference to '" + std::string(e->name) + "' (in container '')");
    }
    if (env_.check_references && !OverloadsTypeCheck(*e)) return false;
    e->fn = f->fn;
    e->min_version = f->since;
    e->opt_path =
        e->member && e->args[0]->kind == ExprKind::kOptSelect &&
        ((e->name == "orValue" && e->nargs == 2 && e->args[1]->kind == ExprKind::kConst) ||
         (e->name == "hasValue" && e->nargs == 1));
    e->path_cmp = PathComparison(*e);
    e->path_cmp_leaf = e->path_cmp != PathCmp::kNone && e->args[0]->kind == ExprKind::kSelect &&
                       e->args[1]->constant.kind == Kind::kInt;
    return CheckConstants(e);
  }

  // Library functions with a single signature (Kubernetes' quantity, IP, CIDR, URL and semver
  // constructors, the string functions): an argument (or receiver) whose type is known without a
  // schema and is not the declared one has no overload, and the API server rejects the policy.
  bool LibraryArgumentsTypeCheck(const Expr& e) {
    struct Signature {
      std::string_view name;
      bool member;
      uint32_t nargs;
      std::string_view types[4];  // the receiver first for a member function
    };
    static constexpr Signature kSignatures[] = {
        {"quantity", false, 1, {"string"}},
        {"isQuantity", false, 1, {"string"}},
        {"ip", false, 1, {"string"}},
        {"isIP", false, 1, {"string"}},
        {"cidr", false, 1, {"string"}},
        {"isCIDR", false, 1, {"string"}},
        {"url", false, 1, {"string"}},
        {"isURL", false, 1, {"string"}},
        {"semver", false, 1, {"string"}},
        {"semver", false, 2, {"string", "bool"}},
        {"isSemver", false, 1, {"string"}},
        {"isSemver", false, 2, {"string", "bool"}},
        {"startsWith", true, 2, {"string", "string"}},
        {"endsWith", true, 2, {"string", "string"}},
        {"contains", true, 2, {"string", "string"}},
        {"matches", true, 2, {"string", "string"}},
        {"find", true, 2, {"string", "string"}},
        {"findAll", true, 2, {"string", "string"}},
        {"findAll", true, 3, {"string", "string", "int"}},
        {"charAt", true, 2, {"string", "int"}},
        {"lowerAscii", true, 1, {"string"}},
        {"upperAscii", true, 1, {"string"}},
        {"trim", true, 1, {"string"}},
        {"replace", true, 3, {"string", "string", "string"}},
        {"replace", true, 4, {"string", "string", "string", "int"}},
        {"split", true, 2, {"string", "string"}},
        {"split", true, 3, {"string", "string", "int"}},
        {"substring", true, 2, {"string", "int"}},
        {"substring", true, 3, {"string", "int", "int"}},
    };
    // indexOf and lastIndexOf: string.(string[, int]) or, from the lists library, on a list.
    Signature index_of{e.name, true, e.nargs, {"string", "string", "int"}};
    bool is_index_of = e.member && (e.name == "indexOf" || e.name == "lastIndexOf") &&
                       (e.nargs == 2 || e.nargs == 3);
    if (is_index_of && StaticType(*e.args[0]).starts_with("list(")) return true;
    for (const Signature& sig : is_index_of ? std::span<const Signature>(&index_of, 1)
                                            : std::span<const Signature>(kSignatures)) {
      if (sig.name != e.name || sig.member != e.member || sig.nargs != e.nargs) continue;
      std::string types[4];
      bool mismatch = false;
      for (uint32_t i = 0; i < e.nargs; ++i) {
        types[i] = StaticType(*e.args[i]);
        if (types[i].empty()) types[i] = "dyn";
        mismatch = mismatch || (types[i] != "dyn" && types[i] != sig.types[i]);
      }
      if (!mismatch) return true;
      std::string applied = e.member ? types[0] + ".(" : "(";
      for (uint32_t i = e.member ? 1 : 0; i < e.nargs; ++i) {
        if (i > (e.member ? 1u : 0u)) applied += ", ";
        applied += types[i];
      }
      return NoOverload(e, applied + ")");
    }
    return true;
  }

  // The checker's error for a call with no overload for the argument types `applied`.
  bool NoOverload(const Expr& e, std::string_view applied) {
    return Fail(e.offset, "found no matching overload for '" + std::string(e.name) +
                              "' applied to '" + std::string(applied) + "'");
  }

  // What the API server's type checker rejects of a call whose argument types are known without
  // a schema: strings' reverse() (Kubernetes' strings v2 has none), the library functions with
  // one signature, and the operators.
  bool OverloadsTypeCheck(const Expr& e) {
    if (e.member && e.nargs == 1 && e.name == "reverse" && env_.strings_version < 3 &&
        StaticType(*e.args[0]) == "string") {
      return NoOverload(e, "string.()");
    }
    return LibraryArgumentsTypeCheck(e) && OperatorTypeCheck(e);
  }

  // Operators whose operands' types are known without a schema (StaticType) and have no
  // overload for them, which the API server's type checker rejects when the policy is created:
  // `size(x) > '1'`, `1 == 1u`, `'a' + 1`. Comparisons across int, uint and double are declared
  // (Kubernetes enables cross-type numeric comparisons); equality and arithmetic are not.
  bool OperatorTypeCheck(const Expr& e) {
    if (e.member || e.nargs != 2) return true;
    static constexpr std::string_view kOps[] = {"_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_",
                                                "_+_",  "_-_",  "_*_", "_/_",  "_%_"};
    bool op = false;
    for (std::string_view o : kOps) op = op || e.name == o;
    if (!op) return true;
    std::string l = StaticType(*e.args[0]);
    std::string r = StaticType(*e.args[1]);
    auto simple = [](const std::string& t) {
      return t == "int" || t == "uint" || t == "double" || t == "string" || t == "bytes" ||
             t == "bool" || t == "google.protobuf.Duration" || t == "google.protobuf.Timestamp";
    };
    if (!simple(l) || !simple(r)) return true;  // dyn, null, containers: decided at evaluation
    auto numeric = [](const std::string& t) { return t == "int" || t == "uint" || t == "double"; };
    bool ok;
    std::string_view f = e.name;
    if (f == "_==_" || f == "_!=_") {
      ok = l == r;
    } else if (f == "_<_" || f == "_<=_" || f == "_>_" || f == "_>=_") {
      ok = l == r || (numeric(l) && numeric(r));
    } else if (f == "_+_") {
      ok = (l == r && l != "bool" && l != "google.protobuf.Timestamp") ||
           (l == "google.protobuf.Timestamp" && r == "google.protobuf.Duration") ||
           (l == "google.protobuf.Duration" && r == "google.protobuf.Timestamp");
    } else if (f == "_-_") {
      ok = (l == r &&
            (numeric(l) || l == "google.protobuf.Duration" || l == "google.protobuf.Timestamp")) ||
           (l == "google.protobuf.Timestamp" && r == "google.protobuf.Duration");
    } else if (f == "_%_") {
      ok = l == r && (l == "int" || l == "uint");
    } else {
      ok = l == r && numeric(l);
    }
    if (ok) return true;
    return NoOverload(e, "(" + l + ", " + r + ")");
  }

  // A selection path, or an optional chain `b.?x.?y.orValue(<constant>)` whose base `b` is a
  // variable or a selection path: what a path_cmp call may compare.
  static bool InPlaceOperand(const Expr& e) {
    if (e.kind == ExprKind::kSelect) return e.path_len > 0;
    if (e.kind != ExprKind::kCall || !e.opt_path || e.nargs != 2) return false;
    const Expr* base = e.args[0];
    while (base->kind == ExprKind::kOptSelect) base = base->args[0];
    return base->kind == ExprKind::kSlot || (base->kind == ExprKind::kSelect && base->path_len > 0);
  }

  static PathCmp PathComparison(const Expr& e) {
    if (e.member || e.nargs != 2 || !InPlaceOperand(*e.args[0]) ||
        e.args[1]->kind != ExprKind::kConst) {
      return PathCmp::kNone;
    }
    Kind k = e.args[1]->constant.kind;
    if (k != Kind::kInt && k != Kind::kString && k != Kind::kBool) return PathCmp::kNone;
    static constexpr std::pair<std::string_view, PathCmp> kOps[] = {
        {"_<_", PathCmp::kLt},  {"_<=_", PathCmp::kLe}, {"_>_", PathCmp::kGt},
        {"_>=_", PathCmp::kGe}, {"_==_", PathCmp::kEq}, {"_!=_", PathCmp::kNe}};
    for (const auto& [name, op] : kOps) {
      if (e.name == name) return op;
    }
    return PathCmp::kNone;
  }

  // Kubernetes' literal validators: constant duration/timestamp arguments and regex patterns
  // must be valid at compile time.
  bool CheckConstants(Expr* e) {
    bool all_const = e->nargs > 0;
    for (uint32_t i = 0; i < e->nargs; ++i) all_const &= e->args[i]->kind == ExprKind::kConst;
    bool literal_check = (e->name == "duration" || e->name == "timestamp") && !e->member &&
                         all_const && e->nargs == 1 && e->args[0]->constant.kind == Kind::kString;
    bool regex_check = (e->name == "matches" || e->name == "find" || e->name == "findAll") &&
                       e->nargs >= 2 && e->args[1]->kind == ExprKind::kConst &&
                       e->args[1]->constant.kind == Kind::kString;
    if (!literal_check && !regex_check) return true;
    Value slots[1];
    EvalContext ctx(arena_, slots, kPerCallCostLimit);
    if (literal_check) {
      Value v = Evaluate(*e, ctx);
      if (v.IsError()) return Fail(e->args[0]->offset, std::string(v.err->message));
      e->kind = ExprKind::kConst;
      e->constant = v;
      return true;
    }
    Value args[2] = {Value::String(""), e->args[1]->constant};
    Value v = e->fn(ctx, *e, args, 2);
    if (v.IsError() && v.err->message.find("regex") != std::string_view::npos) {
      return Fail(e->args[1]->offset, std::string(v.err->message));
    }
    return true;
  }

  const Env& env_;
  Arena& arena_;
  std::vector<std::pair<std::string_view, uint32_t>> scope_;
  uint32_t slots_ = 0;
  bool failed_ = false;
  CompileError error_;
};

void Locate(std::string_view text, CompileError* e) {
  uint32_t line = 1, col = 1;
  for (std::size_t i = 0; i < e->offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xc0) != 0x80) {
      ++col;
    }
  }
  e->line = line;
  e->column = col;
}

}  // namespace

Program::~Program() = default;

namespace {
void MarkRead(const Expr& e, std::vector<bool>& read) {
  if (e.kind == ExprKind::kSlot && e.slot < read.size()) read[e.slot] = true;
  for (uint32_t i = 0; i < e.nargs; ++i) MarkRead(*e.args[i], read);
}
}  // namespace

std::vector<bool> VariablesRead(const Program& program) {
  std::vector<bool> read(program.variable_count(), false);
  MarkRead(program.root(), read);
  return read;
}

tl::expected<Program, CompileError> Compile(std::string_view text, const Env& env) {
  Program p;
  p.arena_ = std::make_unique<Arena>(4096);
  std::string_view src = p.arena_->CopyString(text);
  if (src.data() == nullptr) src = std::string_view("", 0);
  p.source_ = src;
  auto parsed = Parse(src, *p.arena_, env.parse);
  if (!parsed) {
    CompileError e;
    e.offset = parsed.error().offset;
    e.message = parsed.error().message;
    Locate(src, &e);
    return tl::unexpected(std::move(e));
  }
  Resolver r(env, *p.arena_);
  r.Resolve(*parsed);
  if (r.failed()) {
    CompileError e = r.error();
    Locate(src, &e);
    return tl::unexpected(std::move(e));
  }
  p.root_ = *parsed;
  p.evaluate_root_ = RootEvaluatorFor(*p.root_);
  p.slots_ = r.slots();
  p.vars_ = static_cast<uint32_t>(env.variables.size());
  return p;
}

std::string FormatCompileError(const CompileError& e, std::string_view source,
                               std::string_view name) {
  std::string out = "ERROR: " + std::string(name) + ":" + std::to_string(e.line) + ":" +
                    std::to_string(e.column) + ": " + e.message;
  // The offending line and a caret under the column.
  std::size_t start = 0;
  for (uint32_t l = 1; l < e.line; ++l) {
    std::size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  std::size_t end = source.find('\n', start);
  std::string_view line =
      source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  out += "\n | ";
  out += line;
  out += "\n | ";
  out += std::string(e.column > 0 ? e.column - 1 : 0, '.');
  out += '^';
  return out;
}

namespace {

// Variables the caller did not pass read as errors; out of line so Eval's frame stays small.
[[gnu::noinline]] void MarkUnbound(EvalContext& ctx, Value* slots, std::size_t from,
                                   std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    slots[i] = ctx.Error(0, "no such attribute: variable " + std::to_string(i) + " is not bound");
  }
}

}  // namespace

inline Value Evaluator::Finish(const Program& program, EvalContext& ctx) {
  Value v = program.evaluate_root_(program.root(), ctx);
  last_cost_ = ctx.cost();
  if (ctx.OverBudget() && !(v.IsError() && v.err->cost_exceeded)) [[unlikely]] {
    v = ctx.CostError(program.root());
  }
  return v;
}

Value Evaluator::Eval(const Program& program, std::span<Value> vars, uint64_t cost_limit,
                      LazyResolver* lazy, Blame* blame) {
  const std::size_t nvars = program.variable_count();
  if (program.slot_count() <= nvars && vars.size() >= nvars) [[likely]] {
    // No loop or bound variables and every variable passed: the frame is the caller's
    // variables, where only a lazy one's value is written.
    EvalContext ctx(arena_, vars.data(), cost_limit, lazy, blame, defaults_);
    return Finish(program, ctx);
  }
  return EvalInFrame(program, vars, cost_limit, lazy, blame);
}

Value Evaluator::EvalInFrame(const Program& program, std::span<Value> vars, uint64_t cost_limit,
                             LazyResolver* lazy, Blame* blame) {
  // A frame in the arena (so a resolver may evaluate another program meanwhile) with a copy of
  // the variables: a lazy one computed here is not written back.
  const std::size_t nvars = program.variable_count();
  std::size_t count = std::max<std::size_t>(program.slot_count(), 1);
  Value* slots = static_cast<Value*>(arena_.Allocate(sizeof(Value) * count, alignof(Value)));
  std::size_t n = std::min(vars.size(), nvars);
  for (std::size_t i = 0; i < n; ++i) slots[i] = vars[i];
  EvalContext ctx(arena_, slots, cost_limit, lazy, blame, defaults_);
  if (n < nvars) [[unlikely]] {
    MarkUnbound(ctx, slots, n, nvars);
  }
  return Finish(program, ctx);
}

}  // namespace gori::cel
