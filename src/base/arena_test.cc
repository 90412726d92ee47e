#include "base/arena.h"

#include <cstdint>

#include <gtest/gtest.h>

namespace gori {
namespace {

struct Pair {
  int64_t a;
  int32_t b;
};

TEST(Arena, AllocationsAreAlignedAndDistinct) {
  Arena arena(128);
  char* c = static_cast<char*>(arena.Allocate(3, 1));
  auto* p = arena.New<Pair>(Pair{1, 2});
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % alignof(Pair), 0u);
  EXPECT_NE(static_cast<void*>(c), static_cast<void*>(p));
  EXPECT_EQ(p->a, 1);
  EXPECT_EQ(p->b, 2);
}

TEST(Arena, LargeAllocationGetsItsOwnBlock) {
  Arena arena(64);
  void* big = arena.Allocate(1000, 8);
  ASSERT_NE(big, nullptr);
  EXPECT_GE(arena.BytesReserved(), 1000u);
  std::memset(big, 0xab, 1000);
}

TEST(Arena, ResetKeepsTheFirstBlockAndReusesIt) {
  Arena arena(256);
  char* first = static_cast<char*>(arena.Allocate(100, 8));
  for (int i = 0; i < 10; ++i) arena.Allocate(100, 8);
  EXPECT_GT(arena.BytesReserved(), 256u);
  arena.Reset();
  EXPECT_EQ(arena.BytesReserved(), 256u);
  EXPECT_EQ(static_cast<char*>(arena.Allocate(100, 8)), first);
}

TEST(Arena, ResetDropsAFirstBlockSizedForOneLargeAllocation) {
  Arena arena(64);
  arena.Allocate(1000, 8);
  arena.Reset();
  EXPECT_EQ(arena.BytesReserved(), 0u);
  EXPECT_NE(arena.Allocate(10, 8), nullptr);
}

TEST(Arena, CopyStringOwnsItsBytes) {
  Arena arena;
  std::string s = "hello";
  std::string_view v = arena.CopyString(s);
  s[0] = 'j';
  EXPECT_EQ(v, "hello");
  EXPECT_TRUE(arena.CopyString("").empty());
}

TEST(Arena, CopySpan) {
  Arena arena;
  int xs[] = {1, 2, 3};
  auto span = arena.Copy(std::span<const int>(xs));
  ASSERT_EQ(span.size(), 3u);
  xs[0] = 9;
  EXPECT_EQ(span[0], 1);
}

}  // namespace
}  // namespace gori
