// src/cel/conformance_test.cc
//
// Runs the CEL specification's conformance files (../shared/cel-spec, read-only, beside the
// repository) through gori's CEL and prints the pass count per file. Tests that need protobuf
// message types (a proto container, message literals, TestAllTypes values, enums, wrappers)
// are counted apart: gori has no message types. Every other test must pass unless it is named
// in conformance_skips.txt with a reason; a listed test that passes is reported so the list
// shrinks. Absent data skips the test with a message.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cel/cel.h"
#include "cel/textproto.h"
#include "cel/time_util.h"

namespace gori::cel {
namespace {

namespace tp = textproto;

constexpr const char* kFiles[] = {
    "basic",      "comparisons", "conversions", "fields",      "fp_math",      "integer_math",
    "lists",      "logic",       "macros",      "macros2",     "parse",        "string",
    "string_ext", "optionals",   "timestamps",  "network_ext", "bindings_ext", "plumbing"};

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Whether a test's data or expression needs protobuf message types.
bool NeedsMessages(const tp::Field& f) {
  if (f.name == "object_value") {
    for (const tp::Field& c : f.fields) {
      if (c.name != "[type.googleapis.com/google.protobuf.Duration]" &&
          c.name != "[type.googleapis.com/google.protobuf.Timestamp]") {
        return true;
      }
    }
  }
  if (f.name == "enum_value" || f.name == "message_type") {
    if (f.name == "message_type" &&
        (f.scalar == "google.protobuf.Duration" || f.scalar == "google.protobuf.Timestamp")) {
      return false;
    }
    return true;
  }
  for (const tp::Field& c : f.fields) {
    if (NeedsMessages(c)) return true;
  }
  return false;
}

bool ExprNeedsMessages(std::string_view e) {
  for (std::string_view word :
       {"TestAllTypes", "NestedTestAllTypes", "cel.expr.conformance", "GlobalEnum",
        "google.protobuf.Int", "google.protobuf.UInt", "google.protobuf.Bool",
        "google.protobuf.String", "google.protobuf.Bytes", "google.protobuf.Double",
        "google.protobuf.Float", "google.protobuf.Value", "google.protobuf.Struct",
        "google.protobuf.ListValue", "google.protobuf.Any", "google.protobuf.NullValue",
        "google.protobuf.Timestamp{", "google.protobuf.Duration{"}) {
    if (e.find(word) != std::string_view::npos) return true;
  }
  return false;
}

class Converter {
 public:
  explicit Converter(Arena& arena) : arena_(arena) {}

  bool ToValue(const tp::Field& v, Value* out) {
    for (const tp::Field& f : v.fields) {
      const std::string& s = f.scalar;
      if (f.name == "null_value") {
        *out = Value::Null();
      } else if (f.name == "bool_value") {
        *out = Value::Bool(s == "true");
      } else if (f.name == "int64_value") {
        *out = Value::Int(std::stoll(s));
      } else if (f.name == "uint64_value") {
        *out = Value::Uint(std::stoull(s));
      } else if (f.name == "double_value") {
        *out = Value::Double(ParseDouble(s));
      } else if (f.name == "string_value") {
        *out = Value::String(arena_.CopyString(s));
      } else if (f.name == "bytes_value") {
        *out = Value::Bytes(arena_.CopyString(s));
      } else if (f.name == "type_value") {
        *out = Value::Type(arena_.CopyString(s));
      } else if (f.name == "list_value") {
        auto items = f.All("values");
        Value* p = static_cast<Value*>(
            arena_.Allocate(sizeof(Value) * (items.size() + 1), alignof(Value)));
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (!ToValue(*items[i], &p[i])) return false;
        }
        *out = Value::List(p, static_cast<uint32_t>(items.size()));
      } else if (f.name == "map_value") {
        auto entries = f.All("entries");
        auto* p = static_cast<MapEntry*>(
            arena_.Allocate(sizeof(MapEntry) * (entries.size() + 1), alignof(MapEntry)));
        for (std::size_t i = 0; i < entries.size(); ++i) {
          const tp::Field* k = entries[i]->Get("key");
          const tp::Field* val = entries[i]->Get("value");
          if (!k || !val || !ToValue(*k, &p[i].key) || !ToValue(*val, &p[i].value)) return false;
        }
        *out = Value::Map(p, static_cast<uint32_t>(entries.size()));
      } else if (f.name == "object_value" && !f.fields.empty()) {
        const tp::Field& any = f.fields[0];
        int64_t secs = 0;
        int64_t nanos = 0;
        if (const tp::Field* x = any.Get("seconds")) secs = std::stoll(x->scalar);
        if (const tp::Field* x = any.Get("nanos")) nanos = std::stoll(x->scalar);
        if (nanos < 0) {
          nanos += 1'000'000'000;
          secs -= 1;
        }
        if (any.name.find("Duration") != std::string::npos) {
          *out = Value::Duration(secs, static_cast<uint32_t>(nanos));
        } else {
          *out = Value::Timestamp(secs, static_cast<uint32_t>(nanos));
        }
      } else {
        return false;
      }
      return true;
    }
    return false;
  }

 private:
  static double ParseDouble(const std::string& s) {
    if (s == "inf" || s == "Infinity") return INFINITY;
    if (s == "-inf" || s == "-Infinity") return -INFINITY;
    if (s == "nan" || s == "NaN") return NAN;
    return std::strtod(s.c_str(), nullptr);
  }
  Arena& arena_;
};

// Conformance equality: kinds must match exactly; NaN equals NaN.
bool SameValue(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::kDouble:
      if (std::isnan(a.d) && std::isnan(b.d)) return true;
      return a.d == b.d;
    case Kind::kList:
      if (a.size != b.size) return false;
      for (uint32_t i = 0; i < a.size; ++i) {
        if (!SameValue(ListAt(a, i), ListAt(b, i))) return false;
      }
      return true;
    case Kind::kMap:
      if (a.size != b.size) return false;
      for (uint32_t i = 0; i < a.size; ++i) {
        MapEntry e = MapAt(a, i);
        bool found = false;
        for (uint32_t j = 0; j < b.size && !found; ++j) {
          MapEntry f = MapAt(b, j);
          found = SameValue(e.key, f.key) && SameValue(e.value, f.value);
        }
        if (!found) return false;
      }
      return true;
    case Kind::kOptional:
      if (!a.opt || !b.opt) return a.opt == b.opt;
      return SameValue(*a.opt, *b.opt);
    default:
      return Equal(a, b);
  }
}

struct Outcome {
  bool ran = false;
  bool passed = false;
  std::string detail;
};

Outcome RunTest(const tp::Field& t) {
  Outcome o;
  Arena arena;
  Converter conv(arena);
  Env env;
  std::vector<Value> values;
  for (const tp::Field* d : t.All("type_env")) {
    if (const tp::Field* n = d->Get("name")) {
      if (d->Get("function")) continue;
      env.variables.push_back(n->scalar);
    }
  }
  for (const tp::Field* b : t.All("bindings")) {
    const tp::Field* k = b->Get("key");
    if (!k) continue;
    if (std::find(env.variables.begin(), env.variables.end(), k->scalar) == env.variables.end()) {
      env.variables.push_back(k->scalar);
    }
  }
  values.resize(env.variables.size());
  std::vector<bool> bound(env.variables.size(), false);
  for (const tp::Field* b : t.All("bindings")) {
    const tp::Field* k = b->Get("key");
    const tp::Field* v = b->Get("value");
    if (!k || !v) continue;
    const tp::Field* inner = v->Get("value");
    std::size_t i = static_cast<std::size_t>(
        std::find(env.variables.begin(), env.variables.end(), k->scalar) - env.variables.begin());
    if (inner && conv.ToValue(*inner, &values[i])) bound[i] = true;
  }
  env.homogeneous_literals = false;  // the conformance environment mixes types in literals
  env.strings_version = 3;           // string_ext tests reverse()
  if (const tp::Field* c = t.Get("container")) env.container = c->scalar;
  if (const tp::Field* m = t.Get("disable_check")) env.check_references = m->scalar != "true";
  if (const tp::Field* m = t.Get("disable_macros")) env.parse.macros = m->scalar != "true";
  const tp::Field* expr = t.Get("expr");
  std::string text = expr ? expr->scalar : "";
  o.ran = true;
  // Unbound declared variables are missing at evaluation: pass only the bound prefix.
  std::size_t prefix = 0;
  while (prefix < bound.size() && bound[prefix]) ++prefix;
  auto program = Compile(text, env);
  Value result;
  Evaluator ev;
  bool compile_failed = !program;
  if (!compile_failed) result = ev.Eval(*program, std::span<Value>(values.data(), prefix));

  const tp::Field* want_value = t.Get("value");
  if (const tp::Field* tr = t.Get("typed_result")) want_value = tr->Get("result");
  bool want_error = t.Get("eval_error") || t.Get("any_eval_errors");
  if (want_error) {
    o.passed = compile_failed || result.IsError();
    if (!o.passed) o.detail = "expected an error, got " + DebugString(result);
    return o;
  }
  if (compile_failed) {
    o.detail = "compile error: " + program.error().message;
    return o;
  }
  Value want = Value::Bool(true);
  if (want_value && !conv.ToValue(*want_value, &want)) {
    o.detail = "expected value not convertible";
    return o;
  }
  o.passed = SameValue(result, want);
  if (!o.passed) o.detail = "got " + DebugString(result) + ", want " + DebugString(want);
  return o;
}

std::map<std::string, std::string> LoadSkips() {
  std::map<std::string, std::string> skips;
  std::ifstream in(std::string(GORI_SOURCE_DIR) + "/src/cel/conformance_skips.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t sp = line.find(' ');
    std::string key = line.substr(0, sp);
    skips[key] = sp == std::string::npos ? "" : line.substr(sp + 1);
  }
  return skips;
}

TEST(CelConformance, SpecFilesPass) {
  std::filesystem::path dir = std::filesystem::path(GORI_SOURCE_DIR) / ".." / "shared" /
                              "cel-spec" / "tests" / "simple" / "testdata";
  if (!std::filesystem::exists(dir)) {
    std::printf("skipped: cel-spec data not present (%s)\n", dir.string().c_str());
    GTEST_SKIP() << "cel-spec data not present";
  }
  auto skips = LoadSkips();
  std::set<std::string> used;
  int total_pass = 0, total_fail = 0, total_skip = 0, total_proto = 0;
  std::printf("%-14s %6s %6s %8s %6s %6s\n", "file", "passed", "failed", "skipped", "proto",
              "total");
  for (const char* name : kFiles) {
    std::string text = ReadFile(dir / (std::string(name) + ".textproto"));
    auto file = tp::Parse(text, name);
    ASSERT_TRUE(file) << file.error().ToString();
    int pass = 0, fail = 0, skip = 0, proto = 0;
    for (const tp::Field* section : file->All("section")) {
      const tp::Field* sn = section->Get("name");
      for (const tp::Field* test : section->All("test")) {
        const tp::Field* tn = test->Get("name");
        std::string id =
            std::string(name) + "/" + (sn ? sn->scalar : "") + "/" + (tn ? tn->scalar : "");
        const tp::Field* expr = test->Get("expr");
        const tp::Field* container = test->Get("container");
        bool needs_messages =
            NeedsMessages(*test) || (expr && ExprNeedsMessages(expr->scalar)) ||
            (container && container->scalar.rfind("cel.expr.conformance", 0) == 0);
        if (needs_messages) {
          ++proto;
          continue;
        }
        Outcome o = RunTest(*test);
        auto sk = skips.find(id);
        if (sk != skips.end()) {
          used.insert(id);
          if (o.passed)
            std::printf("  listed in conformance_skips.txt but passes now: %s\n", id.c_str());
          ++skip;
          continue;
        }
        if (o.passed) {
          ++pass;
        } else {
          ++fail;
          std::printf("  FAIL %s: %s\n    expr: %s\n", id.c_str(), o.detail.c_str(),
                      expr ? expr->scalar.c_str() : "");
        }
      }
    }
    std::printf("%-14s %6d %6d %8d %6d %6d\n", name, pass, fail, skip, proto,
                pass + fail + skip + proto);
    total_pass += pass;
    total_fail += fail;
    total_skip += skip;
    total_proto += proto;
  }
  std::printf("%-14s %6d %6d %8d %6d %6d\n", "total", total_pass, total_fail, total_skip,
              total_proto, total_pass + total_fail + total_skip + total_proto);
  for (const auto& [id, reason] : skips) {
    if (!used.count(id)) std::printf("  stale entry in conformance_skips.txt: %s\n", id.c_str());
  }
  EXPECT_EQ(total_fail, 0);
}

}  // namespace
}  // namespace gori::cel
