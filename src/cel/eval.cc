// src/cel/eval.cc
#include "cel/eval.h"

#include <atomic>
#include <optional>
#include <vector>

namespace gori::cel {

Value EvalContext::Error(uint32_t offset, std::string_view message) {
  auto* info = arena_.New<ErrorInfo>(ErrorInfo{Copy(message), offset, false});
  Value v;
  v.kind = Kind::kError;
  v.err = info;
  return v;
}

Value EvalContext::Error(const Expr& at, std::string_view message) {
  return Error(at.offset, message);
}

Value EvalContext::NoOverload(const Expr& call) {
  std::string name(call.name);
  if (name.size() > 2 && name.front() == '_' && name.back() == '_')
    name = name.substr(1, name.size() - 2);
  return Error(call, "no such overload: " + name);
}

Value EvalContext::CostError(const Expr& at) {
  auto* info = arena_.New<ErrorInfo>(
      ErrorInfo{"operation cancelled: actual cost limit exceeded", at.offset, true});
  Value v;
  v.kind = Kind::kError;
  v.err = info;
  return v;
}

namespace {

Value NoSuchKey(EvalContext& ctx, const Expr& at, std::string_view key) {
  return ctx.Error(at, "no such key: " + std::string(key));
}

// A document map's field: nullptr when absent or null, unless the context's defaults give it.
// The API server decodes an object before CEL reads it, and a null field of a built-in kind (or
// of a custom resource, by pruning) is absent from what CEL sees: `has()` is false and a
// selection a missing key.
const doc::Node* DocField(EvalContext& ctx, const doc::Node* map, const Expr& sel) {
  const doc::Node* n = map->Get(sel.name, &sel.hint);
  if (n != nullptr && !n->IsNull()) return n;
  const FieldDefaults* defaults = ctx.defaults();
  return defaults ? defaults->Find(map, sel.name) : nullptr;
}

Value ListFieldError(EvalContext& ctx, const Expr& at) {
  return ctx.Error(at, "unsupported index type 'string' in list");
}

bool AsIndex(const Value& k, int64_t* out) {
  switch (k.kind) {
    case Kind::kInt:
      *out = k.i;
      return true;
    case Kind::kUint:
      if (k.u > static_cast<uint64_t>(INT64_MAX)) return false;
      *out = static_cast<int64_t>(k.u);
      return true;
    case Kind::kDouble: {
      double d = k.d;
      if (!(d >= -9.2e18 && d <= 9.2e18)) return false;
      int64_t i = static_cast<int64_t>(d);
      if (static_cast<double>(i) != d) return false;
      *out = i;
      return true;
    }
    default:
      return false;
  }
}

bool ValidKey(const Value& k) {
  return k.kind == Kind::kString || k.kind == Kind::kInt || k.kind == Kind::kUint ||
         k.kind == Kind::kBool;
}

// Selection of `field` on an evaluated operand (optional: `.?field`).
Value SelectField(EvalContext& ctx, const Expr& e, const Value& v, bool optional) {
  if (v.kind == Kind::kOptional) {
    if (v.opt == nullptr) return v;
    if (v.opt->kind != Kind::kMap && e.kind != ExprKind::kOptSelect) {
      // `.f` through an optional reads a field of its value: a value without fields is an
      // error here (the conformance tests' map_null_entry_no_such_key), unlike with `.?f`.
      return v.opt->kind == Kind::kList ? ListFieldError(ctx, e) : NoSuchKey(ctx, e, e.name);
    }
    return SelectField(ctx, e, *v.opt, true);
  }
  if (v.kind == Kind::kMap) {
    if (Blame* blame = ctx.blame(); blame && v.doc) [[unlikely]] {
      const doc::Node* found = DocField(ctx, v.node, e);
      if (found == nullptr) {
        if (optional) return Value::None();
        blame->missing_parent = v.node;
        return NoSuchKey(ctx, e, e.name);
      }
      blame->Read(found);
      Value out = Value::FromNode(found);
      return optional ? ctx.Some(out) : out;
    }
    Value out;
    if (v.doc) {
      const doc::Node* found = DocField(ctx, v.node, e);
      if (found == nullptr) return optional ? Value::None() : NoSuchKey(ctx, e, e.name);
      out = Value::FromNode(found);
      return optional ? ctx.Some(out) : out;
    }
    if (MapFindString(v, e.name, &out)) return optional ? ctx.Some(out) : out;
    return optional ? Value::None() : NoSuchKey(ctx, e, e.name);
  }
  // As cel-go qualifies attributes: a list cannot be indexed by a field name; any other value
  // has no fields (a `.?` selection is none, a selection a missing key).
  if (v.kind == Kind::kList) return ListFieldError(ctx, e);
  return optional ? Value::None() : NoSuchKey(ctx, e, e.name);
}

Value IndexValue(EvalContext& ctx, const Expr& e, const Value& v, const Value& k, bool optional) {
  if (v.kind == Kind::kOptional) {
    if (v.opt == nullptr) return v;
    return IndexValue(ctx, e, *v.opt, k, true);
  }
  if (v.kind == Kind::kList) {
    int64_t i;
    if (!AsIndex(k, &i)) {
      if (k.kind == Kind::kDouble) return ctx.Error(e, "unsupported index value");
      return ctx.Error(e, "no such overload: _[_]");
    }
    if (i < 0 || i >= v.size) {
      if (optional) return Value::None();
      return ctx.Error(e, "index out of bounds: " + std::to_string(i));
    }
    Value item = ListAt(v, static_cast<uint32_t>(i));
    if (Blame* blame = ctx.blame(); blame && v.doc) [[unlikely]]
      blame->Read(v.node->items()[static_cast<uint32_t>(i)]);
    return optional ? ctx.Some(item) : item;
  }
  if (v.kind == Kind::kMap) {
    if (!ValidKey(k) && k.kind != Kind::kDouble) return ctx.Error(e, "unsupported key type");
    if (Blame* blame = ctx.blame(); blame && v.doc && k.kind == Kind::kString) [[unlikely]] {
      const doc::Node* found = v.node->Get(k.str());
      if (found == nullptr) {
        if (optional) return Value::None();
        blame->missing_parent = v.node;
        return NoSuchKey(ctx, e, k.str());
      }
      blame->Read(found);
      Value out = Value::FromNode(found);
      return optional ? ctx.Some(out) : out;
    }
    Value out;
    if (MapFind(v, k, &out)) return optional ? ctx.Some(out) : out;
    if (optional) return Value::None();
    return NoSuchKey(ctx, e, k.kind == Kind::kString ? k.str() : DebugString(k));
  }
  return ctx.Error(e, "no such overload: _[_]");
}

// Iterates a list (index, value) or a map (key, value).
struct Range {
  Value v;
  uint32_t size() const { return v.size; }
  // The document node of item i: of a document list or map, or of a built list (`a + b`) whose
  // item is a document map or list.
  const doc::Node* NodeAt(uint32_t i) const {
    if (!v.doc) {
      if (v.kind != Kind::kList) return nullptr;
      const Value& item = v.items[i];
      return (item.kind == Kind::kMap || item.kind == Kind::kList) && item.doc ? item.node
                                                                               : nullptr;
    }
    return v.kind == Kind::kList ? v.node->items()[i] : v.node->pairs()[i].key;
  }
  void At(uint32_t i, Value* first, Value* second) const {
    if (v.kind == Kind::kList) {
      *first = Value::Int(i);
      *second = ListAt(v, i);
    } else {
      MapEntry e = MapAt(v, i);
      *first = e.key;
      *second = e.value;
    }
  }
};

Value EvalLoop(const Expr& e, EvalContext& ctx) {
  Value range = Evaluate(*e.args[0], ctx);
  if (range.IsError()) return range;
  if (range.kind != Kind::kList && range.kind != Kind::kMap) {
    return ctx.Error(
        e, "expression of type '" + std::string(TypeName(range)) +
               "' cannot be the range of a comprehension (must be list, map, or dynamic)");
  }
  Range r{range};
  Value* slots = ctx.slots();
  const Expr& body = *e.args[1];
  const Expr* filter = e.has_filter ? e.args[2] : nullptr;
  // Loop variables: one-variable macros over a list bind the element, over a map the key.
  auto bind = [&](uint32_t i) {
    Value a, b;
    r.At(i, &a, &b);
    if (e.two_var) {
      slots[e.slot] = a;
      slots[e.slot2] = b;
    } else {
      slots[e.slot] = range.kind == Kind::kList ? b : a;
    }
  };
  uint32_t n = r.size();
  switch (e.kind) {
    case ExprKind::kAll:
    case ExprKind::kExists: {
      bool want = e.kind == ExprKind::kExists;  // the value that decides
      Value err;
      bool has_err = false;
      Blame* blame = ctx.blame();
      const doc::Node* before = blame ? blame->element : nullptr;
      for (uint32_t i = 0; i < n; ++i) {
        if (!ctx.Charge(1)) return ctx.CostError(e);
        bind(i);
        Value p = Evaluate(body, ctx);
        if (blame) [[unlikely]] {
          // all(): the element that decided false, unless a nested all() named one inside it.
          bool decided = p.kind == Kind::kBool && p.b == want;
          if (!want && decided && blame->element == before) blame->element = r.NodeAt(i);
          if (want || !decided) blame->element = before;
        }
        if (p.kind == Kind::kBool) {
          if (p.b == want) return Value::Bool(want);
        } else if (p.IsError()) {
          if (p.err->cost_exceeded) return p;
          if (!has_err) {
            err = p;
            has_err = true;
          }
        } else if (!has_err) {
          err = ctx.Error(body, "no such overload: predicate of type '" + std::string(TypeName(p)) +
                                    "' is not bool");
          has_err = true;
        }
      }
      if (has_err) return err;
      return Value::Bool(!want);
    }
    case ExprKind::kExistsOne: {
      uint32_t count = 0;
      for (uint32_t i = 0; i < n; ++i) {
        if (!ctx.Charge(1)) return ctx.CostError(e);
        bind(i);
        Value p = Evaluate(body, ctx);
        if (p.IsError()) return p;
        if (p.kind != Kind::kBool)
          return ctx.Error(body, "no such overload: predicate is not bool");
        if (p.b) ++count;
      }
      return Value::Bool(count == 1);
    }
    case ExprKind::kMapMacro:
    case ExprKind::kFilter:
    case ExprKind::kTransformList: {
      // At most n results, written straight into the arena list.
      Value* items = ctx.NewValues(n);
      uint32_t count = 0;
      for (uint32_t i = 0; i < n; ++i) {
        if (!ctx.Charge(1)) return ctx.CostError(e);
        bind(i);
        if (filter) {
          Value f = Evaluate(*filter, ctx);
          if (f.IsError()) return f;
          if (f.kind != Kind::kBool)
            return ctx.Error(*filter, "no such overload: filter is not bool");
          if (!f.b) continue;
        }
        Value t = Evaluate(body, ctx);
        if (t.IsError()) return t;
        if (e.kind == ExprKind::kFilter) {
          if (t.kind != Kind::kBool)
            return ctx.Error(body, "no such overload: predicate is not bool");
          if (!t.b) continue;
          t = slots[e.slot];
        }
        items[count++] = t;
      }
      return Value::List(items, count);
    }
    case ExprKind::kTransformMap:
    case ExprKind::kTransformMapEntry: {
      if (range.kind == Kind::kList && e.kind == ExprKind::kTransformMap) {
        // transformMap over a list keys the result by index.
      }
      std::vector<MapEntry> out;
      for (uint32_t i = 0; i < n; ++i) {
        if (!ctx.Charge(1)) return ctx.CostError(e);
        bind(i);
        if (filter) {
          Value f = Evaluate(*filter, ctx);
          if (f.IsError()) return f;
          if (f.kind != Kind::kBool)
            return ctx.Error(*filter, "no such overload: filter is not bool");
          if (!f.b) continue;
        }
        Value t = Evaluate(body, ctx);
        if (t.IsError()) return t;
        if (e.kind == ExprKind::kTransformMap) {
          out.push_back({slots[e.slot], t});
          continue;
        }
        if (t.kind != Kind::kMap)
          return ctx.Error(body, "transformMapEntry: the transform must return a map");
        for (uint32_t j = 0; j < t.size; ++j) {
          MapEntry me = MapAt(t, j);
          for (const MapEntry& have : out) {
            if (Equal(have.key, me.key)) {
              return ctx.Error(body,
                               "insert failed: key " + DebugString(me.key) + " already exists");
            }
          }
          out.push_back(me);
        }
      }
      MapEntry* entries = ctx.NewEntries(out.size());
      for (std::size_t i = 0; i < out.size(); ++i) entries[i] = out[i];
      return Value::Map(entries, static_cast<uint32_t>(out.size()));
    }
    default:
      return ctx.Error(e, "unsupported comprehension");
  }
}

Value EvalCall(const Expr& e, EvalContext& ctx) {
  // Arguments are written before they are read: the buffer is left uninitialized.
  alignas(Value) unsigned char local[6 * sizeof(Value)];
  Value* args = e.nargs <= 6 ? reinterpret_cast<Value*>(local) : ctx.NewValues(e.nargs);
  for (uint32_t i = 0; i < e.nargs; ++i) {
    args[i] = Evaluate(*e.args[i], ctx);
    if (args[i].IsError()) return args[i];
  }
  return e.fn(ctx, e, args, e.nargs);
}

// A call marked opt_path: the chain of `.?` selections under it walked in place, with the
// values, errors and cost of evaluating it node by node (only the optionals in between, which
// nothing can observe, are not built).
Value EvalOptPath(const Expr& e, EvalContext& ctx) {
  constexpr uint32_t kMaxChain = 16;  // a longer chain is evaluated as its base
  const Expr* chain[kMaxChain];
  uint32_t n = 0;
  const Expr* base = e.args[0];
  while (base->kind == ExprKind::kOptSelect && n < kMaxChain) {
    chain[n++] = base;
    base = base->args[0];
  }
  ctx.Charge(n);
  Value cur = Evaluate(*base, ctx);
  if (cur.IsError()) return cur;
  bool present = true;
  for (uint32_t i = n; i-- > 0 && present;) {
    const Expr& sel = *chain[i];
    while (cur.kind == Kind::kOptional && cur.opt != nullptr) cur = *cur.opt;
    if (cur.kind == Kind::kOptional) {
      present = false;
    } else if (cur.kind != Kind::kMap) {
      Value none = SelectField(ctx, sel, cur, true);  // a list's error, else none
      if (none.IsError()) return none;
      present = false;
    } else if (cur.doc) {
      const doc::Node* found = DocField(ctx, cur.node, sel);
      if (found == nullptr) {
        present = false;
      } else {
        cur = Value::FromNode(found);
      }
    } else {
      Value out;
      present = MapFindString(cur, sel.name, &out);
      cur = out;
    }
  }
  if (e.nargs == 1) return Value::Bool(present);  // hasValue()
  return present ? cur : e.args[1]->constant;     // orValue(constant)
}

// A kSelect that is a selection path (path_len > 0): the node `v.a.b` names when v is a document
// map and every step a field of a document map; nullptr for anything else (a missing field, a
// built map, an optional, an error), which the caller then evaluates node by node. Charges
// nothing: the caller charges the node-by-node walk's cost (the variable and each selection).
[[gnu::always_inline]] inline const doc::Node* FindSelectPath(const Expr& e, EvalContext& ctx) {
  Value root = ctx.Slot(e.slot);
  if (root.kind != Kind::kMap || !root.doc) return nullptr;
  const doc::Node* cur = root.node;
  for (uint32_t i = 0; i < e.path_len; ++i) {
    cur = cur->Get(e.path[i]->name, &e.path[i]->hint);  // nullptr for a scalar or sequence too
    if (cur == nullptr) return nullptr;  // the generic walk applies defaults (DocField)
  }
  return cur->IsNull() ? nullptr : cur;
}

// Three-way comparison of the document scalar `n` with the constant `c` when `n` has c's type
// (as Compare on Value::FromNode(n) would give); 2 when the generic walk must decide.
[[gnu::always_inline]] inline int CompareScalar(const doc::Node& n, const Value& c) {
  if (n.kind() != doc::NodeKind::kScalar) return 2;
  auto three_way = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  switch (c.kind) {
    case Kind::kInt: {
      if (n.tag() != doc::ScalarTag::kInt) return 2;
      std::optional<int64_t> v = n.AsInt();
      return v ? three_way(*v, c.i) : 2;
    }
    case Kind::kString: {
      if (n.tag() != doc::ScalarTag::kString) return 2;
      int r = n.text().compare(c.str());
      return three_way(r, 0);
    }
    case Kind::kBool: {
      if (n.tag() != doc::ScalarTag::kBool) return 2;
      std::optional<bool> v = n.AsBool();
      return v ? three_way(*v, c.b) : 2;
    }
    default:
      return 2;
  }
}

// A path_cmp call's operand `b.?x.?y.orValue(d)` compared in place with the constant `c`: 2
// when the generic walk must decide; else the three-way result, with `*cost` set to what the
// node-by-node evaluation of the whole comparison charges.
int CompareOptionalChain(const Expr& left, const Value& c, EvalContext& ctx, uint64_t* cost) {
  constexpr uint32_t kMaxChain = 16;  // the chain's names from b outwards, as EvalOptPath
  const Expr* chain[kMaxChain];
  uint32_t n = 0;
  const Expr* base = left.args[0];
  while (base->kind == ExprKind::kOptSelect) {
    if (n == kMaxChain) return 2;
    chain[n++] = base;
    base = base->args[0];
  }
  const doc::Node* cur;
  if (base->kind == ExprKind::kSlot) {
    Value root = ctx.Slot(base->slot);
    if (root.kind != Kind::kMap || !root.doc) return 2;
    cur = root.node;
    *cost = n + 3;  // the chain, the variable, orValue and the comparison
  } else {
    cur = FindSelectPath(*base, ctx);
    if (cur == nullptr || cur->kind() != doc::NodeKind::kMap) return 2;
    *cost = n + base->path_len + 3;
  }
  for (uint32_t i = n; i-- > 0;) {
    if (cur->kind() != doc::NodeKind::kMap) return 2;  // the generic walk's error
    cur = DocField(ctx, cur, *chain[i]);
    if (cur == nullptr) {  // orValue's default, compared as the generic call would
      const Value& d = left.args[1]->constant;
      return d.kind == c.kind ? Compare(d, c) : 2;
    }
  }
  return CompareScalar(*cur, c);
}

Value EvalCall2(const Expr& e, EvalContext& ctx);

// Which three-way results (bit r + 1 for r in -1, 0, 1) make each PathCmp operator true.
constexpr uint8_t kPathCmpTrue[] = {0, 0b001, 0b011, 0b100, 0b110, 0b010, 0b101};

// What the node-by-node walk of `<selection path> <op> <constant>` charges: the variable, each
// selection and the comparison.
inline uint64_t SelectComparisonCost(const Expr& path) { return path.path_len + 2; }

// A call marked path_cmp, decided in place when the operand is a document scalar (or orValue's
// default) of the constant's type and the budget allows the evaluation's whole cost; otherwise
// (or with blame) the generic two-argument call, which also charges and fails as it would.
[[gnu::noinline]] Value EvalPathCmpFull(const Expr& e, EvalContext& ctx) {
  if (ctx.blame() != nullptr) return EvalCall2(e, ctx);
  const Expr& left = *e.args[0];
  const Value& c = e.args[1]->constant;
  int r;
  uint64_t cost;
  if (left.kind == ExprKind::kSelect) {
    const doc::Node* n = FindSelectPath(left, ctx);
    r = n ? CompareScalar(*n, c) : 2;
    cost = SelectComparisonCost(left);
  } else {
    r = CompareOptionalChain(left, c, ctx, &cost);
  }
  if (r == 2 || !ctx.TryCharge(cost)) return EvalCall2(e, ctx);
  return Value::Bool((kPathCmpTrue[static_cast<uint8_t>(e.path_cmp)] >> (r + 1)) & 1);
}

// The node of a selection path when the variable is a document map (not lazy) and every step's
// hint holds: what FindSelectPath gives then, without a call; nullptr otherwise.
[[gnu::always_inline]] inline const doc::Node* HintedSelectPath(const Expr& e, EvalContext& ctx) {
  const Value& root = ctx.slots()[e.slot];
  if (root.kind != Kind::kMap || !root.doc) return nullptr;
  const doc::Node* cur = root.node;
  for (uint32_t i = 0; i < e.path_len && cur != nullptr; ++i) {
    const Expr& step = *e.path[i];
    cur = cur->GetAtHint(step.name,
                         std::atomic_ref<uint32_t>(step.hint).load(std::memory_order_relaxed));
  }
  return cur;
}

// A path_cmp_leaf call's common case without a call but the tail call: a selection path whose
// hints hold, holding plain decimal digits, compared with an int constant. Everything else
// takes EvalPathCmpFull, which decides it again from the start.
[[gnu::noinline]] Value EvalPathCmpLeaf(const Expr& e, EvalContext& ctx) {
  const Expr& left = *e.args[0];
  if (ctx.blame() == nullptr) {
    const doc::Node* n = HintedSelectPath(left, ctx);
    const int64_t c = e.args[1]->constant.i;
    int64_t v;
    if (n != nullptr && n->AsPlainInt(&v) && ctx.TryCharge(SelectComparisonCost(left))) {
      int r = v < c ? -1 : (v > c ? 1 : 0);
      return Value::Bool((kPathCmpTrue[static_cast<uint8_t>(e.path_cmp)] >> (r + 1)) & 1);
    }
  }
  return EvalPathCmpFull(e, ctx);
}

inline Value EvalPathCmp(const Expr& e, EvalContext& ctx) {
  return e.path_cmp_leaf ? EvalPathCmpLeaf(e, ctx) : EvalPathCmpFull(e, ctx);
}

Value EvalList(const Expr& e, EvalContext& ctx) {
  Value* items = ctx.NewValues(e.nargs);
  uint32_t n = 0;
  for (uint32_t i = 0; i < e.nargs; ++i) {
    Value v = Evaluate(*e.args[i], ctx);
    if (v.IsError()) return v;
    if (e.opt && e.opt[i]) {
      if (v.kind != Kind::kOptional)
        return ctx.Error(*e.args[i], "optional list element is not an optional value");
      if (v.opt == nullptr) continue;
      v = *v.opt;
    }
    items[n++] = v;
  }
  if (!ctx.Charge(10)) return ctx.CostError(e);
  return Value::List(items, n);
}

Value EvalMap(const Expr& e, EvalContext& ctx) {
  uint32_t pairs = e.nargs / 2;
  MapEntry* entries = ctx.NewEntries(pairs);
  uint32_t n = 0;
  for (uint32_t i = 0; i < pairs; ++i) {
    Value k = Evaluate(*e.args[2 * i], ctx);
    if (k.IsError()) return k;
    Value v = Evaluate(*e.args[2 * i + 1], ctx);
    if (v.IsError()) return v;
    if (!ValidKey(k)) return ctx.Error(*e.args[2 * i], "unsupported key type");
    if (e.opt && e.opt[i]) {
      if (v.kind != Kind::kOptional)
        return ctx.Error(*e.args[2 * i + 1], "optional map entry value is not an optional value");
      if (v.opt == nullptr) continue;
      v = *v.opt;
    }
    for (uint32_t j = 0; j < n; ++j) {
      if (Equal(entries[j].key, k)) return ctx.Error(*e.args[2 * i], "Failed with repeated key");
    }
    entries[n++] = {k, v};
  }
  if (!ctx.Charge(30)) return ctx.CostError(e);
  return Value::Map(entries, n);
}

// Every other node: its frame (callee-saved registers, room for the error paths' strings) is
// paid only by the nodes that need it.
Value EvaluateNode(const Expr& e, EvalContext& ctx);

// The generic walk of a selection.
Value EvalSelect(const Expr& e, EvalContext& ctx) {
  ctx.Charge(1);
  Value v = Evaluate(*e.args[0], ctx);
  if (v.IsError()) return v;
  return SelectField(ctx, e, v, false);
}

// A selection path read in place when it can be; positions of findings come from the generic
// walk (Blame), which the fast one does not fill.
Value EvalSelectPath(const Expr& e, EvalContext& ctx) {
  if (ctx.blame() == nullptr) {
    if (const doc::Node* found = FindSelectPath(e, ctx)) {
      ctx.Charge(e.path_len + 1);
      return Value::FromNode(found);
    }
  }
  return EvalSelect(e, ctx);
}

// A two-argument call (comparisons, equality, most member functions) with arguments in
// registers-sized locals and none of EvaluateNode's frame.
Value EvalCall2(const Expr& e, EvalContext& ctx) {
  if (!ctx.Charge(1)) return ctx.CostError(e);
  Value args[2];
  args[0] = Evaluate(*e.args[0], ctx);
  if (args[0].IsError()) return args[0];
  args[1] = Evaluate(*e.args[1], ctx);
  if (args[1].IsError()) return args[1];
  return e.fn(ctx, e, args, 2);
}

}  // namespace

// Constants, variables, selection paths and two-argument calls, most of the nodes a typical
// policy evaluates, return without the frame of EvaluateNode.
Value Evaluate(const Expr& e, EvalContext& ctx) {
  switch (e.kind) {
    case ExprKind::kConst:
      return e.constant;
    case ExprKind::kSlot:
      ctx.Charge(1);
      return ctx.Slot(e.slot);
    case ExprKind::kSelect:
      if (e.path_len > 0) return EvalSelectPath(e, ctx);
      break;
    case ExprKind::kCall:
      if (e.path_cmp != PathCmp::kNone) return EvalPathCmp(e, ctx);
      if (e.nargs == 2 && !e.opt_path) return EvalCall2(e, ctx);
      break;
    default:
      break;
  }
  return EvaluateNode(e, ctx);
}

RootEvaluator RootEvaluatorFor(const Expr& e) {
  if (e.kind == ExprKind::kCall && e.path_cmp != PathCmp::kNone)
    return e.path_cmp_leaf ? &EvalPathCmpLeaf : &EvalPathCmpFull;
  return &Evaluate;
}

namespace {

Value EvaluateNode(const Expr& e, EvalContext& ctx) {
  switch (e.kind) {
    case ExprKind::kConst:
      return e.constant;
    case ExprKind::kSlot: {
      ctx.Charge(1);
      return ctx.Slot(e.slot);
    }
    case ExprKind::kSelect:
      return e.path_len > 0 ? EvalSelectPath(e, ctx) : EvalSelect(e, ctx);
    case ExprKind::kOptSelect: {
      ctx.Charge(1);
      Value v = Evaluate(*e.args[0], ctx);
      if (v.IsError()) return v;
      return SelectField(ctx, e, v, true);
    }
    case ExprKind::kHas: {
      Value v = Evaluate(*e.args[0], ctx);
      if (v.IsError()) return v;
      if (v.kind == Kind::kOptional) {
        if (v.opt == nullptr) return Value::Bool(false);
        v = *v.opt;
      }
      if (v.kind == Kind::kMap) {
        if (v.doc) return Value::Bool(DocField(ctx, v.node, e) != nullptr);
        Value out;
        return Value::Bool(MapFindString(v, e.name, &out));
      }
      // A presence test on a value without fields is false, as in cel-go (a list's is an error).
      if (v.kind == Kind::kList) return ListFieldError(ctx, e);
      return Value::Bool(false);
    }
    case ExprKind::kIndex:
    case ExprKind::kOptIndex: {
      ctx.Charge(1);
      Value v = Evaluate(*e.args[0], ctx);
      if (v.IsError()) return v;
      Value k = Evaluate(*e.args[1], ctx);
      if (k.IsError()) return k;
      return IndexValue(ctx, e, v, k, e.kind == ExprKind::kOptIndex);
    }
    case ExprKind::kCall: {
      if (!ctx.Charge(1)) return ctx.CostError(e);
      // Positions of findings come from the generic walk (Blame); the fast one has none.
      if (e.opt_path && ctx.blame() == nullptr) return EvalOptPath(e, ctx);
      return EvalCall(e, ctx);
    }
    case ExprKind::kList:
      return EvalList(e, ctx);
    case ExprKind::kMap:
      return EvalMap(e, ctx);
    case ExprKind::kAnd:
    case ExprKind::kOr: {
      bool decisive = e.kind == ExprKind::kOr;
      Value l = Evaluate(*e.args[0], ctx);
      if (l.kind == Kind::kBool && l.b == decisive) return l;
      if (l.IsError() && l.err->cost_exceeded) return l;
      Value r = Evaluate(*e.args[1], ctx);
      if (r.kind == Kind::kBool && r.b == decisive) return r;
      if (l.IsError()) return l;
      if (r.IsError()) return r;
      if (l.kind != Kind::kBool || r.kind != Kind::kBool) {
        return ctx.Error(e, decisive ? "no such overload: _||_" : "no such overload: _&&_");
      }
      return Value::Bool(!decisive);
    }
    case ExprKind::kNot: {
      Value v = Evaluate(*e.args[0], ctx);
      if (v.IsError()) return v;
      if (v.kind != Kind::kBool) return ctx.Error(e, "no such overload: !_");
      return Value::Bool(!v.b);
    }
    case ExprKind::kNeg: {
      Value v = Evaluate(*e.args[0], ctx);
      if (v.IsError()) return v;
      if (v.kind == Kind::kInt) {
        if (v.i == INT64_MIN) return ctx.Error(e, "integer overflow");
        return Value::Int(-v.i);
      }
      if (v.kind == Kind::kDouble) return Value::Double(-v.d);
      return ctx.Error(e, "no such overload: -_");
    }
    case ExprKind::kCond: {
      Value c = Evaluate(*e.args[0], ctx);
      if (c.IsError()) return c;
      if (c.kind != Kind::kBool) return ctx.Error(e, "no such overload: _?_:_");
      return Evaluate(*e.args[c.b ? 1 : 2], ctx);
    }
    case ExprKind::kBind: {
      Value init = Evaluate(*e.args[0], ctx);
      if (init.IsError()) return init;
      ctx.slots()[e.slot] = init;
      return Evaluate(*e.args[1], ctx);
    }
    case ExprKind::kOptMap:
    case ExprKind::kOptFlatMap: {
      Value v = Evaluate(*e.args[0], ctx);
      if (v.IsError()) return v;
      if (v.kind != Kind::kOptional)
        return ctx.Error(e, "no such overload: optMap on a non-optional value");
      if (v.opt == nullptr) return v;
      ctx.slots()[e.slot] = *v.opt;
      Value r = Evaluate(*e.args[1], ctx);
      if (r.IsError()) return r;
      if (e.kind == ExprKind::kOptMap) return ctx.Some(r);
      if (r.kind != Kind::kOptional)
        return ctx.Error(e, "optFlatMap: the function must return an optional");
      return r;
    }
    case ExprKind::kStruct:
      return ctx.Error(e, "message construction needs protobuf types, which gori does not have");
    case ExprKind::kIdent:
      return ctx.Error(e, "undeclared reference to '" + std::string(e.name) + "'");
    default:
      return EvalLoop(e, ctx);
  }
}

}  // namespace
}  // namespace gori::cel
