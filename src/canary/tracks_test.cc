#include "canary/tracks.h"

#include <gtest/gtest.h>

#include "canary/config.h"

namespace gori::canary {
namespace {

TEST(CanaryTracks, MatchersParseWithEscapesAndOperators) {
  auto m = ParseMatchers(R"(case="x", track="can\"ary",pod=~"web-.*")");
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->size(), 3u);
  EXPECT_EQ((*m)[1].name, "track");
  EXPECT_EQ((*m)[1].value, "can\"ary");
  EXPECT_EQ((*m)[2].op, "=~");
  EXPECT_FALSE(ParseMatchers("track=canary"));
  EXPECT_FALSE(ParseMatchers("track=\"canary"));
  EXPECT_FALSE(ParseMatchers("=\"x\""));
}

TEST(CanaryTracks, OneQuerySplitsByTheDistinguishingLabel) {
  auto t = TrackSplitter::Create(R"(case="x",track="baseline")", R"(case="x",track="canary")");
  ASSERT_TRUE(t) << t.error().message;
  prom::QueryResult both{"matrix", {}, {}};
  both.series.push_back({{{"le", "0.1"}, {"track", "canary"}}, {{1000, 1}}});
  both.series.push_back({{{"le", "0.1"}, {"track", "baseline"}}, {{1000, 2}}});
  both.series.push_back({{{"le", "0.1"}, {"track", "other"}}, {{1000, 3}}});
  auto [b, c] = t->Split(both);
  ASSERT_EQ(b.series.size(), 1u);
  ASSERT_EQ(c.series.size(), 1u);
  EXPECT_DOUBLE_EQ(b.series[0].samples[0].value, 2);
  EXPECT_DOUBLE_EQ(c.series[0].samples[0].value, 1);
}

TEST(CanaryTracks, SelectorsThatDifferOnlyByRegexCannotSplit) {
  EXPECT_FALSE(TrackSplitter::Create(R"(track="a")", R"(track="a")"));
  auto t = TrackSplitter::Create(R"(pod=~"web-primary-.*")", R"(pod=~"web-.*")");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("label equality"), std::string::npos);
}

TEST(CanaryTracks, ConfigAcceptsTheOneQueryFormAndSubstitutesBoth) {
  auto c = ParseConfig(
      "metrics:\n  - name: p\n    kind: gauge\n"
      "    query: 'avg by (track) (x{ {{baseline}} } or x{ {{canary}} })'\n    margin: 5%\n",
      "c.yaml");
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(SubstituteBoth(c->metrics[0].query, "track=\"b\"", "track=\"c\""),
            "avg by (track) (x{ track=\"b\" } or x{ track=\"c\" })");
  auto bad = ParseConfig(
      "metrics:\n  - {name: p, kind: gauge, query: 'x{ {{baseline}} }', margin: 5%}\n", "c.yaml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().ToString(),
            "c.yaml:2:35: query must contain both {{baseline}} and {{canary}}");
}

}  // namespace
}  // namespace gori::canary
