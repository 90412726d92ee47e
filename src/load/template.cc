#include "load/template.h"

#include <charconv>

#include <fmt/format.h>

namespace gori::load {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool ParseInt(std::string_view s, int64_t& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

void WriteUuid(std::mt19937_64& rng, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t hi = rng();
  uint64_t lo = rng();
  hi = (hi & ~0xf000ull) | 0x4000ull;        // version 4
  lo = (lo & ~(3ull << 62)) | (2ull << 62);  // variant 10
  std::size_t o = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out[o++] = '-';
    const uint64_t word = i < 16 ? hi : lo;
    const int shift = 60 - 4 * (i % 16);
    out[o++] = kHex[(word >> shift) & 0xf];
  }
}

Result<Template> Template::Compile(std::string_view text, const TemplateNames& names) {
  Template t;
  std::size_t pos = 0;
  auto add_literal = [&](std::string_view s) {
    if (s.empty()) return;
    if (!t.segments_.empty() && t.segments_.back().kind == SlotKind::kLiteral) {
      t.segments_.back().literal += s;
    } else {
      Segment seg;
      seg.literal = std::string(s);
      t.segments_.push_back(std::move(seg));
    }
  };
  while (pos < text.size()) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      add_literal(text.substr(pos));
      break;
    }
    add_literal(text.substr(pos, open - pos));
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return Fail(fmt::format("unterminated '{{{{' at offset {} in template", open));
    }
    const std::string_view inner = Trim(text.substr(open + 2, close - open - 2));
    Segment seg;
    if (inner == "uuid") {
      seg.kind = SlotKind::kUuid;
    } else if (inner.starts_with("rand_int ") || inner == "rand_int") {
      std::string_view args = Trim(inner.substr(8));
      const std::size_t space = args.find(' ');
      int64_t lo = 0, hi = 0;
      if (space == std::string_view::npos || !ParseInt(Trim(args.substr(0, space)), lo) ||
          !ParseInt(Trim(args.substr(space + 1)), hi)) {
        return Fail(fmt::format(
            "'{{{{{}}}}}': rand_int takes two integers, e.g. {{{{rand_int 1 100}}}}", inner));
      }
      if (lo > hi) {
        return Fail(
            fmt::format("'{{{{{}}}}}': rand_int lower bound is above the upper bound", inner));
      }
      seg.kind = SlotKind::kRandInt;
      seg.lo = lo;
      seg.hi = hi;
      t.fixed_width_ = false;
    } else if (inner.starts_with("row.")) {
      const std::string_view col = inner.substr(4);
      std::size_t i = 0;
      while (i < names.columns.size() && names.columns[i] != col) ++i;
      if (i == names.columns.size()) {
        if (names.columns.empty()) {
          return Fail(fmt::format("'{{{{{}}}}}': the scenario has no CSV data", inner));
        }
        return Fail(fmt::format("'{{{{{}}}}}': the CSV data has no column '{}'", inner, col));
      }
      seg.kind = SlotKind::kColumn;
      seg.index = i;
      t.fixed_width_ = false;
    } else {
      std::size_t i = 0;
      while (i < names.variables.size() && names.variables[i] != inner) ++i;
      if (i == names.variables.size()) {
        return Fail(fmt::format(
            "unknown template '{{{{{}}}}}' (use uuid, rand_int A B, row.COLUMN or a variable "
            "extracted by an earlier step)",
            inner));
      }
      if (i >= names.variable_available.size() || !names.variable_available[i]) {
        return Fail(fmt::format("'{{{{{}}}}}' is used before any earlier step extracts it", inner));
      }
      seg.kind = SlotKind::kVariable;
      seg.index = i;
      t.fixed_width_ = false;
    }
    t.static_ = false;
    t.segments_.push_back(std::move(seg));
    pos = close + 2;
  }
  return t;
}

namespace {

void AppendEscaped(std::string_view v, Template::Escape escape, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  switch (escape) {
    case Template::Escape::kNone:
      out += v;
      return;
    case Template::Escape::kHeader:
      for (char c : v) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
      return;
    case Template::Escape::kUrl:
      for (char c : v) {
        const auto u = static_cast<unsigned char>(c);
        const bool keep =
            (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            (u > 32 && u < 127 &&
             std::string_view("-._~!$&'()*+,;=:@/?%").find(c) != std::string_view::npos);
        if (keep) {
          out.push_back(c);
        } else {
          out.push_back('%');
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 15]);
        }
      }
      return;
  }
}

}  // namespace

void Template::Render(const TemplateContext& ctx, std::string& out, Escape escape) const {
  for (const Segment& s : segments_) {
    switch (s.kind) {
      case SlotKind::kLiteral:
        out += s.literal;
        break;
      case SlotKind::kUuid: {
        const std::size_t at = out.size();
        out.resize(at + kUuidBytes);
        WriteUuid(*ctx.rng, out.data() + at);
        break;
      }
      case SlotKind::kRandInt: {
        const auto span = static_cast<uint64_t>(s.hi - s.lo);
        const uint64_t r = span == UINT64_MAX ? (*ctx.rng)() : (*ctx.rng)() % (span + 1);
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, s.lo + static_cast<int64_t>(r));
        out.append(buf, end);
        break;
      }
      case SlotKind::kColumn:
        if (s.index < ctx.row.size()) AppendEscaped(ctx.row[s.index], escape, out);
        break;
      case SlotKind::kVariable:
        if (s.index < ctx.variables.size()) AppendEscaped(ctx.variables[s.index], escape, out);
        break;
    }
  }
}

}  // namespace gori::load
