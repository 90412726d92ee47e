// src/cel/cel.h
//
// gori's CEL: compile an expression once against an environment (the names of its variables,
// the Kubernetes version whose library set applies), then evaluate it many times against
// different variable values. A Program is immutable and may be shared by threads; an
// Evaluator is per thread and owns the arena where results are built (results stay valid until
// its next Reset()). Variables may be views onto doc::Node trees (Value::FromNode): nothing of
// the object is copied.
//
// Compile errors carry the byte offset, line and column inside the expression text;
// FormatCompileError() prints them the way cel-go does (message, source line, caret).
// Evaluation never fails as a call: an error is a Value of Kind::kError (message + offset),
// including running out of the cost budget.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "base/arena.h"
#include "cel/ast.h"
#include "cel/eval.h"
#include "cel/parser.h"
#include "cel/value.h"

namespace gori::cel {

inline constexpr uint64_t kPerCallCostLimit = 1'000'000;
inline constexpr uint64_t kPerEvaluationCostBudget = 10'000'000;
inline constexpr int kLatestKubernetesMinor = 35;

struct Env {
  // Variable names in activation order; dotted names ("a.b") are resolved as qualified names.
  std::vector<std::string> variables;
  // Kubernetes 1.<minor> whose API server would compile the expression: functions and syntax
  // it does not know are undeclared. Default: every library gori has.
  int kubernetes_minor = kLatestKubernetesMinor;
  // Namespace for name resolution: `x` in container "a.b" is tried as "a.b.x", "a.x", "x".
  std::string container;
  // When false (cel-go's unchecked mode), undeclared names and functions compile and fail only
  // if evaluation reaches them. Policies keep the default: the API server type-checks.
  bool check_references = true;
  // Kubernetes' HomogeneousAggregateLiterals: constant elements of one list literal (keys and
  // values of one map literal) must have one type: `[1, 'a']` is a compile error.
  bool homogeneous_literals = true;
  // cel-go's math extension (math.greatest, math.abs, ...), which no Kubernetes version
  // enables: off by default so that gori accepts exactly what the API server accepts.
  bool math_extension = false;
  // cel-go's strings extension version: Kubernetes enables 2, without `reverse` on strings
  // (version 3; the conformance tests use it).
  int strings_version = 2;
  ParseOptions parse;

  // Position of `name` in `variables` (the index Eval's `vars` use), or -1.
  int IndexOf(std::string_view name) const {
    for (std::size_t i = 0; i < variables.size(); ++i) {
      if (variables[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
};

struct CompileError {
  uint32_t offset = 0;
  uint32_t line = 1;    // 1-based, inside the expression text
  uint32_t column = 1;  // 1-based, in code points
  std::string message;
};

// "ERROR: <name>:L:C: message\n | source line\n | ....^"
std::string FormatCompileError(const CompileError& e, std::string_view source,
                               std::string_view name = "<input>");

class Program {
 public:
  Program(Program&&) = default;
  Program& operator=(Program&&) = default;
  ~Program();

  const Expr& root() const { return *root_; }
  std::string_view source() const { return source_; }
  uint32_t slot_count() const { return slots_; }
  uint32_t variable_count() const { return vars_; }

 private:
  friend tl::expected<Program, CompileError> Compile(std::string_view, const Env&);
  friend class Evaluator;
  Program() = default;
  std::unique_ptr<Arena> arena_;
  std::string_view source_;
  const Expr* root_ = nullptr;
  Value (*evaluate_root_)(const Expr&, EvalContext&) = nullptr;  // RootEvaluatorFor(root)
  uint32_t slots_ = 0;
  uint32_t vars_ = 0;
};

tl::expected<Program, CompileError> Compile(std::string_view text, const Env& env = {});

// Which of the Env's variables evaluating `program` may read: one flag per variable index
// (variable_count() of them), set when the expression names it anywhere.
std::vector<bool> VariablesRead(const Program& program);

class Evaluator {
 public:
  Evaluator() : arena_(16 * 1024) {}
  // `vars` in the Env's variable order (missing trailing ones are errors when read), read in
  // place. Variables bound as Value::Lazy() are computed by `lazy` on first read; the value (or
  // the error, without a resolver) may replace the Lazy() in `vars`. Eval may be called again
  // from inside the resolver (nested evaluations share the arena). With `blame`, records which
  // document nodes decided the result (see Blame in eval.h); a little slower.
  Value Eval(const Program& program, std::span<Value> vars, uint64_t cost_limit = kPerCallCostLimit,
             LazyResolver* lazy = nullptr, Blame* blame = nullptr);
  // Fields the documents lack but evaluations are to see (see FieldDefaults in eval.h), for
  // every Eval until changed; nullptr (the default) for none.
  void set_defaults(const FieldDefaults* defaults) { defaults_ = defaults; }
  // Cost of the last Eval in Kubernetes-like units.
  uint64_t last_cost() const { return last_cost_; }
  // Frees every value built so far.
  void Reset() { arena_.Reset(); }
  Arena& arena() { return arena_; }

 private:
  Value EvalInFrame(const Program& program, std::span<Value> vars, uint64_t cost_limit,
                    LazyResolver* lazy, Blame* blame);
  Value Finish(const Program& program, EvalContext& ctx);

  Arena arena_;
  uint64_t last_cost_ = 0;
  const FieldDefaults* defaults_ = nullptr;
};

}  // namespace gori::cel
