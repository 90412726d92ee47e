// src/cel/k8s/url.cc
//
// Kubernetes' URL library (available from the start): url() and isURL() accept what Go's
// url.ParseRequestURI accepts — an absolute URI (scheme:...) or an absolute path — and the
// accessors getScheme, getHost (with port; IPv6 in brackets), getHostname (without port or
// brackets), getPort, getEscapedPath and getQuery (a map of lists, decoded).
#include <optional>
#include <string>
#include <vector>

#include "cel/functions.h"
#include "cel/lib_util.h"

namespace gori::cel {
namespace {

struct Url {
  const char* text;
  uint32_t size;
  uint32_t scheme_end;  // [0, scheme_end) scheme; 0 when none
  uint32_t host_begin, host_end;
  uint32_t path_begin, path_end;
  uint32_t query_begin;  // == size when none (after '?')
  bool has_query;
};

bool SchemeChar(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
}

// A character Go's url package escapes in a path (encodePath): not unreserved, not one of the
// sub-delimiters or ':' '@' '/' a path keeps.
bool PathEscapes(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return false;
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '~':
    case '$':
    case '&':
    case '+':
    case ',':
    case '/':
    case ':':
    case ';':
    case '=':
    case '@':
      return false;
    default:
      return true;
  }
}

// A host as Go's parseHost accepts it: no character it would have to escape (space, '`', ...)
// and, after the last ':' outside brackets, a port of digits only.
bool ValidHost(std::string_view host) {
  for (char c : host) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) &&
        std::string_view("-_.~!$&'()*+,;=:[]<>\"%").find(c) == std::string_view::npos)
      return false;
  }
  std::string_view port;
  if (!host.empty() && host[0] == '[') {
    std::size_t close = host.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view rest = host.substr(close + 1);
    if (!rest.empty() && rest[0] != ':') return false;
    port = rest;
  } else if (std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon);
  }
  for (std::size_t i = 1; i < port.size(); ++i) {
    if (port[i] < '0' || port[i] > '9') return false;
  }
  return true;
}

// Go's url.ParseRequestURI: control characters are refused; spaces are kept in the path and
// query (getEscapedPath escapes them), never in the host.
std::optional<Url> Parse(std::string_view s) {
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
  }
  Url u{};
  u.text = s.data();
  u.size = static_cast<uint32_t>(s.size());
  std::size_t i = 0;
  if (s[0] != '/') {
    std::size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    for (std::size_t k = 0; k < colon; ++k) {
      if (!SchemeChar(s[k], k == 0)) return std::nullopt;
    }
    u.scheme_end = static_cast<uint32_t>(colon);
    i = colon + 1;
  }
  if (s.substr(i, 2) == "//") {
    i += 2;
    std::size_t end = s.find_first_of("/?", i);
    if (end == std::string_view::npos) end = s.size();
    std::string_view authority = s.substr(i, end - i);
    std::size_t at = authority.rfind('@');
    std::size_t hb = i + (at == std::string_view::npos ? 0 : at + 1);
    u.host_begin = static_cast<uint32_t>(hb);
    u.host_end = static_cast<uint32_t>(end);
    std::string_view host = s.substr(hb, end - hb);
    if (!ValidHost(host)) return std::nullopt;
    i = end;
  } else {
    u.host_begin = u.host_end = static_cast<uint32_t>(i);
    if (u.scheme_end != 0 && (i >= s.size() || s[i] != '/')) {
      // "mailto:x" style opaque URIs: Go keeps them in Opaque; the path is empty.
    }
  }
  std::size_t q = s.find('?', i);
  u.path_begin = static_cast<uint32_t>(i);
  u.path_end = static_cast<uint32_t>(q == std::string_view::npos ? s.size() : q);
  u.has_query = q != std::string_view::npos;
  u.query_begin = static_cast<uint32_t>(q == std::string_view::npos ? s.size() : q + 1);
  return u;
}

bool UEqual(const void* a, const void* b) {
  auto* x = static_cast<const Url*>(a);
  auto* y = static_cast<const Url*>(b);
  return std::string_view(x->text, x->size) == std::string_view(y->text, y->size);
}
std::string UString(const void* a) {
  auto* x = static_cast<const Url*>(a);
  return std::string(x->text, x->size);
}

const OpaqueType kUrlType{"kubernetes.URL", UEqual, UString};

const Url* AsUrl(const Value& v) {
  return v.kind == Kind::kOpaque && v.otype() == &kUrlType
             ? static_cast<const Url*>(v.opaque_data())
             : nullptr;
}

Value Of(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  auto u = Parse(a[0].str());
  if (!u)
    return ctx.Error(c,
                     "URL parse error during conversion from string: " + std::string(a[0].str()));
  return ctx.NewOpaque(&kUrlType, ctx.arena().New<Url>(*u));
}

Value IsUrl(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  return Value::Bool(Parse(a[0].str()).has_value());
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out += static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Go's URL.EscapedPath: the path as written when it is a valid encoding, else the decoded path
// escaped (a space becomes %20).
Value EscapedPath(EvalContext& ctx, std::string_view raw) {
  bool valid = true;
  for (std::size_t i = 0; i < raw.size() && valid; ++i) {
    char c = raw[i];
    if (c == '%') {
      valid = i + 2 < raw.size() && Hex(raw[i + 1]) >= 0 && Hex(raw[i + 2]) >= 0;
      i += 2;
    } else {
      valid = !PathEscapes(c) || std::string_view("!'()*[]").find(c) != std::string_view::npos;
    }
  }
  if (valid) return Value::String(raw);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '%' && i + 2 < raw.size() && Hex(raw[i + 1]) >= 0 && Hex(raw[i + 2]) >= 0) {
      c = static_cast<unsigned char>(Hex(raw[i + 1]) * 16 + Hex(raw[i + 2]));
      i += 2;
    }
    if (PathEscapes(static_cast<char>(c))) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return ctx.NewString(out);
}

template <int kPart>
Value Get(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Url* u = AsUrl(a[0]);
  if (!u) return ctx.NoOverload(c);
  std::string_view s(u->text, u->size);
  std::string_view host = s.substr(u->host_begin, u->host_end - u->host_begin);
  switch (kPart) {
    case 0:
      return Value::String(s.substr(0, u->scheme_end));
    case 1:
      return Value::String(host);
    case 2:
    case 3: {
      std::string_view name = host, port;
      if (host.starts_with('[')) {
        std::size_t close = host.find(']');
        name = host.substr(1, close - 1);
        if (host.substr(close + 1).starts_with(':')) port = host.substr(close + 2);
      } else if (std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        name = host.substr(0, colon);
        port = host.substr(colon + 1);
      }
      return Value::String(kPart == 2 ? name : port);
    }
    case 4:
      return EscapedPath(ctx, s.substr(u->path_begin, u->path_end - u->path_begin));
    default: {
      std::vector<std::pair<std::string, std::vector<std::string>>> params;
      std::string_view q = u->has_query ? s.substr(u->query_begin) : std::string_view();
      q = q.substr(0, q.find('#'));  // Kubernetes re-parses the URL: the fragment is not query
      std::size_t start = 0;
      while (start < q.size()) {
        std::size_t amp = q.find('&', start);
        std::string_view kv =
            q.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
        start = amp == std::string_view::npos ? q.size() : amp + 1;
        if (kv.empty()) continue;
        std::size_t eq = kv.find('=');
        std::string k = Unescape(kv.substr(0, eq));
        std::string v = eq == std::string_view::npos ? "" : Unescape(kv.substr(eq + 1));
        bool found = false;
        for (auto& p : params) {
          if (p.first == k) {
            p.second.push_back(v);
            found = true;
          }
        }
        if (!found) params.push_back({k, {v}});
      }
      MapEntry* entries = ctx.NewEntries(params.size());
      for (std::size_t i = 0; i < params.size(); ++i) {
        entries[i] = {ctx.NewString(params[i].first), MakeStringList(ctx, params[i].second)};
      }
      return Value::Map(entries, static_cast<uint32_t>(params.size()));
    }
  }
}

constexpr FunctionDef kUrl[] = {
    {"url", false, 1, Of, 0, "k8s.url"},
    {"isURL", false, 1, IsUrl, 0, "k8s.url"},
    {"getScheme", true, 1, Get<0>, 0, "k8s.url"},
    {"getHost", true, 1, Get<1>, 0, "k8s.url"},
    {"getHostname", true, 1, Get<2>, 0, "k8s.url"},
    {"getPort", true, 1, Get<3>, 0, "k8s.url"},
    {"getEscapedPath", true, 1, Get<4>, 0, "k8s.url"},
    {"getQuery", true, 1, Get<5>, 0, "k8s.url"},
};

}  // namespace

std::span<const FunctionDef> UrlFunctions() { return kUrl; }

}  // namespace gori::cel
