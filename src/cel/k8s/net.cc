// src/cel/k8s/net.cc
//
// Kubernetes' IP and CIDR library (new expressions from Kubernetes 1.31): ip(), isIP(),
// ip.isCanonical(), family(), the address class predicates, cidr(), isCIDR(), containsIP(),
// containsCIDR(), masked(), prefixLength(), ip() of a CIDR, string() and equality. Like the API
// server, zones (`%eth0`) and IPv4 written inside IPv6 (`::ffff:1.2.3.4`) are rejected;
// an IPv4-mapped address written in hex compares equal to its IPv4 form.
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "cel/functions.h"
#include "cel/lib_util.h"

namespace gori::cel {
namespace {

constexpr uint16_t kSince = 31;

struct Ip {
  uint8_t bytes[16];  // IPv4 in bytes[0..3]
  uint8_t family;     // 4 or 6
};

struct Cidr {
  Ip ip;
  uint8_t prefix;
};

std::optional<Ip> ParseV4(std::string_view s) {
  Ip ip{};
  ip.family = 4;
  int part = 0;
  std::size_t i = 0;
  while (part < 4) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
    std::size_t start = i;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      if (v > 255) return std::nullopt;
      ++i;
    }
    if (i - start > 1 && s[start] == '0') return std::nullopt;  // no leading zeros
    ip.bytes[part++] = static_cast<uint8_t>(v);
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != s.size()) return std::nullopt;
  return ip;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<Ip> ParseV6(std::string_view s) {
  uint16_t groups[8] = {};
  int n = 0, gap = -1;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    gap = 0;
    i = 2;
    if (i == s.size()) {
      Ip ip{};
      ip.family = 6;
      return ip;
    }
  } else if (!s.empty() && s[0] == ':') {
    return std::nullopt;
  }
  while (i < s.size()) {
    if (n >= 8) return std::nullopt;
    int v = 0, digits = 0;
    while (i < s.size() && HexDigit(s[i]) >= 0) {
      v = v * 16 + HexDigit(s[i]);
      if (++digits > 4) return std::nullopt;
      ++i;
    }
    if (digits == 0) return std::nullopt;
    groups[n++] = static_cast<uint16_t>(v);
    if (i == s.size()) break;
    if (s[i] != ':') return std::nullopt;  // '.', '%' or junk
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (gap >= 0) return std::nullopt;
      gap = n;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return std::nullopt;
    }
  }
  if (gap < 0 && n != 8) return std::nullopt;
  if (gap >= 0 && n >= 8) return std::nullopt;
  Ip ip{};
  ip.family = 6;
  int k = 0;
  for (int g = 0; g < 8; ++g) {
    uint16_t v;
    if (gap >= 0 && g >= gap && g < gap + (8 - n)) {
      v = 0;
    } else {
      v = groups[k++];
    }
    ip.bytes[2 * g] = static_cast<uint8_t>(v >> 8);
    ip.bytes[2 * g + 1] = static_cast<uint8_t>(v & 0xff);
  }
  // IPv4-mapped (::ffff:a.b.c.d written in hex) is the IPv4 address.
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(ip.bytes, kMapped, 12) == 0) {
    Ip v4{};
    v4.family = 4;
    std::memcpy(v4.bytes, ip.bytes + 12, 4);
    return v4;
  }
  return ip;
}

// nullopt plus a message naming the problem the way the API server does.
std::optional<Ip> ParseIp(std::string_view s, std::string* error) {
  if (s.find('%') != std::string_view::npos) {
    *error = "IP address \"" + std::string(s) + "\" with zone value is not allowed";
    return std::nullopt;
  }
  std::optional<Ip> ip = s.find(':') != std::string_view::npos ? ParseV6(s) : ParseV4(s);
  if (!ip) {
    if (s.find(':') != std::string_view::npos && s.find('.') != std::string_view::npos) {
      *error = "IPv4-mapped IPv6 address \"" + std::string(s) + "\" is not allowed";
    } else {
      *error = "IP Address \"" + std::string(s) + "\" parse error during conversion from string";
    }
  }
  return ip;
}

std::string FormatIp(const Ip& ip) {
  char buf[64];
  if (ip.family == 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip.bytes[0], ip.bytes[1], ip.bytes[2],
                  ip.bytes[3]);
    return buf;
  }
  uint16_t g[8];
  for (int i = 0; i < 8; ++i)
    g[i] = static_cast<uint16_t>(ip.bytes[2 * i] << 8 | ip.bytes[2 * i + 1]);
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::snprintf(buf, sizeof buf, "%x", g[i]);
    out += buf;
  }
  return out;
}

bool IpEqual(const void* a, const void* b) {
  auto* x = static_cast<const Ip*>(a);
  auto* y = static_cast<const Ip*>(b);
  return x->family == y->family && std::memcmp(x->bytes, y->bytes, x->family == 4 ? 4 : 16) == 0;
}
std::string IpString(const void* a) { return FormatIp(*static_cast<const Ip*>(a)); }

bool CidrEqual(const void* a, const void* b) {
  auto* x = static_cast<const Cidr*>(a);
  auto* y = static_cast<const Cidr*>(b);
  return x->prefix == y->prefix && IpEqual(&x->ip, &y->ip);
}
std::string CidrString(const void* a) {
  auto* c = static_cast<const Cidr*>(a);
  return FormatIp(c->ip) + "/" + std::to_string(c->prefix);
}

const OpaqueType kIpType{"net.IP", IpEqual, IpString};
const OpaqueType kCidrType{"net.CIDR", CidrEqual, CidrString};

std::optional<Cidr> ParseCidr(std::string_view s, std::string* error) {
  if (s.find('%') != std::string_view::npos) {
    *error = "CIDR with zone value is not allowed";
    return std::nullopt;
  }
  std::size_t slash = s.find('/');
  std::string ignored;
  if (slash == std::string_view::npos) {
    *error = "network address parse error during conversion from string";
    return std::nullopt;
  }
  auto ip = ParseIp(s.substr(0, slash), &ignored);
  std::string_view len = s.substr(slash + 1);
  if (!ip || len.empty() || len.size() > 3 || (len.size() > 1 && len[0] == '0')) {
    *error = s.find(':') != std::string_view::npos && s.find('.') != std::string_view::npos
                 ? "network address parse error during conversion from string: IPv4-mapped IPv6 "
                   "address \"" +
                       std::string(s) + "\" is not allowed"
                 : "network address parse error during conversion from string";
    return std::nullopt;
  }
  int p = 0;
  for (char c : len) {
    if (c < '0' || c > '9') {
      *error = "network address parse error during conversion from string";
      return std::nullopt;
    }
    p = p * 10 + (c - '0');
  }
  if (p > (ip->family == 4 ? 32 : 128)) {
    *error = "network address parse error during conversion from string";
    return std::nullopt;
  }
  return Cidr{*ip, static_cast<uint8_t>(p)};
}

const Ip* AsIp(const Value& v) {
  return v.kind == Kind::kOpaque && v.otype() == &kIpType ? static_cast<const Ip*>(v.opaque_data())
                                                          : nullptr;
}
const Cidr* AsCidr(const Value& v) {
  return v.kind == Kind::kOpaque && v.otype() == &kCidrType
             ? static_cast<const Cidr*>(v.opaque_data())
             : nullptr;
}

Value MakeIp(EvalContext& ctx, const Ip& ip) {
  return ctx.NewOpaque(&kIpType, ctx.arena().New<Ip>(ip));
}
Value MakeCidr(EvalContext& ctx, const Cidr& c) {
  return ctx.NewOpaque(&kCidrType, ctx.arena().New<Cidr>(c));
}

Value IpOf(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  std::string error;
  auto ip = ParseIp(a[0].str(), &error);
  if (!ip) return ctx.Error(c, error);
  return MakeIp(ctx, *ip);
}

Value IsIp(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  std::string error;
  return Value::Bool(ParseIp(a[0].str(), &error).has_value());
}

Value IsCanonical(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  std::string error;
  auto ip = ParseIp(a[0].str(), &error);
  if (!ip) return ctx.Error(c, error);
  return Value::Bool(FormatIp(*ip) == a[0].str());
}

template <int kOp>
Value IpPredicate(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Ip* ip = AsIp(a[0]);
  if (!ip) return ctx.NoOverload(c);
  const uint8_t* b = ip->bytes;
  bool v4 = ip->family == 4;
  std::size_t n = v4 ? 4 : 16;
  bool zero = true;
  for (std::size_t i = 0; i < n; ++i) zero = zero && b[i] == 0;
  bool loopback =
      v4 ? b[0] == 127 : (std::memcmp(b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15) == 0 && b[15] == 1);
  bool multicast = v4 ? (b[0] & 0xf0) == 0xe0 : b[0] == 0xff;
  bool ll_unicast = v4 ? (b[0] == 169 && b[1] == 254) : (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
  bool ll_multicast =
      v4 ? (b[0] == 224 && b[1] == 0 && b[2] == 0) : (b[0] == 0xff && (b[1] & 0x0f) == 0x02);
  bool broadcast = v4 && b[0] == 255 && b[1] == 255 && b[2] == 255 && b[3] == 255;
  switch (kOp) {
    case 0:
      return Value::Int(ip->family);
    case 1:
      return Value::Bool(zero);
    case 2:
      return Value::Bool(loopback);
    case 3:
      return Value::Bool(ll_multicast);
    case 4:
      return Value::Bool(ll_unicast);
    default:
      return Value::Bool(!zero && !loopback && !multicast && !ll_unicast && !broadcast);
  }
}

Value CidrOf(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  std::string error;
  auto cidr = ParseCidr(a[0].str(), &error);
  if (!cidr) return ctx.Error(c, error);
  return MakeCidr(ctx, *cidr);
}

Value IsCidr(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  std::string error;
  return Value::Bool(ParseCidr(a[0].str(), &error).has_value());
}

bool PrefixMatch(const Ip& net, int prefix, const Ip& ip) {
  if (net.family != ip.family) return false;
  for (int bit = 0; bit < prefix; ++bit) {
    int byte = bit / 8, mask = 0x80 >> (bit % 8);
    if ((net.bytes[byte] & mask) != (ip.bytes[byte] & mask)) return false;
  }
  return true;
}

Value ContainsIp(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Cidr* cidr = AsCidr(a[0]);
  if (!cidr) return ctx.NoOverload(c);
  Ip ip;
  if (const Ip* p = AsIp(a[1])) {
    ip = *p;
  } else if (a[1].kind == Kind::kString) {
    std::string error;
    auto parsed = ParseIp(a[1].str(), &error);
    if (!parsed) return ctx.Error(c, error);
    ip = *parsed;
  } else {
    return ctx.NoOverload(c);
  }
  return Value::Bool(PrefixMatch(cidr->ip, cidr->prefix, ip));
}

Value ContainsCidr(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Cidr* cidr = AsCidr(a[0]);
  if (!cidr) return ctx.NoOverload(c);
  Cidr other;
  if (const Cidr* p = AsCidr(a[1])) {
    other = *p;
  } else if (a[1].kind == Kind::kString) {
    std::string error;
    auto parsed = ParseCidr(a[1].str(), &error);
    if (!parsed) return ctx.Error(c, error);
    other = *parsed;
  } else {
    return ctx.NoOverload(c);
  }
  return Value::Bool(other.prefix >= cidr->prefix && PrefixMatch(cidr->ip, cidr->prefix, other.ip));
}

Value CidrIp(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Cidr* cidr = AsCidr(a[0]);
  if (!cidr) return ctx.NoOverload(c);
  return MakeIp(ctx, cidr->ip);
}

Value Masked(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Cidr* cidr = AsCidr(a[0]);
  if (!cidr) return ctx.NoOverload(c);
  Cidr m = *cidr;
  for (int bit = m.prefix; bit < 128; ++bit)
    m.ip.bytes[bit / 8] &= static_cast<uint8_t>(~(0x80 >> (bit % 8)));
  return MakeCidr(ctx, m);
}

Value PrefixLength(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Cidr* cidr = AsCidr(a[0]);
  if (!cidr) return ctx.NoOverload(c);
  return Value::Int(cidr->prefix);
}

constexpr FunctionDef kNet[] = {
    {"ip", false, 1, IpOf, kSince, "k8s.ip"},
    {"isIP", false, 1, IsIp, kSince, "k8s.ip"},
    {"ip.isCanonical", false, 1, IsCanonical, kSince, "k8s.ip"},
    {"family", true, 1, IpPredicate<0>, kSince, "k8s.ip"},
    {"isUnspecified", true, 1, IpPredicate<1>, kSince, "k8s.ip"},
    {"isLoopback", true, 1, IpPredicate<2>, kSince, "k8s.ip"},
    {"isLinkLocalMulticast", true, 1, IpPredicate<3>, kSince, "k8s.ip"},
    {"isLinkLocalUnicast", true, 1, IpPredicate<4>, kSince, "k8s.ip"},
    {"isGlobalUnicast", true, 1, IpPredicate<5>, kSince, "k8s.ip"},
    {"cidr", false, 1, CidrOf, kSince, "k8s.cidr"},
    {"isCIDR", false, 1, IsCidr, kSince, "k8s.cidr"},
    {"containsIP", true, 2, ContainsIp, kSince, "k8s.cidr"},
    {"containsCIDR", true, 2, ContainsCidr, kSince, "k8s.cidr"},
    {"ip", true, 1, CidrIp, kSince, "k8s.cidr"},
    {"masked", true, 1, Masked, kSince, "k8s.cidr"},
    {"prefixLength", true, 1, PrefixLength, kSince, "k8s.cidr"},
};
}  // namespace

std::span<const FunctionDef> NetFunctions() { return kNet; }

}  // namespace gori::cel
