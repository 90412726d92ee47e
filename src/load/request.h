// src/load/request.h
//
// A request of a load test compiled once into the bytes sent on the wire. Three shapes, chosen
// at compile time, so the load loop never builds strings per request:
//   static  - no template slots: the bytes are rendered once and sent as they are;
//   patched - only fixed-width slots ({{uuid}}): rendered once per connection with placeholders
//             whose offsets are known, then patched in place before each send;
//   general - slots of varying width: rendered into the connection's reusable buffers (the body
//             first, so Content-Length is exact), which stop allocating once they have grown.
// Content-Length and Host are written by gori (a user Content-Length or Transfer-Encoding header
// is a compile error). Thread-compatible; Render is const and writes only into the Scratch.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "load/template.h"

namespace gori::load {

struct RequestParts {
  std::string method = "GET";
  std::string host_header;  // Host value (overridden by a user Host header)
  std::string target;       // template text: "/v1/pay?id={{uuid}}"
  std::vector<std::pair<std::string, std::string>> headers;  // name, value template text
  std::string body;                                          // template text
};

class CompiledRequest {
 public:
  enum class Shape : uint8_t { kStatic, kPatched, kGeneral };

  // Per-connection buffers. One Scratch may serve several requests in turn: `out` is patched in
  // place only when it holds the prerendered bytes of the very request rendering now.
  struct Scratch {
    std::string out;
    std::string body;
    const CompiledRequest* primed_by = nullptr;  // whose patched-shape bytes `out` holds
  };

  static Result<CompiledRequest> Compile(const RequestParts& parts, const TemplateNames& names);

  // The bytes to send, valid until the next Render with the same Scratch.
  std::string_view Render(const TemplateContext& ctx, Scratch& scratch) const;

  Shape shape() const { return shape_; }
  bool is_head() const { return is_head_; }
  const std::string& method() const { return method_; }
  // The request target when it has no template slots, else empty.
  std::string StaticTarget() const;

 private:
  void RenderGeneral(const TemplateContext& ctx, Scratch& scratch) const;

  Shape shape_ = Shape::kStatic;
  bool is_head_ = false;
  bool always_length_ = false;  // POST/PUT/PATCH send Content-Length: 0 for empty bodies
  std::string method_;
  std::string host_header_;
  Template target_;
  std::vector<std::pair<std::string, Template>> headers_;
  Template body_;
  std::string prerendered_;                // static and patched shapes
  std::vector<std::size_t> uuid_offsets_;  // patched shape
};

}  // namespace gori::load
