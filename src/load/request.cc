#include "load/request.h"

#include <charconv>

#include <fmt/format.h>

namespace gori::load {
namespace {

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool HasControl(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 32 && c != '\t') || u == 127) return true;
  }
  return false;
}

// Appends the rendering of `t` and records where each {{uuid}} lands (offset from out's start).
void Prerender(const Template& t, std::string& out, std::vector<std::size_t>& uuids) {
  for (const auto& s : t.segments()) {
    if (s.kind == Template::SlotKind::kUuid) {
      uuids.push_back(out.size());
      out.append(kUuidBytes, '0');
    } else {
      out += s.literal;
    }
  }
}

}  // namespace

Result<CompiledRequest> CompiledRequest::Compile(const RequestParts& parts,
                                                 const TemplateNames& names) {
  CompiledRequest r;
  if (!IsToken(parts.method)) return Fail(fmt::format("invalid method '{}'", parts.method));
  r.method_ = parts.method;
  r.is_head_ = parts.method == "HEAD";
  r.always_length_ = parts.method == "POST" || parts.method == "PUT" || parts.method == "PATCH";
  r.host_header_ = parts.host_header;
  if (parts.target.empty() || (parts.target[0] != '/' && parts.target != "*")) {
    return Fail(fmt::format("invalid path '{}': must start with '/'", parts.target));
  }
  auto target = Template::Compile(parts.target, names);
  if (!target) return Fail(fmt::format("path: {}", target.error().message));
  for (const auto& s : target->segments()) {
    if (s.kind == Template::SlotKind::kLiteral &&
        (HasControl(s.literal) || s.literal.find(' ') != std::string::npos)) {
      return Fail(fmt::format("invalid path '{}': spaces or control characters", parts.target));
    }
  }
  r.target_ = std::move(*target);
  bool user_host = false;
  for (const auto& [name, value] : parts.headers) {
    if (!IsToken(name)) return Fail(fmt::format("invalid header name '{}'", name));
    if (EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "transfer-encoding")) {
      return Fail(fmt::format("header '{}' is computed by gori; remove it", name));
    }
    if (HasControl(value)) {
      return Fail(fmt::format("header '{}' has control characters in its value", name));
    }
    if (EqualsIgnoreCase(name, "host")) user_host = true;
    auto t = Template::Compile(value, names);
    if (!t) return Fail(fmt::format("header '{}': {}", name, t.error().message));
    r.headers_.emplace_back(name, std::move(*t));
  }
  if (user_host) r.host_header_.clear();
  auto body = Template::Compile(parts.body, names);
  if (!body) return Fail(fmt::format("body: {}", body.error().message));
  r.body_ = std::move(*body);

  bool is_static = r.target_.IsStatic() && r.body_.IsStatic();
  bool fixed = r.target_.FixedWidth() && r.body_.FixedWidth();
  for (const auto& h : r.headers_) {
    is_static = is_static && h.second.IsStatic();
    fixed = fixed && h.second.FixedWidth();
  }
  r.shape_ = is_static ? Shape::kStatic : fixed ? Shape::kPatched : Shape::kGeneral;
  if (r.shape_ != Shape::kGeneral) {
    std::vector<std::size_t> body_uuids;
    std::string body_bytes;
    Prerender(r.body_, body_bytes, body_uuids);
    std::string& out = r.prerendered_;
    out = r.method_ + " ";
    Prerender(r.target_, out, r.uuid_offsets_);
    out += " HTTP/1.1\r\n";
    if (!r.host_header_.empty()) out += "Host: " + r.host_header_ + "\r\n";
    for (const auto& [name, value] : r.headers_) {
      out += name + ": ";
      Prerender(value, out, r.uuid_offsets_);
      out += "\r\n";
    }
    if (!body_bytes.empty() || r.always_length_) {
      out += fmt::format("Content-Length: {}\r\n", body_bytes.size());
    }
    out += "\r\n";
    for (std::size_t off : body_uuids) r.uuid_offsets_.push_back(out.size() + off);
    out += body_bytes;
  }
  return r;
}

void CompiledRequest::RenderGeneral(const TemplateContext& ctx, Scratch& scratch) const {
  scratch.body.clear();
  body_.Render(ctx, scratch.body);
  std::string& out = scratch.out;
  out.clear();
  out += method_;
  out += ' ';
  target_.Render(ctx, out, Template::Escape::kUrl);
  out += " HTTP/1.1\r\n";
  if (!host_header_.empty()) {
    out += "Host: ";
    out += host_header_;
    out += "\r\n";
  }
  for (const auto& [name, value] : headers_) {
    out += name;
    out += ": ";
    value.Render(ctx, out, Template::Escape::kHeader);
    out += "\r\n";
  }
  if (!scratch.body.empty() || always_length_) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, scratch.body.size());
    out += "Content-Length: ";
    out.append(digits, end);
    out += "\r\n";
  }
  out += "\r\n";
  out += scratch.body;
}

std::string_view CompiledRequest::Render(const TemplateContext& ctx, Scratch& scratch) const {
  switch (shape_) {
    case Shape::kStatic:
      return prerendered_;
    case Shape::kPatched:
      if (scratch.primed_by != this || scratch.out.size() != prerendered_.size()) {
        scratch.out = prerendered_;
        scratch.primed_by = this;
      }
      for (std::size_t off : uuid_offsets_) WriteUuid(*ctx.rng, scratch.out.data() + off);
      return scratch.out;
    case Shape::kGeneral:
      scratch.primed_by = nullptr;
      RenderGeneral(ctx, scratch);
      return scratch.out;
  }
  return prerendered_;
}

std::string CompiledRequest::StaticTarget() const {
  if (!target_.IsStatic()) return {};
  std::string out;
  for (const auto& seg : target_.segments()) out += seg.literal;
  return out;
}

}  // namespace gori::load
