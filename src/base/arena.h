// src/base/arena.h
//
// A bump allocator for trees that live and die together (one per document or per request).
// Objects are never freed one by one and their destructors never run, so only trivially
// destructible types (or views into memory the arena owns) may be placed in it.
// Thread-compatible.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace gori {

class Arena {
 public:
  explicit Arena(std::size_t block_bytes = 64 * 1024) : block_bytes_(block_bytes) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;

  void* Allocate(std::size_t bytes, std::size_t align) {
    std::size_t p = (pos_ + align - 1) & ~(align - 1);
    if (p + bytes > cap_) return AllocateSlow(bytes, align);
    pos_ = p + bytes;
    return cur_ + p;
  }

  template <typename T, typename... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (Allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  // Copies `items` into the arena and returns a view of the copy.
  template <typename T>
  std::span<T> Copy(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    T* p = static_cast<T*>(Allocate(sizeof(T) * items.size(), alignof(T)));
    std::memcpy(static_cast<void*>(p), items.data(), sizeof(T) * items.size());
    return {p, items.size()};
  }

  std::string_view CopyString(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(Allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  std::size_t BytesReserved() const { return reserved_; }

  // Forgets every allocation but keeps the first block for reuse, so an arena that serves one
  // request after another stops calling malloc once it has warmed up. Views into the arena
  // are dangling afterwards.
  void Reset() {
    // The common cases inline: nothing allocated yet, or one block of the usual size (kept).
    if (blocks_.empty()) return;
    if (blocks_.size() == 1 && first_block_bytes_ == block_bytes_) {
      pos_ = 0;
      return;
    }
    ResetSlow();
  }

 private:
  void ResetSlow();
  void* AllocateSlow(std::size_t bytes, std::size_t align);

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  std::size_t pos_ = 0;
  std::size_t cap_ = 0;
  std::size_t block_bytes_;
  std::size_t reserved_ = 0;
  std::size_t first_block_bytes_ = 0;
};

}  // namespace gori
