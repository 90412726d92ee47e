// src/http/h2_memory.h (internal to src/http)
//
// The allocator one nghttp2 session uses. nghttp2 makes about eleven small allocations per
// request (stream, header copies, frame items), and with glibc's malloc/free they cost about as
// many instructions as all of gori's own work per request. H2Memory keeps freed blocks on free
// lists by size class and hands them out again, so once a connection has reached its peak number
// of streams it stops calling malloc. Blocks above the largest class go to malloc directly.
//
// Contract: one session, one thread. The H2Memory outlives the session that uses it (delete the
// session first); everything is returned to the system when the H2Memory is destroyed. Under
// AddressSanitizer every call goes to malloc so that use-after-free inside nghttp2 stays visible.
#pragma once

#include <nghttp2/nghttp2.h>

#include <array>
#include <cstddef>
#include <vector>

namespace gori::http {

class H2Memory {
 public:
  // False in sanitized builds, where every call goes to malloc.
  static const bool kPooled;

  H2Memory();
  ~H2Memory();
  H2Memory(const H2Memory&) = delete;
  H2Memory& operator=(const H2Memory&) = delete;

  // For nghttp2_session_*_new3.
  nghttp2_mem* mem() { return &mem_; }

  void* Allocate(std::size_t size);
  void Release(void* p);
  void* Resize(void* p, std::size_t size);

 private:
  static constexpr std::size_t kClasses = 8;  // 32, 64, ..., 4096 bytes

  struct FreeBlock {
    FreeBlock* next;
  };

  void* Carve(std::size_t cls);

  nghttp2_mem mem_;
  std::array<FreeBlock*, kClasses> free_{};
  std::vector<char*> chunks_;
  char* chunk_at_ = nullptr;
  char* chunk_end_ = nullptr;
};

}  // namespace gori::http
