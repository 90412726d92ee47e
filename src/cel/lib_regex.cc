// src/cel/lib_regex.cc
//
// Regular expressions in RE2 syntax (Debian's libre2): `matches` (standard) and Kubernetes'
// `find` / `findAll`. Compiled patterns are cached process-wide by text, so an expression
// evaluated many times compiles its pattern once. Cost follows Kubernetes: pattern length
// times input length, scaled.
#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "cel/functions.h"
#include "cel/lib_util.h"

namespace gori::cel {
namespace {

// Returns nullptr (and the error text) for an invalid pattern.
std::shared_ptr<const RE2> Compiled(std::string_view pattern, std::string* error) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::shared_ptr<const RE2>> cache;
  std::lock_guard<std::mutex> lock(mu);
  std::string key(pattern);
  auto it = cache.find(key);
  if (it != cache.end()) {
    if (!it->second->ok()) *error = it->second->error();
    return it->second->ok() ? it->second : nullptr;
  }
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (cache.size() > 4096) cache.clear();
  cache.emplace(key, re);
  if (!re->ok()) {
    *error = re->error();
    return nullptr;
  }
  return re;
}

Value BadRegex(EvalContext& ctx, const Expr& c, const std::string& error) {
  return ctx.Error(c, "invalid regex: " + error);
}

bool Charge(EvalContext& ctx, const Value& s, const Value& p) {
  return ctx.Charge((uint64_t{s.size} + 1) * (uint64_t{p.size} + 1) / 40);
}

Value Matches(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString || a[1].kind != Kind::kString) return ctx.NoOverload(c);
  std::string error;
  auto re = Compiled(a[1].str(), &error);
  if (!re) return BadRegex(ctx, c, error);
  if (!Charge(ctx, a[0], a[1])) return ctx.CostError(c);
  std::string_view s = a[0].str();
  return Value::Bool(RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re));
}

Value Find(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString || a[1].kind != Kind::kString) return ctx.NoOverload(c);
  std::string error;
  auto re = Compiled(a[1].str(), &error);
  if (!re) return BadRegex(ctx, c, error);
  if (!Charge(ctx, a[0], a[1])) return ctx.CostError(c);
  std::string_view s = a[0].str();
  re2::StringPiece m;
  if (!re->Match(re2::StringPiece(s.data(), s.size()), 0, s.size(), RE2::UNANCHORED, &m, 1)) {
    return Value::String("");
  }
  return Value::String(std::string_view(m.data(), m.size()));
}

Value FindAll(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind != Kind::kString || a[1].kind != Kind::kString ||
      (n == 3 && a[2].kind != Kind::kInt)) {
    return ctx.NoOverload(c);
  }
  std::string error;
  auto re = Compiled(a[1].str(), &error);
  if (!re) return BadRegex(ctx, c, error);
  if (!Charge(ctx, a[0], a[1])) return ctx.CostError(c);
  int64_t limit = n == 3 ? a[2].i : -1;
  std::string_view s = a[0].str();
  re2::StringPiece input(s.data(), s.size());
  std::vector<Value> out;
  std::size_t pos = 0;
  while ((limit < 0 || static_cast<int64_t>(out.size()) < limit) && pos <= s.size()) {
    re2::StringPiece m;
    if (!re->Match(input, pos, s.size(), RE2::UNANCHORED, &m, 1)) break;
    std::size_t start = static_cast<std::size_t>(m.data() - s.data());
    out.push_back(Value::String(std::string_view(m.data(), m.size())));
    pos = start + m.size();
    if (m.empty()) ++pos;
  }
  return MakeList(ctx, out);
}

constexpr FunctionDef kRegex[] = {
    {"matches", true, 2, Matches},
    {"matches", false, 2, Matches},
    {"find", true, 2, Find, 0, "k8s.regex"},
    {"findAll", true, 2, FindAll, 0, "k8s.regex"},
    {"findAll", true, 3, FindAll, 0, "k8s.regex"},
};

}  // namespace

std::span<const FunctionDef> RegexFunctions() { return kRegex; }

}  // namespace gori::cel
