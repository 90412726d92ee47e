// src/cel/eval.h
//
// The evaluation context library functions see: the Arena values are built in, the slots of
// variables and loop variables, and the cost meter. Errors are values (Kind::kError) that carry
// the message and the offset of the node that raised them; functions return them, they never
// throw. Cost is counted in Kubernetes-like units and checked at every loop iteration and in
// size-dependent functions: once over the limit, evaluation unwinds with a cost error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/arena.h"
#include "cel/ast.h"
#include "cel/value.h"

namespace gori::cel {

// Computes variables bound as Value::Lazy() when an expression first reads them (a policy's
// `variables.x`: evaluated lazily, at most once per evaluation). The result is cached in the
// slot. The resolver may evaluate other programs with the same Evaluator.
class LazyResolver {
 public:
  virtual ~LazyResolver() = default;
  virtual Value Resolve(uint32_t variable_index) = 0;
};

// Where in the documents a result came from, for callers that point at the node that made an
// expression false (a policy finding). Filled only when the caller asks (Evaluator::Eval's
// `blame`): `element` is the list item (or map key) whose predicate decided an `all()` false,
// the innermost one when comprehensions nest; `missing_parent` the document map that lacked a
// selected key; Recent(0), Recent(1), ... the last document nodes selections and indexes read,
// latest first (a caller may skip those of documents it does not point into). Nodes only, no
// Kubernetes meaning.
struct Blame {
  static constexpr uint32_t kReadsKept = 4;
  const doc::Node* element = nullptr;
  const doc::Node* missing_parent = nullptr;

  void Read(const doc::Node* n) { reads_[reads_count_++ % kReadsKept] = n; }
  const doc::Node* Recent(uint32_t i) const {
    if (i >= kReadsKept || i >= reads_count_) return nullptr;
    return reads_[(reads_count_ - 1 - i) % kReadsKept];
  }

 private:
  const doc::Node* reads_[kReadsKept] = {};
  uint32_t reads_count_ = 0;
};

// Fields a document map lacks but its reader is to see, such as the values the API server's
// defaulting gives an object before admission. Consulted only when a selection finds no key (or
// a null), so documents with every field written pay nothing. Returns the value's node (which
// may be outside the document), or nullptr.
class FieldDefaults {
 public:
  virtual ~FieldDefaults() = default;
  virtual const doc::Node* Find(const doc::Node* map, std::string_view key) const = 0;
};

class EvalContext {
 public:
  EvalContext(Arena& arena, Value* slots, uint64_t cost_limit, LazyResolver* lazy = nullptr,
              Blame* blame = nullptr, const FieldDefaults* defaults = nullptr)
      : arena_(arena),
        slots_(slots),
        cost_limit_(cost_limit),
        lazy_(lazy),
        blame_(blame),
        defaults_(defaults) {}

  // Slot `i`, resolving a lazy variable on first read.
  Value Slot(uint32_t i) {
    Value v = slots_[i];
    if (v.IsLazy()) [[unlikely]] {
      v = lazy_ ? lazy_->Resolve(i) : Error(0, "variable is not bound");
      slots_[i] = v;
    }
    return v;
  }

  Arena& arena() { return arena_; }
  Value* slots() { return slots_; }

  Value Error(const Expr& at, std::string_view message);
  Value Error(uint32_t offset, std::string_view message);
  // "no matching overload for 'name'" naming the call.
  Value NoOverload(const Expr& call);

  std::string_view Copy(std::string_view s) { return arena_.CopyString(s); }
  Value NewString(std::string_view s) { return Value::String(Copy(s)); }
  Value NewBytes(std::string_view s) { return Value::Bytes(Copy(s)); }
  Value* NewValues(std::size_t n) {
    return static_cast<Value*>(arena_.Allocate(sizeof(Value) * (n ? n : 1), alignof(Value)));
  }
  MapEntry* NewEntries(std::size_t n) {
    return static_cast<MapEntry*>(
        arena_.Allocate(sizeof(MapEntry) * (n ? n : 1), alignof(MapEntry)));
  }
  Value NewOpaque(const OpaqueType* type, const void* data) {
    return Value::Opaque(arena_.New<OpaqueBox>(OpaqueBox{type, data}));
  }
  Value Some(const Value& v) {
    Value* p = NewValues(1);
    *p = v;
    return Value::Some(p);
  }

  // Adds `units`; false once the budget is spent (the caller returns CostError()).
  bool Charge(uint64_t units) {
    cost_ += units;
    return cost_ <= cost_limit_;
  }
  // Adds `units` when the budget allows them all; false (and nothing added) otherwise.
  bool TryCharge(uint64_t units) {
    if (cost_ + units > cost_limit_) return false;
    cost_ += units;
    return true;
  }
  bool OverBudget() const { return cost_ > cost_limit_; }
  Value CostError(const Expr& at);
  uint64_t cost() const { return cost_; }
  Blame* blame() { return blame_; }
  const FieldDefaults* defaults() const { return defaults_; }

 private:
  Arena& arena_;
  Value* slots_;
  uint64_t cost_ = 0;
  uint64_t cost_limit_;
  LazyResolver* lazy_;
  Blame* blame_;
  const FieldDefaults* defaults_;
};

Value Evaluate(const Expr& e, EvalContext& ctx);

// Evaluate, or what Evaluate would call for a root `e` of its kind (one dispatch less per
// evaluation): chosen once when a program is compiled.
using RootEvaluator = Value (*)(const Expr& e, EvalContext& ctx);
RootEvaluator RootEvaluatorFor(const Expr& e);

}  // namespace gori::cel
