#include "doc/node.h"

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

namespace gori::doc {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Integer text per YAML 1.1 as Kubernetes' decoder reads it: optional sign, then 0b binary,
// 0x hex, 0o or leading-0 octal, or decimal; '_' separators are ignored.
std::optional<int64_t> ParseYamlInt(std::string_view s) {
  // The common case first: plain decimal digits without a leading zero (an octal marker in
  // YAML 1.1), short enough that no overflow is possible.
  if (!s.empty() && s.size() <= 18 && (s[0] != '0' || s.size() == 1)) {
    uint64_t v = 0;
    std::size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + (s[i] - '0');
    if (i == s.size()) return static_cast<int64_t>(v);
  }
  std::string buf;
  std::string_view t = s;
  if (s.find('_') != std::string_view::npos) {
    buf.reserve(s.size());
    for (char c : s) {
      if (c != '_') buf.push_back(c);
    }
    t = buf;
  }
  bool neg = false;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    neg = t[0] == '-';
    t.remove_prefix(1);
  }
  if (t.empty()) return std::nullopt;
  int base = 10;
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
    base = 16;
    t.remove_prefix(2);
  } else if (t.size() > 2 && t[0] == '0' && (t[1] == 'b' || t[1] == 'B')) {
    base = 2;
    t.remove_prefix(2);
  } else if (t.size() > 2 && t[0] == '0' && (t[1] == 'o' || t[1] == 'O')) {
    base = 8;
    t.remove_prefix(2);
  } else if (t.size() > 1 && t[0] == '0') {
    base = 8;
    t.remove_prefix(1);
  }
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v, base);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  if (neg) {
    if (v > static_cast<uint64_t>(INT64_MAX) + 1) return std::nullopt;
    return static_cast<int64_t>(0 - v);
  }
  if (v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(v);
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?  plus .inf/.nan spellings.
bool IsYamlFloat(std::string_view s) {
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf" || s == "+.INF" ||
      s == "-.inf" || s == "-.Inf" || s == "-.INF" || s == ".nan" || s == ".NaN" || s == ".NAN") {
    return true;
  }
  std::size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && IsDigit(s[i])) ++i, ++digits;
    if (digits == 0) return false;
  } else {
    while (i < n && (IsDigit(s[i]) || s[i] == '_')) ++i, ++digits;
    if (digits == 0) return false;
    if (i < n && s[i] == '.') {
      ++i;
      while (i < n && (IsDigit(s[i]) || s[i] == '_')) ++i;
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp = 0;
    while (i < n && IsDigit(s[i])) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == n;
}

}  // namespace

ScalarTag ResolvePlainYaml11(std::string_view s) {
  if (s.empty()) return ScalarTag::kNull;
  char c = s[0];
  // Fast exit: most Kubernetes scalars start with a letter that cannot begin a special value.
  switch (c) {
    case '~':
      return s.size() == 1 ? ScalarTag::kNull : ScalarTag::kString;
    case 'n':
    case 'N':
      if (s == "null" || s == "Null" || s == "NULL") return ScalarTag::kNull;
      if (s == "n" || s == "N" || s == "no" || s == "No" || s == "NO") return ScalarTag::kBool;
      return ScalarTag::kString;
    case 'y':
    case 'Y':
      if (s == "y" || s == "Y" || s == "yes" || s == "Yes" || s == "YES") return ScalarTag::kBool;
      return ScalarTag::kString;
    case 't':
    case 'T':
      if (s == "true" || s == "True" || s == "TRUE") return ScalarTag::kBool;
      return ScalarTag::kString;
    case 'f':
    case 'F':
      if (s == "false" || s == "False" || s == "FALSE") return ScalarTag::kBool;
      return ScalarTag::kString;
    case 'o':
    case 'O':
      if (s == "on" || s == "On" || s == "ON" || s == "off" || s == "Off" || s == "OFF") {
        return ScalarTag::kBool;
      }
      return ScalarTag::kString;
    default:
      break;
  }
  if (!(IsDigit(c) || c == '+' || c == '-' || c == '.')) return ScalarTag::kString;
  if (ParseYamlInt(s)) return ScalarTag::kInt;
  if (IsYamlFloat(s)) return ScalarTag::kFloat;
  return ScalarTag::kString;
}

std::optional<bool> Node::AsBool() const {
  std::string_view t = text();
  if (!IsBool() || t.empty()) return std::nullopt;
  switch (t[0]) {
    case 'y':
    case 'Y':
    case 't':
    case 'T':
      return true;
    case 'o':
    case 'O':
      return t.size() == 2;  // on / off
    default:
      return false;
  }
}

std::optional<int64_t> Node::AsIntSlow() const {
  if (kind_ != NodeKind::kScalar) return std::nullopt;
  if (tag_ == ScalarTag::kInt) return ParseYamlInt(text());
  if (tag_ == ScalarTag::kFloat) {
    // JSON numbers like 1.0 or 1e3 decode into integer fields when they are whole.
    auto d = AsDouble();
    if (d && std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 9.2e18) {
      return static_cast<int64_t>(*d);
    }
  }
  return std::nullopt;
}

std::optional<double> Node::AsDouble() const {
  if (kind_ != NodeKind::kScalar) return std::nullopt;
  if (tag_ == ScalarTag::kInt) {
    auto i = ParseYamlInt(text());
    if (i) return static_cast<double>(*i);
    return std::nullopt;
  }
  if (tag_ != ScalarTag::kFloat) return std::nullopt;
  std::string buf;
  for (char c : text()) {
    if (c != '_') buf.push_back(c);
  }
  if (buf.find("inf") != std::string::npos || buf.find("Inf") != std::string::npos ||
      buf.find("INF") != std::string::npos) {
    return buf[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  }
  if (buf.find("nan") != std::string::npos || buf.find("NaN") != std::string::npos ||
      buf.find("NAN") != std::string::npos) {
    return std::nan("");
  }
  char* end = nullptr;
  double d = std::strtod(buf.c_str(), &end);
  if (end != buf.c_str() + buf.size()) return std::nullopt;
  return d;
}

// Index of the last pair whose key is `key`, or size_ (also for non-maps, whose size_ is not
// a pair count: callers check kind_ first).
inline uint32_t Node::IndexOf(std::string_view key) const {
  const Pair* pairs = static_cast<const Pair*>(ptr_);
  const auto size = static_cast<uint32_t>(key.size());
  if (size == 0) {
    for (uint32_t i = size_; i-- > 0;) {
      const Node* k = pairs[i].key;
      if (k->kind_ == NodeKind::kScalar && k->size_ == 0) return i;
    }
    return size_;
  }
  // Rules look keys up constantly: keys of the same length almost always differ in their first
  // byte, so that is compared before the whole key.
  const char first = key[0];
  for (uint32_t i = size_; i-- > 0;) {
    const Node* k = pairs[i].key;
    if (k->size_ == size && k->kind_ == NodeKind::kScalar &&
        *static_cast<const char*>(k->ptr_) == first &&
        internal::SameBytes(static_cast<const char*>(k->ptr_), key.data(), size)) {
      return i;
    }
  }
  return size_;
}

const Node* Node::Get(std::string_view key) const {
  if (kind_ != NodeKind::kMap) return nullptr;
  uint32_t i = IndexOf(key);
  return i < size_ ? static_cast<const Pair*>(ptr_)[i].value : nullptr;
}

const Node* Node::GetAndHint(std::string_view key, uint32_t* hint) const {
  if (kind_ != NodeKind::kMap) return nullptr;
  uint32_t i = IndexOf(key);
  if (i == size_) return nullptr;
  if (unique_keys_) std::atomic_ref<uint32_t>(*hint).store(i, std::memory_order_relaxed);
  return static_cast<const Pair*>(ptr_)[i].value;
}

const Node* Node::Path(std::initializer_list<std::string_view> keys) const {
  const Node* n = this;
  for (auto k : keys) {
    n = n->Get(k);
    if (!n) return nullptr;
  }
  return n;
}

}  // namespace gori::doc
