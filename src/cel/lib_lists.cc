// src/cel/lib_lists.cc
//
// List functions: Kubernetes' lists library (isSorted, sum, min, max, indexOf, lastIndexOf,
// since the start), cel-go's lists extension (distinct, flatten, lists.range, reverse, slice,
// sort, first, last: Kubernetes 1.35) and the sets extension (sets.contains, sets.equivalent,
// sets.intersects: Kubernetes 1.30).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "cel/functions.h"
#include "cel/lib_util.h"
#include "cel/time_util.h"

namespace gori::cel {

Value ListIndexOf(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind != Kind::kList || n != 2) return ctx.NoOverload(c);
  for (uint32_t i = 0; i < a[0].size; ++i) {
    if (Equal(ListAt(a[0], i), a[1])) return Value::Int(i);
  }
  return Value::Int(-1);
}

Value ListLastIndexOf(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind != Kind::kList || n != 2) return ctx.NoOverload(c);
  for (uint32_t i = a[0].size; i > 0; --i) {
    if (Equal(ListAt(a[0], i - 1), a[1])) return Value::Int(i - 1);
  }
  return Value::Int(-1);
}

Value ListReverse(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList) return ctx.NoOverload(c);
  Value* items = ctx.NewValues(a[0].size);
  for (uint32_t i = 0; i < a[0].size; ++i) items[i] = ListAt(a[0], a[0].size - 1 - i);
  return Value::List(items, a[0].size);
}

namespace {

bool Comparable(const Value& x, const Value& y) {
  return Compare(x, y) != 2 || (x.kind == Kind::kDouble || y.kind == Kind::kDouble);
}

Value IsSorted(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList) return ctx.NoOverload(c);
  for (uint32_t i = 1; i < a[0].size; ++i) {
    Value x = ListAt(a[0], i - 1), y = ListAt(a[0], i);
    int r = Compare(x, y);
    if (r == 2 && !Comparable(x, y)) return ctx.NoOverload(c);
    if (r == 1) return Value::Bool(false);
  }
  return Value::Bool(true);
}

Value Sum(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList) return ctx.NoOverload(c);
  if (a[0].size == 0) return Value::Int(0);
  Value acc = ListAt(a[0], 0);
  for (uint32_t i = 1; i < a[0].size; ++i) {
    Value x = ListAt(a[0], i);
    if (x.kind != acc.kind) return ctx.NoOverload(c);
    switch (acc.kind) {
      case Kind::kInt:
        if (__builtin_add_overflow(acc.i, x.i, &acc.i)) return ctx.Error(c, "integer overflow");
        break;
      case Kind::kUint:
        if (__builtin_add_overflow(acc.u, x.u, &acc.u)) return ctx.Error(c, "integer overflow");
        break;
      case Kind::kDouble:
        acc.d += x.d;
        break;
      case Kind::kDuration: {
        Int128 t = static_cast<Int128>(acc.i) * 1'000'000'000 + acc.size +
                   static_cast<Int128>(x.i) * 1'000'000'000 + x.size;
        acc = Value::Duration(static_cast<int64_t>(t / 1'000'000'000),
                              static_cast<uint32_t>(t % 1'000'000'000));
        break;
      }
      default:
        return ctx.NoOverload(c);
    }
  }
  return acc;
}

template <bool kMax>
Value MinMax(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList) return ctx.NoOverload(c);
  if (a[0].size == 0)
    return ctx.Error(c, kMax ? "max called on empty list" : "min called on empty list");
  Value best = ListAt(a[0], 0);
  for (uint32_t i = 1; i < a[0].size; ++i) {
    Value x = ListAt(a[0], i);
    int r = Compare(x, best);
    if (r == 2) {
      if (!Comparable(x, best)) return ctx.NoOverload(c);
      continue;
    }
    if (kMax ? r > 0 : r < 0) best = x;
  }
  return best;
}

Value Distinct(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList) return ctx.NoOverload(c);
  std::vector<Value> out;
  if (!ctx.Charge(uint64_t{a[0].size} * a[0].size / 10)) return ctx.CostError(c);
  for (uint32_t i = 0; i < a[0].size; ++i) {
    Value x = ListAt(a[0], i);
    bool seen = false;
    for (const Value& y : out) seen = seen || Equal(x, y);
    if (!seen) out.push_back(x);
  }
  return MakeList(ctx, out);
}

void FlattenInto(const Value& list, int64_t depth, std::vector<Value>& out) {
  for (uint32_t i = 0; i < list.size; ++i) {
    Value x = ListAt(list, i);
    if (x.kind == Kind::kList && depth > 0) {
      FlattenInto(x, depth - 1, out);
    } else {
      out.push_back(x);
    }
  }
}

Value Flatten(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind != Kind::kList || (n == 2 && a[1].kind != Kind::kInt)) return ctx.NoOverload(c);
  int64_t depth = n == 2 ? a[1].i : 1;
  if (depth < 0) return ctx.Error(c, "level must be non-negative");
  std::vector<Value> out;
  FlattenInto(a[0], std::min<int64_t>(depth, 1000), out);
  return MakeList(ctx, out);
}

Value Range(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kInt) return ctx.NoOverload(c);
  int64_t n = std::max<int64_t>(a[0].i, 0);
  if (!ctx.Charge(static_cast<uint64_t>(n))) return ctx.CostError(c);
  Value* items = ctx.NewValues(static_cast<std::size_t>(n));
  for (int64_t i = 0; i < n; ++i) items[i] = Value::Int(i);
  return Value::List(items, static_cast<uint32_t>(n));
}

Value Slice(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList || a[1].kind != Kind::kInt || a[2].kind != Kind::kInt)
    return ctx.NoOverload(c);
  int64_t b = a[1].i, e = a[2].i;
  if (b < 0 || e < 0)
    return ctx.Error(c, "cannot slice(" + std::to_string(b) + ", " + std::to_string(e) +
                            "), negative indexes not supported");
  if (b > e)
    return ctx.Error(c, "cannot slice(" + std::to_string(b) + ", " + std::to_string(e) +
                            "), start index must be less than or equal to end index");
  if (e > a[0].size)
    return ctx.Error(c, "cannot slice(" + std::to_string(b) + ", " + std::to_string(e) +
                            "), list is length " + std::to_string(a[0].size));
  Value* items = ctx.NewValues(static_cast<std::size_t>(e - b));
  for (int64_t i = b; i < e; ++i) items[i - b] = ListAt(a[0], static_cast<uint32_t>(i));
  return Value::List(items, static_cast<uint32_t>(e - b));
}

Value Sort(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList) return ctx.NoOverload(c);
  std::vector<Value> items;
  for (uint32_t i = 0; i < a[0].size; ++i) items.push_back(ListAt(a[0], i));
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (items[i].kind != items[0].kind || Compare(items[i], items[0]) == 2) {
      if (!(items[i].kind == Kind::kDouble && items[0].kind == Kind::kDouble)) {
        return ctx.Error(c, "list elements must have the same type");
      }
    }
  }
  if (!items.empty() && (items[0].kind == Kind::kList || items[0].kind == Kind::kMap ||
                         items[0].kind == Kind::kNull || items[0].kind == Kind::kOptional)) {
    return ctx.Error(c, "list elements must be comparable");
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Value& x, const Value& y) { return Compare(x, y) == -1; });
  return MakeList(ctx, items);
}

template <bool kFirst>
Value FirstLast(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList) return ctx.NoOverload(c);
  if (a[0].size == 0) return Value::None();
  return ctx.Some(ListAt(a[0], kFirst ? 0 : a[0].size - 1));
}

bool Contains(const Value& list, const Value& x) {
  for (uint32_t i = 0; i < list.size; ++i) {
    if (Equal(ListAt(list, i), x)) return true;
  }
  return false;
}

Value SetsContains(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList || a[1].kind != Kind::kList) return ctx.NoOverload(c);
  if (!ctx.Charge(uint64_t{a[0].size} * a[1].size / 10)) return ctx.CostError(c);
  for (uint32_t i = 0; i < a[1].size; ++i) {
    if (!Contains(a[0], ListAt(a[1], i))) return Value::Bool(false);
  }
  return Value::Bool(true);
}

Value SetsEquivalent(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  Value r = SetsContains(ctx, c, a, n);
  if (r.kind != Kind::kBool || !r.b) return r;
  Value swapped[2] = {a[1], a[0]};
  return SetsContains(ctx, c, swapped, n);
}

Value SetsIntersects(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kList || a[1].kind != Kind::kList) return ctx.NoOverload(c);
  if (!ctx.Charge(uint64_t{a[0].size} * a[1].size / 10)) return ctx.CostError(c);
  for (uint32_t i = 0; i < a[1].size; ++i) {
    if (Contains(a[0], ListAt(a[1], i))) return Value::Bool(true);
  }
  return Value::Bool(false);
}

constexpr FunctionDef kLists[] = {
    {"isSorted", true, 1, IsSorted, 0, "k8s.lists"},
    {"sum", true, 1, Sum, 0, "k8s.lists"},
    {"min", true, 1, MinMax<false>, 0, "k8s.lists"},
    {"max", true, 1, MinMax<true>, 0, "k8s.lists"},
    {"distinct", true, 1, Distinct, 35, "lists"},
    {"flatten", true, 1, Flatten, 35, "lists"},
    {"flatten", true, 2, Flatten, 35, "lists"},
    {"lists.range", false, 1, Range, 35, "lists"},
    {"slice", true, 3, Slice, 35, "lists"},
    {"sort", true, 1, Sort, 35, "lists"},
    {"first", true, 1, FirstLast<true>, 35, "lists"},
    {"last", true, 1, FirstLast<false>, 35, "lists"},
    {"sets.contains", false, 2, SetsContains, 30, "sets"},
    {"sets.equivalent", false, 2, SetsEquivalent, 30, "sets"},
    {"sets.intersects", false, 2, SetsIntersects, 30, "sets"},
};

}  // namespace

std::span<const FunctionDef> ListFunctions() { return kLists; }

}  // namespace gori::cel
