#include "http/h2_memory.h"

#include <cstring>
#include <vector>

#include <gtest/gtest.h>

namespace gori::http {
namespace {

TEST(H2Memory, BlocksHoldWhatIsWrittenAndAreAligned) {
  H2Memory m;
  std::vector<void*> blocks;
  for (std::size_t size : {1, 16, 31, 32, 33, 100, 1000, 4096, 4097, 100000}) {
    void* p = m.Allocate(size);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u) << size;
    std::memset(p, static_cast<int>(size & 0x7f), size);
    blocks.push_back(p);
  }
  std::size_t i = 0;
  for (std::size_t size : {1, 16, 31, 32, 33, 100, 1000, 4096, 4097, 100000}) {
    const auto* b = static_cast<const unsigned char*>(blocks[i++]);
    EXPECT_EQ(b[0], size & 0x7f);
    EXPECT_EQ(b[size - 1], size & 0x7f);
  }
  for (void* p : blocks) m.Release(p);
}

TEST(H2Memory, FreedBlocksAreReusedByClass) {
  if (!H2Memory::kPooled) GTEST_SKIP() << "sanitized builds pass every call to malloc";
  H2Memory m;
  void* a = m.Allocate(40);  // the 64-byte class
  m.Release(a);
  EXPECT_EQ(m.Allocate(64), a);
  void* b = m.Allocate(65);  // the next class: not `a`
  EXPECT_NE(b, a);
}

TEST(H2Memory, ResizeKeepsContents) {
  H2Memory m;
  auto* p = static_cast<char*>(m.Resize(nullptr, 20));
  ASSERT_NE(p, nullptr);
  std::memcpy(p, "0123456789abcdefghi", 20);
  p = static_cast<char*>(m.Resize(p, 30));  // same class
  EXPECT_STREQ(p, "0123456789abcdefghi");
  p = static_cast<char*>(m.Resize(p, 3000));
  EXPECT_STREQ(p, "0123456789abcdefghi");
  p = static_cast<char*>(m.Resize(p, 50000));  // past the largest class
  EXPECT_STREQ(p, "0123456789abcdefghi");
  p = static_cast<char*>(m.Resize(p, 90000));
  EXPECT_STREQ(p, "0123456789abcdefghi");
  m.Release(p);
  m.Release(nullptr);
}

TEST(H2Memory, CallocZeroesAndRefusesOverflow) {
  H2Memory m;
  nghttp2_mem* mem = m.mem();
  void* a = mem->malloc(48, mem->mem_user_data);
  std::memset(a, 0xab, 48);
  mem->free(a, mem->mem_user_data);
  auto* z = static_cast<unsigned char*>(mem->calloc(6, 8, mem->mem_user_data));
  ASSERT_NE(z, nullptr);
  for (int i = 0; i < 48; ++i) EXPECT_EQ(z[i], 0) << i;
  mem->free(z, mem->mem_user_data);
  EXPECT_EQ(mem->calloc(SIZE_MAX / 2, 4, mem->mem_user_data), nullptr);
}

}  // namespace
}  // namespace gori::http
