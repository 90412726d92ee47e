#include "base/arena.h"

#include <algorithm>

namespace gori {

void* Arena::AllocateSlow(std::size_t bytes, std::size_t align) {
  std::size_t size = std::max(block_bytes_, bytes + align);
  blocks_.emplace_back(new char[size]);
  if (blocks_.size() == 1) first_block_bytes_ = size;
  reserved_ += size;
  cur_ = blocks_.back().get();
  cap_ = size;
  pos_ = 0;
  std::size_t p = (reinterpret_cast<std::uintptr_t>(cur_) + align - 1) & ~(align - 1);
  p -= reinterpret_cast<std::uintptr_t>(cur_);
  pos_ = p + bytes;
  return cur_ + p;
}

void Arena::ResetSlow() {
  if (first_block_bytes_ != block_bytes_) {
    // A first block sized for one large allocation is not worth keeping.
    *this = Arena(block_bytes_);
    return;
  }
  blocks_.resize(1);
  cur_ = blocks_.front().get();
  cap_ = first_block_bytes_;
  pos_ = 0;
  reserved_ = first_block_bytes_;
}

}  // namespace gori
