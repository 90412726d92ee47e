#include "load/engine.h"

#include <gtest/gtest.h>

namespace gori::load {
namespace {

TEST(ResolveOptions, WarmupRunsFirstAtTheStartingRateInWholeSeconds) {
  LoadOptions o;
  o.open = true;
  o.stages = {{0, 300, 300}};
  o.duration_ns = 5'000'000'000;
  o.warmup_ns = 1'500'000'000;
  auto r = ResolveOptions(o);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->warmup_ns, 2'000'000'000);
  ASSERT_EQ(r->stages.size(), 2u);
  EXPECT_EQ(r->stages[0].duration_ns, 2'000'000'000);
  EXPECT_EQ(r->stages[0].from_rps, 300);
  EXPECT_EQ(r->stages[0].to_rps, 300);
  EXPECT_EQ(r->stages[1].duration_ns, 5'000'000'000);
  EXPECT_EQ(r->duration_ns, 7'000'000'000);
}

TEST(ResolveOptions, WarmupOfARampUsesItsFirstRateAndExtendsAClosedRun) {
  LoadOptions ramp;
  ramp.open = true;
  ramp.stages = {{3'000'000'000, 10, 100}, {2'000'000'000, 100, 100}};
  ramp.warmup_ns = 1'000'000'000;
  auto r = ResolveOptions(ramp);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->stages[0].from_rps, 10);
  EXPECT_EQ(r->stages[0].to_rps, 10);
  EXPECT_EQ(r->duration_ns, 6'000'000'000);

  LoadOptions closed;
  closed.duration_ns = 2'000'000'000;
  closed.warmup_ns = 1;
  auto c = ResolveOptions(closed);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->duration_ns, 3'000'000'000);
  EXPECT_TRUE(c->stages.empty());
}

TEST(ResolveOptions, WarmupNeedsATimeBoundedRun) {
  LoadOptions o;
  o.requests = 100;
  o.warmup_ns = 1'000'000'000;
  auto r = ResolveOptions(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "a warm-up needs a run bounded by time (--duration or stages), not --requests");
}

}  // namespace
}  // namespace gori::load
