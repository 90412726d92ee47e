#include "base/arena.h"

#include <algorithm>

namespace gori {

void* Arena::AllocateSlow(std::size_t bytes, std::size_t align) {
  std::size_t size = std::max(block_bytes_, bytes + align);
  blocks_.emplace_back(new char[size]);
  reserved_ += size;
  cur_ = blocks_.back().get();
  cap_ = size;
  pos_ = 0;
  std::size_t p = (reinterpret_cast<std::uintptr_t>(cur_) + align - 1) & ~(align - 1);
  p -= reinterpret_cast<std::uintptr_t>(cur_);
  pos_ = p + bytes;
  return cur_ + p;
}

}  // namespace gori
