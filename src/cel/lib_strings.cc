// src/cel/lib_strings.cc
//
// cel-go's strings extension as Kubernetes enables it (version 2 from Kubernetes 1.30: format,
// strings.quote, join; charAt ... trim since the start), indexed by code point. `indexOf`,
// `lastIndexOf` and `reverse` on lists dispatch to the list library.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

#include "cel/functions.h"
#include "cel/lib_util.h"
#include "cel/time_util.h"

namespace gori::cel {

Value ListIndexOf(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n);
Value ListLastIndexOf(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n);
Value ListReverse(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n);

namespace {

bool Str(const Value& v) { return v.kind == Kind::kString; }

Value CharAt(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (!Str(a[0]) || a[1].kind != Kind::kInt) return ctx.NoOverload(c);
  std::string_view s = a[0].str();
  int64_t i = a[1].i;
  uint32_t len = CodePointCount(s);
  if (i < 0 || i > len) return ctx.Error(c, "index out of range: " + std::to_string(i));
  if (i == len) return Value::String("");
  std::size_t b = CodePointOffset(s, static_cast<uint32_t>(i));
  std::size_t e = CodePointOffset(s, static_cast<uint32_t>(i + 1));
  return Value::String(s.substr(b, e - b));
}

Value IndexOf(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind == Kind::kList) return ListIndexOf(ctx, c, a, n);
  if (!Str(a[0]) || !Str(a[1]) || (n == 3 && a[2].kind != Kind::kInt)) return ctx.NoOverload(c);
  std::string_view s = a[0].str(), t = a[1].str();
  uint32_t len = CodePointCount(s);
  int64_t start = n == 3 ? a[2].i : 0;
  if (start < 0 || start > len) return ctx.Error(c, "index out of range: " + std::to_string(start));
  if (!ctx.Charge(s.size() / 10)) return ctx.CostError(c);
  std::size_t from = CodePointOffset(s, static_cast<uint32_t>(start));
  std::size_t at = s.find(t, from);
  if (at == std::string_view::npos) return Value::Int(-1);
  return Value::Int(CodePointCount(s.substr(0, at)));
}

Value LastIndexOf(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind == Kind::kList) return ListLastIndexOf(ctx, c, a, n);
  if (!Str(a[0]) || !Str(a[1]) || (n == 3 && a[2].kind != Kind::kInt)) return ctx.NoOverload(c);
  std::string_view s = a[0].str(), t = a[1].str();
  uint32_t len = CodePointCount(s);
  int64_t start = n == 3 ? a[2].i : len;
  if (start < 0 || start > len) return ctx.Error(c, "index out of range: " + std::to_string(start));
  if (t.empty()) return Value::Int(start);
  std::size_t from = CodePointOffset(s, static_cast<uint32_t>(start));
  std::size_t at = s.rfind(t, from);
  if (at == std::string_view::npos) return Value::Int(-1);
  return Value::Int(CodePointCount(s.substr(0, at)));
}

template <bool kUpper>
Value CaseAscii(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (!Str(a[0])) return ctx.NoOverload(c);
  std::string s(a[0].str());
  for (char& ch : s) {
    if (kUpper && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
    if (!kUpper && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  return ctx.NewString(s);
}

Value Replace(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (!Str(a[0]) || !Str(a[1]) || !Str(a[2]) || (n == 4 && a[3].kind != Kind::kInt)) {
    return ctx.NoOverload(c);
  }
  std::string_view s = a[0].str(), from = a[1].str(), to = a[2].str();
  int64_t limit = n == 4 ? a[3].i : -1;
  if (!ctx.Charge(s.size() / 10)) return ctx.CostError(c);
  std::string out;
  int64_t done = 0;
  if (from.empty()) {
    // Go's strings.Replace: an empty `from` matches before every code point and at the end.
    std::vector<uint32_t> cps = CodePoints(s);
    for (std::size_t i = 0; i <= cps.size(); ++i) {
      if (limit < 0 || done < limit) {
        out += to;
        ++done;
      }
      if (i < cps.size()) AppendUtf8(out, cps[i]);
    }
    return ctx.NewString(out);
  }
  std::size_t pos = 0;
  while (limit < 0 || done < limit) {
    std::size_t at = s.find(from, pos);
    if (at == std::string_view::npos) break;
    out += s.substr(pos, at - pos);
    out += to;
    pos = at + from.size();
    ++done;
  }
  out += s.substr(pos);
  return ctx.NewString(out);
}

Value Split(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (!Str(a[0]) || !Str(a[1]) || (n == 3 && a[2].kind != Kind::kInt)) return ctx.NoOverload(c);
  std::string_view s = a[0].str(), sep = a[1].str();
  int64_t limit = n == 3 ? a[2].i : -1;
  if (!ctx.Charge(s.size() / 10)) return ctx.CostError(c);
  std::vector<Value> parts;
  if (limit == 0) return MakeList(ctx, parts);
  if (sep.empty()) {
    std::size_t i = 0;
    while (i < s.size()) {
      if (limit > 0 && static_cast<int64_t>(parts.size()) == limit - 1) {
        parts.push_back(Value::String(s.substr(i)));
        i = s.size();
        break;
      }
      std::size_t e = i + 1;
      while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xc0) == 0x80) ++e;
      parts.push_back(Value::String(s.substr(i, e - i)));
      i = e;
    }
    return MakeList(ctx, parts);
  }
  // Two passes (count, then fill the arena list) so that no vector is grown per split.
  std::size_t count = 1;
  for (std::size_t pos = 0; limit < 0 || static_cast<int64_t>(count) < limit;) {
    std::size_t at = s.find(sep, pos);
    if (at == std::string_view::npos) break;
    ++count;
    pos = at + sep.size();
  }
  Value* items = ctx.NewValues(count);
  std::size_t pos = 0;
  for (std::size_t i = 0; i + 1 < count; ++i) {
    std::size_t at = s.find(sep, pos);
    items[i] = Value::String(s.substr(pos, at - pos));
    pos = at + sep.size();
  }
  items[count - 1] = Value::String(s.substr(pos));
  return Value::List(items, static_cast<uint32_t>(count));
}

Value Substring(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (!Str(a[0]) || a[1].kind != Kind::kInt || (n == 3 && a[2].kind != Kind::kInt)) {
    return ctx.NoOverload(c);
  }
  std::string_view s = a[0].str();
  uint32_t len = CodePointCount(s);
  int64_t b = a[1].i, e = n == 3 ? a[2].i : len;
  if (b < 0 || b > len) return ctx.Error(c, "index out of range: " + std::to_string(b));
  if (e < 0 || e > len) return ctx.Error(c, "index out of range: " + std::to_string(e));
  if (b > e)
    return ctx.Error(
        c, "invalid substring range. start: " + std::to_string(b) + ", end: " + std::to_string(e));
  std::size_t bo = CodePointOffset(s, static_cast<uint32_t>(b));
  std::size_t eo = CodePointOffset(s, static_cast<uint32_t>(e));
  return Value::String(s.substr(bo, eo - bo));
}

bool IsUnicodeSpace(uint32_t cp) {
  switch (cp) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200a;
  }
}

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

Value Trim(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (!Str(a[0])) return ctx.NoOverload(c);
  std::string_view s = a[0].str();
  // ASCII only (the usual case): the Unicode spaces below 0x80 are exactly \t..\r and ' ', so
  // trimming bytes gives the same string without decoding.
  if (std::all_of(s.begin(), s.end(), [](char ch) { return (ch & 0x80) == 0; })) {
    while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
    return Value::String(s);
  }
  std::vector<uint32_t> cps = CodePoints(s);
  std::size_t b = 0, e = cps.size();
  while (b < e && IsUnicodeSpace(cps[b])) ++b;
  while (e > b && IsUnicodeSpace(cps[e - 1])) --e;
  std::size_t bo = CodePointOffset(s, static_cast<uint32_t>(b));
  std::size_t eo = CodePointOffset(s, static_cast<uint32_t>(e));
  return Value::String(s.substr(bo, eo - bo));
}

Value Join(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind != Kind::kList || (n == 2 && !Str(a[1]))) return ctx.NoOverload(c);
  std::string_view sep = n == 2 ? a[1].str() : std::string_view();
  std::string out;
  for (uint32_t i = 0; i < a[0].size; ++i) {
    Value item = ListAt(a[0], i);
    if (!Str(item)) return ctx.NoOverload(c);
    if (i) out += sep;
    out += item.str();
  }
  if (!ctx.Charge(out.size() / 10)) return ctx.CostError(c);
  return ctx.NewString(out);
}

Value Quote(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (!Str(a[0])) return ctx.NoOverload(c);
  std::string_view s = a[0].str();
  std::string out = "\"";
  auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char ch = p[i];
    switch (ch) {
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      default:
        if (ch < 0x80) {
          out += static_cast<char>(ch);
        } else {
          std::string_view rest = s.substr(i);
          std::size_t len = 1;
          while (len < rest.size() && len < 4 && (p[i + len] & 0xc0) == 0x80) ++len;
          if (ValidUtf8(rest.substr(0, len))) {
            out += rest.substr(0, len);
            i += len;
            continue;
          }
          out += "\xef\xbf\xbd";
        }
    }
    ++i;
  }
  out += '"';
  return ctx.NewString(out);
}

Value Reverse(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (a[0].kind == Kind::kList) return ListReverse(ctx, c, a, n);
  if (!Str(a[0])) return ctx.NoOverload(c);
  std::vector<uint32_t> cps = CodePoints(a[0].str());
  std::string out;
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) AppendUtf8(out, *it);
  return ctx.NewString(out);
}

// The text `%s` gives a value in format().
bool FormatS(const Value& v, std::string& out, bool nested) {
  switch (v.kind) {
    case Kind::kString:
      out += v.str();
      return true;
    case Kind::kBytes:
      out += v.str();
      return true;
    case Kind::kNull:
      out += "null";
      return true;
    case Kind::kBool:
      out += v.b ? "true" : "false";
      return true;
    case Kind::kInt:
      out += std::to_string(v.i);
      return true;
    case Kind::kUint:
      out += std::to_string(v.u);
      return true;
    case Kind::kDouble:
      if (std::isinf(v.d)) {
        out += v.d > 0 ? "Infinity" : "-Infinity";
      } else {
        out += FormatDoubleGo(v.d);
      }
      return true;
    case Kind::kType:
      out += v.str();
      return true;
    case Kind::kTimestamp:
      out += FormatTimestamp(v.i, v.size);
      return true;
    case Kind::kDuration:
      out += FormatDuration(v.i, v.size);
      return true;
    case Kind::kList:
      out += '[';
      for (uint32_t i = 0; i < v.size; ++i) {
        if (i) out += ", ";
        if (!FormatS(ListAt(v, i), out, true)) return false;
      }
      out += ']';
      return true;
    case Kind::kMap: {
      std::vector<std::pair<std::string, std::string>> entries;
      for (uint32_t i = 0; i < v.size; ++i) {
        MapEntry e = MapAt(v, i);
        std::string k, val;
        if (!FormatS(e.key, k, true) || !FormatS(e.value, val, true)) return false;
        entries.emplace_back(k, val);
      }
      std::sort(entries.begin(), entries.end());
      out += '{';
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i) out += ", ";
        out += entries[i].first + ": " + entries[i].second;
      }
      out += '}';
      return true;
    }
    default:
      (void)nested;
      return false;
  }
}

std::string Binary(uint64_t u) {
  if (u == 0) return "0";
  std::string s;
  while (u) {
    s += static_cast<char>('0' + (u & 1));
    u >>= 1;
  }
  std::reverse(s.begin(), s.end());
  return s;
}

Value Format(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (!Str(a[0]) || a[1].kind != Kind::kList) return ctx.NoOverload(c);
  std::string_view f = a[0].str();
  const Value& args = a[1];
  std::string out;
  uint32_t next = 0;
  char buf[512];
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') {
      out += f[i];
      continue;
    }
    if (++i >= f.size()) return ctx.Error(c, "format: unterminated directive");
    if (f[i] == '%') {
      out += '%';
      continue;
    }
    int precision = -1;
    if (f[i] == '.') {
      precision = 0;
      ++i;
      while (i < f.size() && f[i] >= '0' && f[i] <= '9') {
        precision = precision * 10 + (f[i] - '0');
        if (precision > 100) return ctx.Error(c, "format: precision too large");
        ++i;
      }
      if (i >= f.size()) return ctx.Error(c, "format: unterminated directive");
    }
    char verb = f[i];
    if (next >= args.size) return ctx.Error(c, "index " + std::to_string(next) + " out of range");
    Value v = ListAt(args, next++);
    switch (verb) {
      case 's':
        if (!FormatS(v, out, false)) return ctx.Error(c, "format: %s does not support this type");
        break;
      case 'd':
        if (v.kind == Kind::kInt) {
          out += std::to_string(v.i);
        } else if (v.kind == Kind::kUint) {
          out += std::to_string(v.u);
        } else if (v.kind == Kind::kDouble && std::isnan(v.d)) {
          out += "NaN";
        } else if (v.kind == Kind::kDouble && std::isinf(v.d)) {
          out += v.d > 0 ? "Infinity" : "-Infinity";
        } else {
          return ctx.Error(
              c,
              "error during formatting: decimal clause can only be used on integers, was given " +
                  std::string(TypeName(v)));
        }
        break;
      case 'f':
      case 'e': {
        double d;
        if (v.kind == Kind::kDouble) {
          d = v.d;
        } else if (v.kind == Kind::kInt) {
          d = static_cast<double>(v.i);
        } else if (v.kind == Kind::kUint) {
          d = static_cast<double>(v.u);
        } else {
          return ctx.Error(c, std::string("error during formatting: ") +
                                  (verb == 'f' ? "fixed-point" : "scientific") +
                                  " clause can only be used on doubles, was given " +
                                  std::string(TypeName(v)));
        }
        if (std::isnan(d)) {
          out += "NaN";
        } else if (std::isinf(d)) {
          out += d > 0 ? "Infinity" : "-Infinity";
        } else {
          std::snprintf(buf, sizeof buf, verb == 'f' ? "%.*f" : "%.*e",
                        precision < 0 ? 6 : precision, d);
          out += buf;
        }
        break;
      }
      case 'b':
        if (v.kind == Kind::kInt) {
          if (v.i < 0) out += '-';
          out += Binary(v.i < 0 ? 0 - static_cast<uint64_t>(v.i) : static_cast<uint64_t>(v.i));
        } else if (v.kind == Kind::kUint) {
          out += Binary(v.u);
        } else if (v.kind == Kind::kBool) {
          out += v.b ? "1" : "0";
        } else {
          return ctx.Error(c,
                           "error during formatting: only integers and bools can be formatted as "
                           "binary, was given " +
                               std::string(TypeName(v)));
        }
        break;
      case 'o':
        if (v.kind == Kind::kInt) {
          if (v.i < 0) out += '-';
          std::snprintf(buf, sizeof buf, "%" PRIo64,
                        v.i < 0 ? 0 - static_cast<uint64_t>(v.i) : static_cast<uint64_t>(v.i));
        } else if (v.kind == Kind::kUint) {
          std::snprintf(buf, sizeof buf, "%" PRIo64, v.u);
        } else {
          return ctx.Error(
              c, "error during formatting: octal clause can only be used on integers, was given " +
                     std::string(TypeName(v)));
        }
        out += buf;
        break;
      case 'x':
      case 'X': {
        bool upper = verb == 'X';
        if (v.kind == Kind::kInt) {
          if (v.i < 0) out += '-';
          std::snprintf(buf, sizeof buf, upper ? "%" PRIX64 : "%" PRIx64,
                        v.i < 0 ? 0 - static_cast<uint64_t>(v.i) : static_cast<uint64_t>(v.i));
          out += buf;
        } else if (v.kind == Kind::kUint) {
          std::snprintf(buf, sizeof buf, upper ? "%" PRIX64 : "%" PRIx64, v.u);
          out += buf;
        } else if (v.kind == Kind::kString || v.kind == Kind::kBytes) {
          for (unsigned char ch : v.str()) {
            std::snprintf(buf, sizeof buf, upper ? "%02X" : "%02x", ch);
            out += buf;
          }
        } else {
          return ctx.Error(c,
                           "error during formatting: only integers, byte buffers, and strings can "
                           "be formatted as hex, was given " +
                               std::string(TypeName(v)));
        }
        break;
      }
      default:
        return ctx.Error(
            c, std::string("could not parse formatting clause: unrecognized formatting clause \"") +
                   verb + "\"");
    }
    if (!ctx.Charge(out.size() / 10 + 1)) return ctx.CostError(c);
  }
  return ctx.NewString(out);
}

constexpr FunctionDef kStrings[] = {
    {"charAt", true, 2, CharAt, 0, "strings"},
    {"indexOf", true, 2, IndexOf, 0, "strings"},
    {"indexOf", true, 3, IndexOf, 0, "strings"},
    {"lastIndexOf", true, 2, LastIndexOf, 0, "strings"},
    {"lastIndexOf", true, 3, LastIndexOf, 0, "strings"},
    {"lowerAscii", true, 1, CaseAscii<false>, 0, "strings"},
    {"upperAscii", true, 1, CaseAscii<true>, 0, "strings"},
    {"replace", true, 3, Replace, 0, "strings"},
    {"replace", true, 4, Replace, 0, "strings"},
    {"split", true, 2, Split, 0, "strings"},
    {"split", true, 3, Split, 0, "strings"},
    {"substring", true, 2, Substring, 0, "strings"},
    {"substring", true, 3, Substring, 0, "strings"},
    {"trim", true, 1, Trim, 0, "strings"},
    {"join", true, 1, Join, 0, "strings"},
    {"join", true, 2, Join, 0, "strings"},
    {"strings.quote", false, 1, Quote, 30, "strings"},
    // The lists extension's reverse (1.35); on strings only with Env::strings_version 3.
    {"reverse", true, 1, Reverse, 35, "strings"},
    {"format", true, 2, Format, 30, "strings"},
};

}  // namespace

std::span<const FunctionDef> StringFunctions() { return kStrings; }

}  // namespace gori::cel
