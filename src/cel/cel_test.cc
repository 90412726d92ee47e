// src/cel/cel_test.cc
#include "cel/cel.h"

#include <span>
#include <string>

#include <gtest/gtest.h>

#include "base/source.h"
#include "cel/position.h"
#include "yaml/loader.h"

namespace gori::cel {
namespace {

// Evaluates `expr` with no variables and returns the debug form of the result.
std::string EvalText(std::string_view expr) {
  auto p = Compile(expr);
  if (!p) return "compile error: " + p.error().message;
  Evaluator ev;
  return DebugString(ev.Eval(*p, {}));
}

TEST(CelEval, ArithmeticOverflowIsAnError) {
  EXPECT_EQ(EvalText("9223372036854775807 + 1"), "error(integer overflow)");
  EXPECT_EQ(EvalText("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(EvalText("1 / 0"), "error(division by zero)");
  EXPECT_EQ(EvalText("2u * 3u"), "6u");
}

TEST(CelEval, CrossTypeNumericComparison) {
  EXPECT_EQ(EvalText("1 < 1.5"), "true");
  EXPECT_EQ(EvalText("dyn(1u) == 1"), "true");
  EXPECT_EQ(EvalText("[1, 2] == [1.0, dyn(2u)]"), "true");
}

// Operands whose types are known without a schema must have an overload, as the API server's
// type checker requires when a policy is created; dyn operands are decided at evaluation.
TEST(CelCompile, OperatorsOnKnownTypesNeedAnOverload) {
  EXPECT_EQ(EvalText("size([1]) > '1'"),
            "compile error: found no matching overload for '_>_' applied to '(int, string)'");
  EXPECT_EQ(EvalText("1 == 1u"),
            "compile error: found no matching overload for '_==_' applied to '(int, uint)'");
  EXPECT_EQ(EvalText("'x/' + 1"),
            "compile error: found no matching overload for '_+_' applied to '(string, int)'");
  EXPECT_EQ(EvalText("duration('1s') + 1"),
            "compile error: found no matching overload for '_+_' applied to "
            "'(google.protobuf.Duration, int)'");
  EXPECT_EQ(EvalText("'abc'.startsWith(1)"),
            "compile error: found no matching overload for 'startsWith' applied to 'string.(int)'");
  EXPECT_EQ(EvalText("1 < 1.5"), "true");
  EXPECT_EQ(EvalText("timestamp('2024-01-01T00:00:00Z') - duration('1h') < "
                     "timestamp('2025-01-01T00:00:00Z')"),
            "true");
  EXPECT_EQ(EvalText("dyn(1) == 'a'"), "false");
  EXPECT_EQ(EvalText("[1] == [1.0]"), "true");
}

TEST(CelEval, LogicAbsorbsErrorsBothWays) {
  EXPECT_EQ(EvalText("1/0 == 1 && false"), "false");
  EXPECT_EQ(EvalText("false && 1/0 == 1"), "false");
  EXPECT_EQ(EvalText("1/0 == 1 || true"), "true");
  EXPECT_EQ(EvalText("true || 1/0 == 1"), "true");
}

TEST(CelEval, StringsByCodePoint) {
  EXPECT_EQ(EvalText("size('héllo')"), "5");
  EXPECT_EQ(EvalText("'héllo'.substring(1, 3)"), "\"él\"");
  EXPECT_EQ(EvalText("'a,b,c'.split(',')"), "[\"a\", \"b\", \"c\"]");
}

TEST(CelEval, MacrosAndOptionals) {
  EXPECT_EQ(EvalText("[1, 2, 3].all(x, x > 0)"), "true");
  EXPECT_EQ(EvalText("[1, 2, 3].exists_one(x, x > 2)"), "true");
  EXPECT_EQ(EvalText("[1, 2, 3].map(x, x * 2)"), "[2, 4, 6]");
  EXPECT_EQ(EvalText("[1, 2, 3].map(x, x > 1, x * 2)"), "[4, 6]");
  EXPECT_EQ(EvalText("{'a': 1}.?b.orValue(7)"), "7");
  EXPECT_EQ(EvalText("[?optional.none(), ?optional.of(1)]"), "[1]");
  EXPECT_EQ(EvalText("{'a': 1, 'b': 2}.all(k, v, v > 0)"), "true");
}

TEST(CelCompile, ErrorsCarryLineAndColumn) {
  auto p = Compile("1 +\n  foo");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().line, 2u);
  EXPECT_EQ(p.error().column, 3u);
  EXPECT_EQ(
      FormatCompileError(p.error(), "1 +\n  foo"),
      "ERROR: <input>:2:3: undeclared reference to 'foo' (in container '')\n |   foo\n | ..^");
}

TEST(CelCompile, AggregateLiteralsAreHomogeneousAsInKubernetes) {
  auto p = Compile("[1, 'a']");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().message, "expected type 'int' but found 'string'");
  EXPECT_EQ(p.error().column, 5u);
  EXPECT_TRUE(Compile("[1, 2, null]"));
  Env env;
  env.homogeneous_literals = false;
  EXPECT_TRUE(Compile("[1, 'a']", env));
}

TEST(CelCompile, MathExtensionOnlyWhenAsked) {
  EXPECT_FALSE(Compile("math.greatest(1, 2) == 2"));
  Env env;
  env.math_extension = true;
  EXPECT_TRUE(Compile("math.greatest(1, 2) == 2", env));
}

TEST(CelCompile, ReservedWordsAndDepthLimits) {
  EXPECT_FALSE(Compile("while"));
  std::string deep(600, '(');
  deep += "1";
  deep += std::string(600, ')');
  auto p = Compile(deep);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("recursion limit"), std::string::npos);
}

TEST(CelEval, ComprehensionBombIsStoppedByCost) {
  auto p = Compile(
      "[1,2,3,4,5,6,7,8,9,10].map(a, [1,2,3,4,5,6,7,8,9,10].map(b, [1,2,3,4,5,6,7,8,9,10]"
      ".map(c, [1,2,3,4,5,6,7,8,9,10].map(d, [1,2,3,4,5,6,7,8,9,10].map(e, [1,2,3,4,5,6,7,8,9,10]"
      ".map(f, f))))))");
  ASSERT_TRUE(p);
  Evaluator ev;
  Value v = ev.Eval(*p, {});
  ASSERT_TRUE(v.IsError());
  EXPECT_TRUE(v.err->cost_exceeded);
}

TEST(CelEval, ReadsDocumentsInPlace) {
  doc::LoadedFile f;
  f.source = Source::FromString("d.yaml",
                                "spec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n"
                                "      - name: a\n        image: r.io/a\n      - name: b\n"
                                "        image: r.io/b\n");
  ASSERT_TRUE(yaml::Load(f));
  Env env;
  env.variables = {"object"};
  auto p = Compile(
      "object.spec.replicas >= 2 && object.spec.template.spec.containers.all(c, "
      "c.image.startsWith('r.io/')) && object.spec.?template.?spec.?hostNetwork.orValue(false) "
      "== false",
      env);
  ASSERT_TRUE(p) << p.error().message;
  Evaluator ev;
  Value obj = Value::FromNode(f.documents[0].root);
  EXPECT_EQ(DebugString(ev.Eval(*p, {&obj, 1})), "true");
  auto missing = Compile("object.spec.missing", env);
  Value err = ev.Eval(*missing, {&obj, 1});
  ASSERT_TRUE(err.IsError());
  EXPECT_EQ(err.err->message, "no such key: missing");
  EXPECT_EQ(err.err->offset, 12u);
}

}  // namespace
}  // namespace gori::cel

namespace gori::cel {
namespace {

// A policy's `variables.*`: each its own program, computed once when first read.
class Variables : public LazyResolver {
 public:
  Variables(Evaluator& ev, const Program& p) : ev_(ev), program_(p) {}
  Value Resolve(uint32_t) override {
    ++calls;
    return ev_.Eval(program_, {});
  }
  int calls = 0;

 private:
  Evaluator& ev_;
  const Program& program_;
};

TEST(CelEval, LazyVariablesAreComputedOnceWhenRead) {
  Env env;
  env.variables = {"object", "variables.limit"};
  EXPECT_EQ(env.IndexOf("variables.limit"), 1);
  auto p = Compile("variables.limit > 2 && variables.limit < 10", env);
  ASSERT_TRUE(p) << p.error().message;
  auto limit = Compile("[1, 2, 3].size() + 2");
  ASSERT_TRUE(limit);
  Evaluator ev;
  Variables vars(ev, *limit);
  Value values[2] = {Value::Null(), Value::Lazy()};
  EXPECT_EQ(DebugString(ev.Eval(*p, values, kPerCallCostLimit, &vars)), "true");
  EXPECT_EQ(vars.calls, 1);
  auto skip = Compile("false && variables.limit > 2", env);
  EXPECT_EQ(DebugString(ev.Eval(*skip, values, kPerCallCostLimit, &vars)), "false");
  EXPECT_EQ(vars.calls, 1);
}

}  // namespace
}  // namespace gori::cel

namespace gori::cel {
namespace {

TEST(CelPosition, OffsetsInsideYamlScalarsMapBackToTheFile) {
  std::string yaml =
      "spec:\n"
      "  validations:\n"
      "  - expression: |\n"
      "      object.spec.replicas >= 2 &&\n"
      "        objet.spec.x\n"
      "  - expression: \"size(objet) > 0\"\n"
      "  - expression: size(objet) > 0\n";
  doc::LoadedFile f;
  f.source = Source::FromString("policy.yaml", yaml);
  ASSERT_TRUE(yaml::Load(f));
  const doc::Node* vals = f.documents[0].root->Path({"spec", "validations"});
  ASSERT_NE(vals, nullptr);
  std::string_view file = yaml;
  auto check = [&](int i, std::string_view token, uint32_t line, uint32_t column) {
    const doc::Node* e = vals->items()[static_cast<std::size_t>(i)]->Get("expression");
    ASSERT_NE(e, nullptr);
    std::string_view text = e->text();
    uint32_t offset = static_cast<uint32_t>(text.find(token));
    SourcePos p = MapExpressionOffset(file, "policy.yaml", *e, text, offset);
    EXPECT_EQ(p.line, line) << i;
    EXPECT_EQ(p.column, column) << i;
  };
  check(0, "objet", 5, 9);
  check(1, "objet", 6, 23);
  check(2, "objet", 7, 22);
}

// Evaluates each of `exprs` over the document `yaml` (as `object`) on the fast walk and on the
// generic one (positions recorded): same value or error, same cost.
// Each expression compiled once and evaluated on each document in turn: the fast walk twice
// (its field-lookup hints cold, then warm; a later document finds them stale when its keys
// are elsewhere) and the generic walk once, which must agree in value, error and cost.
void ExpectBothWalksAgree(std::span<const std::string_view> yamls,
                          std::span<const std::string> exprs,
                          uint64_t cost_limit = kPerCallCostLimit) {
  std::vector<doc::LoadedFile> files(yamls.size());
  std::vector<Value> objects;
  for (std::size_t i = 0; i < yamls.size(); ++i) {
    files[i].source = Source::FromString("d.yaml", std::string(yamls[i]));
    ASSERT_TRUE(yaml::Load(files[i]));
    objects.push_back(Value::FromNode(files[i].documents[0].root));
  }
  Env env;
  env.variables = {"object"};
  for (const std::string& text : exprs) {
    SCOPED_TRACE(text);
    auto p = Compile(text, env);
    ASSERT_TRUE(p) << p.error().message;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      SCOPED_TRACE("document " + std::to_string(i));
      Evaluator generic;
      Blame blame;
      std::string b = DebugString(generic.Eval(*p, {&objects[i], 1}, cost_limit, nullptr, &blame));
      for (int round = 0; round < 2; ++round) {
        Evaluator fast;
        std::string a = DebugString(fast.Eval(*p, {&objects[i], 1}, cost_limit));
        EXPECT_EQ(a, b) << "round " << round;
        EXPECT_EQ(fast.last_cost(), generic.last_cost()) << "round " << round;
      }
    }
  }
}
void ExpectBothWalksAgree(std::string_view yaml, std::span<const std::string> exprs,
                          uint64_t cost_limit = kPerCallCostLimit) {
  const std::string_view yamls[] = {yaml};
  ExpectBothWalksAgree(yamls, exprs, cost_limit);
}

// `.?` chains under orValue(constant) and hasValue() take a walk that builds no optionals; the
// generic walk (taken when positions are recorded) must give the same values, errors and cost.
TEST(CelEval, OptionalChainsGiveTheSameResultOnBothWalks) {
  std::string deep = "object";
  for (int i = 0; i < 20; ++i) deep += ".?x";
  const std::string exprs[] = {
      "object.spec.?template.?spec.?securityContext.?runAsNonRoot.orValue(false)",
      "object.spec.?template.?spec.?hostNetwork.orValue(false)",
      "object.?spec.?missing.?deeper.orValue('none')",
      "object.spec.?name.?first.orValue(1)",  // a string has no fields: an error
      "object.spec.?template.?spec.hasValue()",
      "object.spec.?template.?nothing.hasValue()",
      "{'a': optional.of({'b': 2})}.?a.?b.orValue(0)",
      "{'a': optional.none()}.?a.?b.orValue(7)",
      "optional.none().?a.hasValue()",
      deep + ".orValue(3)",
      "object.?spec.?template.orValue(1) == 1",
  };
  ExpectBothWalksAgree(
      "spec:\n  name: web\n  template:\n    spec:\n"
      "      securityContext: {runAsNonRoot: true}\n",
      exprs);
  EXPECT_EQ(EvalText("{'a': {'b': 2}}.?a.?b.orValue(0)"), "2");
}

// Selection paths on a variable (`object.spec.replicas`) take a walk in place while every step
// is a field of a document map; anything else goes node by node.
TEST(CelEval, SelectionPathsGiveTheSameResultOnBothWalks) {
  std::string deep = "object";
  for (int i = 0; i < 20; ++i) deep += ".x";
  const std::string exprs[] = {
      "object.spec.replicas >= 2",
      "object.spec.template.spec.containers[0].name",
      "object.spec.missing",                     // no such key
      "object.spec.name.first",                  // a string has no fields
      "object.spec.template.spec.containers.x",  // nor has a list
      "{'a': {'b': 2}}.a.b",                     // a built map: node by node
      "[object.spec][0].replicas",
      "object.spec.template.spec.containers.all(c, c.name == 'a')",
      deep,
      "cel.bind(s, object.spec, s.template.spec.containers.size())",
  };
  ExpectBothWalksAgree(
      "spec:\n  replicas: 3\n  name: web\n  template:\n    spec:\n"
      "      containers: [{name: a}]\n",
      exprs);
}

// A comparison of a selection path or an `orValue` chain with an int, string or bool constant
// is decided on the document scalar in place when it has the constant's type; every other
// case (other types, numbers across types, missing fields, errors) goes node by node.
TEST(CelEval, InPlaceComparisonsGiveTheSameResultOnBothWalks) {
  std::vector<std::string> exprs;
  for (std::string op : {"<", "<=", ">", ">=", "==", "!="}) {
    for (std::string operand :
         {"object.spec.replicas", "object.spec.big", "object.spec.ratio", "object.spec.name",
          "object.spec.quoted", "object.spec.on", "object.spec.missing", "object.spec.list",
          "object.spec.nil", "object.spec.name.first", "object.?spec.?replicas.orValue(1)",
          "object.?spec.?missing.orValue(1)", "object.?spec.?missing.orValue('web')",
          "object.?spec.?missing.orValue(true)", "object.?spec.?missing.orValue(2.5)",
          "object.?spec.?name.?first.orValue(1)", "object.spec.?sub.?n.orValue(0)",
          "object.spec.sub.?n.orValue(0)", "object.spec.list.?x.orValue(0)"}) {
      for (std::string constant : {"3", "-1", "'web'", "'3'", "true", "false"}) {
        exprs.push_back(operand + " " + op + " " + constant);
      }
    }
  }
  exprs.push_back("object.spec.list.all(c, c.?n.orValue(0) < 2)");
  exprs.push_back("object.spec.list.exists(c, c.name == 'b')");
  const char* yaml =
      "spec:\n  replicas: 3\n  big: 0x10\n  ratio: 2.5\n  name: web\n  quoted: '3'\n"
      "  on: true\n  nil: null\n  sub: {n: 7}\n  list: [{name: a, n: 1}, {name: b}]\n";
  // The same fields in another order (the hints of the first document point elsewhere), a
  // duplicated key (hints unused: the last occurrence counts), other values and types.
  const std::string_view documents[] = {
      yaml,
      "spec:\n  list: [{n: 1, name: a}]\n  sub: {n: 1}\n  on: false\n  name: api\n"
      "  replicas: 2\n  nil: 5\n",
      "spec:\n  replicas: 1\n  replicas: 4\n  on: 'true'\n  name: 3\n  big: 007\n",
      "kind: x\nspec: [1]\n",
  };
  ExpectBothWalksAgree(documents, exprs);
  // Running out of budget at each step gives the same error on both walks.
  const std::string limited[] = {"object.spec.replicas >= 2",
                                 "object.?spec.?missing.orValue(1) == 1",
                                 "object.spec.sub.?n.orValue(0) > 5"};
  for (uint64_t limit = 0; limit < 6; ++limit) ExpectBothWalksAgree(yaml, limited, limit);
  EXPECT_EQ(EvalText("1 == 1"), "true");
}

// Field selection as cel-go qualifies attributes (what the API server runs): a value without
// fields (null, a scalar) has none, so has() is false, `.?f` none and `.f` a missing key; a
// list is an error either way; through an optional the selection reads its value's fields.
// A null field of a document map is absent, as in the decoded objects the API server reads.
TEST(CelEval, FieldsOfValuesWithoutFieldsAreMissingAsInCelGo) {
  doc::LoadedFile f;
  f.source = Source::FromString(
      "d.yaml", std::string("spec:\n  n: null\n  s: text\n  i: 3\n  l: [1]\n  m: {a: 1}\n"));
  ASSERT_TRUE(yaml::Load(f));
  Env env;
  env.variables = {"object", "variables.x"};
  Value vars[2] = {Value::FromNode(f.documents[0].root), Value::Int(1)};
  auto eval = [&](std::string_view text) {
    auto p = Compile(text, env);
    if (!p) return "compile error: " + p.error().message;
    Evaluator ev;
    return DebugString(ev.Eval(*p, vars));
  };
  EXPECT_EQ(eval("has(object.spec.n)"), "false");
  EXPECT_EQ(eval("object.spec.n"), "error(no such key: n)");
  EXPECT_EQ(eval("object.spec.?n.orValue(7)"), "7");
  EXPECT_EQ(eval("object.spec.n == null"), "error(no such key: n)");
  EXPECT_EQ(eval("has(object.spec.s.x)"), "false");
  EXPECT_EQ(eval("object.spec.s.x"), "error(no such key: x)");
  EXPECT_EQ(eval("object.spec.i.?x.hasValue()"), "false");
  EXPECT_EQ(eval("has(object.spec.l.x)"), "error(unsupported index type 'string' in list)");
  EXPECT_EQ(eval("object.spec.l.x"), "error(unsupported index type 'string' in list)");
  EXPECT_EQ(eval("has(null.x)"), "false");
  EXPECT_EQ(eval("optional.of(1).x"), "error(no such key: x)");
  EXPECT_EQ(eval("object.spec.?m.a.orValue(0)"), "1");
  EXPECT_EQ(eval("has(variables.x)"), "true");
  EXPECT_EQ(eval("has(variables.y)"),
            "compile error: undeclared reference to 'variables' (in container '')");
}

}  // namespace
}  // namespace gori::cel
