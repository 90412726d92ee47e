// src/cel/k8s/semver.cc
//
// Kubernetes' semver library (new expressions from 1.34): semver(), isSemver() (both with an
// optional `normalize` flag that accepts a leading "v" and missing minor/patch), major(),
// minor(), patch(), and comparison by Semantic Versioning 2.0 precedence (pre-releases
// compare field by field; build metadata is ignored).
#include <optional>
#include <string>

#include "cel/functions.h"
#include "cel/k8s/library.h"
#include "cel/lib_util.h"

namespace gori::cel {
namespace {

constexpr uint16_t kSince = 34;

struct Semver {
  uint64_t major, minor, patch;
  const char* pre;  // arena text, may be empty
  uint32_t pre_len;
};

bool Number(std::string_view s, uint64_t* out) {
  if (s.empty() || (s.size() > 1 && s[0] == '0') || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

bool Identifiers(std::string_view s, bool numeric_no_leading_zero) {
  if (s.empty()) return false;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t dot = s.find('.', start);
    std::string_view id =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (id.empty()) return false;
    bool all_digits = true;
    for (char c : id) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
        return false;
      all_digits = all_digits && c >= '0' && c <= '9';
    }
    if (numeric_no_leading_zero && all_digits && id.size() > 1 && id[0] == '0') return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

std::optional<Semver> Parse(std::string_view s, bool normalize, std::string_view* pre_out) {
  if (normalize && !s.empty() && s[0] == 'v') s.remove_prefix(1);
  std::string_view build;
  std::size_t plus = s.find('+');
  if (plus != std::string_view::npos) {
    build = s.substr(plus + 1);
    s = s.substr(0, plus);
    if (!Identifiers(build, false)) return std::nullopt;
  }
  std::string_view pre;
  std::size_t dash = s.find('-');
  if (dash != std::string_view::npos) {
    pre = s.substr(dash + 1);
    s = s.substr(0, dash);
    if (!Identifiers(pre, true)) return std::nullopt;
  }
  Semver v{};
  std::string_view parts[3];
  int n = 0;
  std::size_t start = 0;
  while (n < 3) {
    std::size_t dot = s.find('.', start);
    parts[n++] =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
    if (n == 3) return std::nullopt;
  }
  if (n < 3 && !normalize) return std::nullopt;
  uint64_t* fields[3] = {&v.major, &v.minor, &v.patch};
  for (int i = 0; i < 3; ++i) {
    if (i >= n) {
      *fields[i] = 0;
      continue;
    }
    std::string_view p = parts[i];
    if (normalize) {
      while (p.size() > 1 && p[0] == '0') p.remove_prefix(1);
    }
    if (!Number(p, fields[i])) return std::nullopt;
  }
  *pre_out = pre;
  return v;
}

int ComparePre(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() == b.empty() ? 0 : (a.empty() ? 1 : -1);
  while (true) {
    std::size_t da = a.find('.'), db = b.find('.');
    std::string_view x = a.substr(0, da), y = b.substr(0, db);
    bool nx = !x.empty() && x.find_first_not_of("0123456789") == std::string_view::npos;
    bool ny = !y.empty() && y.find_first_not_of("0123456789") == std::string_view::npos;
    int r = 0;
    if (nx && ny) {
      r = x.size() != y.size() ? (x.size() < y.size() ? -1 : 1) : x.compare(y);
    } else if (nx != ny) {
      r = nx ? -1 : 1;
    } else {
      r = x.compare(y);
    }
    if (r != 0) return r < 0 ? -1 : 1;
    if (da == std::string_view::npos || db == std::string_view::npos) {
      if (da == db) return 0;
      return da == std::string_view::npos ? -1 : 1;
    }
    a = a.substr(da + 1);
    b = b.substr(db + 1);
  }
}

int CompareSemver(const Semver& a, const Semver& b) {
  auto cmp = [](uint64_t x, uint64_t y) { return x < y ? -1 : (x > y ? 1 : 0); };
  if (int r = cmp(a.major, b.major)) return r;
  if (int r = cmp(a.minor, b.minor)) return r;
  if (int r = cmp(a.patch, b.patch)) return r;
  return ComparePre({a.pre, a.pre_len}, {b.pre, b.pre_len});
}

bool SEqual(const void* a, const void* b) {
  return CompareSemver(*static_cast<const Semver*>(a), *static_cast<const Semver*>(b)) == 0;
}
std::string SString(const void* a) {
  auto* v = static_cast<const Semver*>(a);
  std::string s =
      std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
  if (v->pre_len) s += "-" + std::string(v->pre, v->pre_len);
  return s;
}

const OpaqueType kSemverType{"kubernetes.Semver", SEqual, SString};

const Semver* AsSemver(const Value& v) {
  return v.kind == Kind::kOpaque && v.otype() == &kSemverType
             ? static_cast<const Semver*>(v.opaque_data())
             : nullptr;
}

// Why `s` is not a version, in the words of the semver parser Kubernetes uses (its errors are
// the evaluation error the API server reports), for the common mistakes; a generic text else.
std::string ParseError(std::string_view s) {
  if (s.empty()) return "Version string empty";
  std::size_t first = s.find('.');
  std::size_t second = first == std::string_view::npos ? first : s.find('.', first + 1);
  if (second == std::string_view::npos) return "No Major.Minor.Patch elements found";
  std::string_view parts[2] = {s.substr(0, first), s.substr(first + 1, second - first - 1)};
  const char* names[2] = {"major", "minor"};
  const char* capitalized[2] = {"Major", "Minor"};
  for (int i = 0; i < 2; ++i) {
    std::string_view p = parts[i];
    bool digits = !p.empty();
    for (char ch : p) digits = digits && ch >= '0' && ch <= '9';
    if (!digits) {
      return "Invalid character(s) found in " + std::string(names[i]) + " number \"" +
             std::string(p) + "\"";
    }
    if (p.size() > 1 && p[0] == '0') {
      return std::string(capitalized[i]) + " number must not contain leading zeroes \"" +
             std::string(p) + "\"";
    }
  }
  return "could not parse semver: " + std::string(s);
}

Value Of(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind != Kind::kString || (n == 2 && a[1].kind != Kind::kBool)) return ctx.NoOverload(c);
  std::string_view pre;
  auto v = Parse(a[0].str(), n == 2 && a[1].b, &pre);
  if (!v) {
    std::string_view text = a[0].str();
    if (n == 2 && a[1].b && !text.empty() && text[0] == 'v') text.remove_prefix(1);
    return ctx.Error(c, ParseError(text));
  }
  std::string_view stored = ctx.Copy(pre);
  v->pre = stored.data();
  v->pre_len = static_cast<uint32_t>(stored.size());
  return ctx.NewOpaque(&kSemverType, ctx.arena().New<Semver>(*v));
}

Value IsSemver(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind != Kind::kString || (n == 2 && a[1].kind != Kind::kBool)) return ctx.NoOverload(c);
  std::string_view pre;
  return Value::Bool(Parse(a[0].str(), n == 2 && a[1].b, &pre).has_value());
}

template <int kField>
Value Field(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Semver* v = AsSemver(a[0]);
  if (!v) return ctx.NoOverload(c);
  uint64_t x = kField == 0 ? v->major : kField == 1 ? v->minor : v->patch;
  if (x > static_cast<uint64_t>(INT64_MAX)) return ctx.Error(c, "integer overflow");
  return Value::Int(static_cast<int64_t>(x));
}

constexpr FunctionDef kSemver[] = {
    {"semver", false, 1, Of, kSince, "k8s.semver"},
    {"semver", false, 2, Of, kSince, "k8s.semver"},
    {"isSemver", false, 1, IsSemver, kSince, "k8s.semver"},
    {"isSemver", false, 2, IsSemver, kSince, "k8s.semver"},
    {"major", true, 1, Field<0>, kSince, "k8s.semver"},
    {"minor", true, 1, Field<1>, kSince, "k8s.semver"},
    {"patch", true, 1, Field<2>, kSince, "k8s.semver"},
};

}  // namespace

Value SemverCompare(EvalContext& ctx, const Expr& c, const Value* a, int op) {
  const Semver* x = AsSemver(a[0]);
  const Semver* y = AsSemver(a[1]);
  if (!x || !y) return ctx.NoOverload(c);
  int r = CompareSemver(*x, *y);
  if (op == 2) return Value::Bool(r < 0);
  if (op == 3) return Value::Bool(r > 0);
  return Value::Int(r);
}

std::span<const FunctionDef> SemverFunctions() { return kSemver; }

}  // namespace gori::cel
