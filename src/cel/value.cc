// src/cel/value.cc
#include "cel/value.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "cel/time_util.h"

namespace gori::cel {

Value Value::FromNode(const doc::Node* n) {
  if (n == nullptr) return Null();
  switch (n->kind()) {
    case doc::NodeKind::kMap: {
      Value r;
      r.kind = Kind::kMap;
      r.doc = 1;
      r.node = n;
      r.size = static_cast<uint32_t>(n->size());
      return r;
    }
    case doc::NodeKind::kSeq: {
      Value r;
      r.kind = Kind::kList;
      r.doc = 1;
      r.node = n;
      r.size = static_cast<uint32_t>(n->size());
      return r;
    }
    case doc::NodeKind::kScalar:
      break;
  }
  switch (n->tag()) {
    case doc::ScalarTag::kNull:
      return Null();
    case doc::ScalarTag::kBool:
      return Bool(n->AsBool().value_or(false));
    case doc::ScalarTag::kInt: {
      if (auto v = n->AsInt()) return Int(*v);
      if (auto d = n->AsDouble()) return Double(*d);
      return String(n->text());
    }
    case doc::ScalarTag::kFloat: {
      if (auto d = n->AsDouble()) return Double(*d);
      return String(n->text());
    }
    case doc::ScalarTag::kString:
      return String(n->text());
  }
  return Null();
}

Value ListAt(const Value& list, uint32_t i) {
  if (list.doc) return Value::FromNode(list.node->items()[i]);
  return list.items[i];
}

MapEntry MapAt(const Value& map, uint32_t i) {
  if (map.doc) {
    const doc::Pair& p = map.node->pairs()[i];
    return {Value::String(p.key->text()), Value::FromNode(p.value)};
  }
  return map.entries[i];
}

bool MapFindString(const Value& map, std::string_view key, Value* out) {
  if (map.doc) {
    const doc::Node* v = map.node->Get(key);
    if (v == nullptr) return false;
    *out = Value::FromNode(v);
    return true;
  }
  for (uint32_t i = 0; i < map.size; ++i) {
    const MapEntry& e = map.entries[i];
    if (e.key.kind == Kind::kString && e.key.str() == key) {
      *out = e.value;
      return true;
    }
  }
  return false;
}

bool MapFind(const Value& map, const Value& key, Value* out) {
  if (key.kind == Kind::kString) return MapFindString(map, key.str(), out);
  if (map.doc) return false;
  for (uint32_t i = 0; i < map.size; ++i) {
    const MapEntry& e = map.entries[i];
    if (Equal(e.key, key)) {
      *out = e.value;
      return true;
    }
  }
  return false;
}

namespace {

bool IsNumber(Kind k) { return k == Kind::kInt || k == Kind::kUint || k == Kind::kDouble; }

// Compares numbers of any CEL numeric kinds exactly: -1, 0, 1, or 2 for NaN.
int CompareNumbers(const Value& a, const Value& b) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  if (a.kind == b.kind) {
    switch (a.kind) {
      case Kind::kInt:
        return cmp(a.i, b.i);
      case Kind::kUint:
        return cmp(a.u, b.u);
      default:
        if (std::isnan(a.d) || std::isnan(b.d)) return 2;
        return cmp(a.d, b.d);
    }
  }
  if (a.kind == Kind::kInt && b.kind == Kind::kUint) {
    if (a.i < 0) return -1;
    return cmp(static_cast<uint64_t>(a.i), b.u);
  }
  if (a.kind == Kind::kUint && b.kind == Kind::kInt) return -CompareNumbers(b, a);
  // One side is a double. Like cel-go: outside the integer range the double decides, inside
  // it the integer is compared as a double.
  if (a.kind == Kind::kDouble) {
    int r = CompareNumbers(b, a);
    return r == 2 ? 2 : -r;
  }
  double d = b.d;
  if (std::isnan(d)) return 2;
  if (a.kind == Kind::kInt) {
    if (d < -9223372036854775808.0) return 1;
    if (d > 9223372036854775807.0) return -1;
    return cmp(static_cast<double>(a.i), d);
  }
  if (d < 0) return 1;
  if (d > 18446744073709551615.0) return -1;
  return cmp(static_cast<double>(a.u), d);
}

}  // namespace

bool Equal(const Value& a, const Value& b) {
  if (IsNumber(a.kind) && IsNumber(b.kind)) return CompareNumbers(a, b) == 0;
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return a.b == b.b;
    case Kind::kString:
    case Kind::kBytes:
    case Kind::kType:
      return a.str() == b.str();
    case Kind::kTimestamp:
    case Kind::kDuration:
      return a.i == b.i && a.size == b.size;
    case Kind::kOptional:
      if (a.opt == nullptr || b.opt == nullptr) return a.opt == b.opt;
      return Equal(*a.opt, *b.opt);
    case Kind::kOpaque:
      return a.otype() == b.otype() && a.otype()->equal(a.opaque_data(), b.opaque_data());
    case Kind::kList: {
      if (a.size != b.size) return false;
      for (uint32_t i = 0; i < a.size; ++i) {
        if (!Equal(ListAt(a, i), ListAt(b, i))) return false;
      }
      return true;
    }
    case Kind::kMap: {
      if (a.size != b.size) return false;
      for (uint32_t i = 0; i < a.size; ++i) {
        MapEntry e = MapAt(a, i);
        Value other;
        if (!MapFind(b, e.key, &other) || !Equal(e.value, other)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

int Compare(const Value& a, const Value& b) {
  if (IsNumber(a.kind) && IsNumber(b.kind)) return CompareNumbers(a, b);
  if (a.kind != b.kind) return 2;
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  switch (a.kind) {
    case Kind::kBool:
      return cmp(a.b, b.b);
    case Kind::kString:
    case Kind::kBytes: {
      int r = a.str().compare(b.str());
      return r < 0 ? -1 : (r > 0 ? 1 : 0);
    }
    case Kind::kTimestamp:
    case Kind::kDuration:
      if (a.i != b.i) return cmp(a.i, b.i);
      return cmp(a.size, b.size);
    default:
      return 2;
  }
}

std::string_view TypeName(const Value& v) {
  switch (v.kind) {
    case Kind::kNull:
      return "null_type";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return "int";
    case Kind::kUint:
      return "uint";
    case Kind::kDouble:
      return "double";
    case Kind::kString:
      return "string";
    case Kind::kBytes:
      return "bytes";
    case Kind::kList:
      return "list";
    case Kind::kMap:
      return "map";
    case Kind::kType:
      return "type";
    case Kind::kTimestamp:
      return "google.protobuf.Timestamp";
    case Kind::kDuration:
      return "google.protobuf.Duration";
    case Kind::kOptional:
      return "optional_type";
    case Kind::kOpaque:
      return v.otype()->name;
    case Kind::kError:
      return "error";
  }
  return "unknown";
}

namespace {

void Quote(std::string& out, std::string_view s, char q) {
  out += q;
  for (unsigned char c : s) {
    if (c == static_cast<unsigned char>(q) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += q;
}

void Debug(std::string& out, const Value& v) {
  char buf[64];
  switch (v.kind) {
    case Kind::kNull:
      out += "null";
      break;
    case Kind::kBool:
      out += v.b ? "true" : "false";
      break;
    case Kind::kInt:
      out += std::to_string(v.i);
      break;
    case Kind::kUint:
      out += std::to_string(v.u) + "u";
      break;
    case Kind::kDouble:
      std::snprintf(buf, sizeof buf, "%.17g", v.d);
      out += buf;
      break;
    case Kind::kString:
      Quote(out, v.str(), '"');
      break;
    case Kind::kBytes:
      out += 'b';
      Quote(out, v.str(), '"');
      break;
    case Kind::kType:
      out += v.str();
      break;
    case Kind::kTimestamp:
      out += "timestamp(\"" + FormatTimestamp(v.i, v.size) + "\")";
      break;
    case Kind::kDuration:
      out += "duration(\"" + FormatDuration(v.i, v.size) + "\")";
      break;
    case Kind::kOptional:
      if (v.opt == nullptr) {
        out += "optional.none()";
      } else {
        out += "optional.of(";
        Debug(out, *v.opt);
        out += ")";
      }
      break;
    case Kind::kOpaque:
      out += v.otype()->name;
      out += "(...)";
      break;
    case Kind::kError:
      out += "error(";
      out += v.err->message;
      out += ")";
      break;
    case Kind::kList:
      out += '[';
      for (uint32_t i = 0; i < v.size; ++i) {
        if (i) out += ", ";
        Debug(out, ListAt(v, i));
      }
      out += ']';
      break;
    case Kind::kMap:
      out += '{';
      for (uint32_t i = 0; i < v.size; ++i) {
        if (i) out += ", ";
        MapEntry e = MapAt(v, i);
        Debug(out, e.key);
        out += ": ";
        Debug(out, e.value);
      }
      out += '}';
      break;
  }
}

}  // namespace

std::string DebugString(const Value& v) {
  std::string out;
  Debug(out, v);
  return out;
}

}  // namespace gori::cel
