#include "http/h2_memory.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__SANITIZE_ADDRESS__)
#define GORI_H2_MEMORY_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GORI_H2_MEMORY_SANITIZED 1
#endif
#endif

namespace gori::http {
namespace {

// Every block starts with a header that keeps the payload 16-byte aligned and says where the
// block goes back to.
constexpr std::size_t kHeader = 16;
constexpr uint32_t kLarge = 0xff;
constexpr std::size_t kChunk = 64 * 1024;

std::size_t ClassSize(std::size_t cls) { return std::size_t{32} << cls; }

uint32_t& ClassOf(void* payload) {
  return *reinterpret_cast<uint32_t*>(static_cast<char*>(payload) - kHeader);
}

}  // namespace

#ifdef GORI_H2_MEMORY_SANITIZED
const bool H2Memory::kPooled = false;
#else
const bool H2Memory::kPooled = true;
#endif

H2Memory::H2Memory() {
  mem_.mem_user_data = this;
  mem_.malloc = [](size_t size, void* self) {
    return static_cast<H2Memory*>(self)->Allocate(size);
  };
  mem_.free = [](void* p, void* self) { static_cast<H2Memory*>(self)->Release(p); };
  mem_.calloc = [](size_t n, size_t size, void* self) -> void* {
    if (size != 0 && n > SIZE_MAX / size) return nullptr;
    void* p = static_cast<H2Memory*>(self)->Allocate(n * size);
    if (p) std::memset(p, 0, n * size);
    return p;
  };
  mem_.realloc = [](void* p, size_t size, void* self) {
    return static_cast<H2Memory*>(self)->Resize(p, size);
  };
}

H2Memory::~H2Memory() {
  for (char* c : chunks_) std::free(c);
}

void* H2Memory::Carve(std::size_t cls) {
  const std::size_t need = kHeader + ClassSize(cls);
  if (static_cast<std::size_t>(chunk_end_ - chunk_at_) < need) {
    char* c = static_cast<char*>(std::malloc(kChunk));
    if (!c) return nullptr;
    chunks_.push_back(c);
    chunk_at_ = c;
    chunk_end_ = c + kChunk;
  }
  char* block = chunk_at_;
  chunk_at_ += need;
  return block + kHeader;
}

void* H2Memory::Allocate(std::size_t size) {
  if (!kPooled) return std::malloc(size);
  std::size_t cls = 0;
  while (cls < kClasses && ClassSize(cls) < size) ++cls;
  if (cls == kClasses) {
    if (size > SIZE_MAX - kHeader) return nullptr;
    char* block = static_cast<char*>(std::malloc(kHeader + size));
    if (!block) return nullptr;
    *reinterpret_cast<uint32_t*>(block) = kLarge;
    return block + kHeader;
  }
  void* p;
  if (FreeBlock* b = free_[cls]) {
    free_[cls] = b->next;
    p = b;
  } else {
    p = Carve(cls);
    if (!p) return nullptr;
  }
  ClassOf(p) = static_cast<uint32_t>(cls);
  return p;
}

void H2Memory::Release(void* p) {
  if (!kPooled) return std::free(p);
  if (!p) return;
  const uint32_t cls = ClassOf(p);
  if (cls == kLarge) {
    std::free(static_cast<char*>(p) - kHeader);
    return;
  }
  auto* b = static_cast<FreeBlock*>(p);
  b->next = free_[cls];
  free_[cls] = b;
}

void* H2Memory::Resize(void* p, std::size_t size) {
  if (!kPooled) return std::realloc(p, size);
  if (!p) return Allocate(size);
  const uint32_t cls = ClassOf(p);
  if (cls == kLarge) {
    if (size > SIZE_MAX - kHeader) return nullptr;
    char* block = static_cast<char*>(std::realloc(static_cast<char*>(p) - kHeader, kHeader + size));
    return block ? block + kHeader : nullptr;
  }
  if (size <= ClassSize(cls)) return p;
  void* q = Allocate(size);
  if (!q) return nullptr;
  std::memcpy(q, p, ClassSize(cls));
  Release(p);
  return q;
}

}  // namespace gori::http
