#include "report/formats.h"

#include <gtest/gtest.h>

namespace gori::report {
namespace {

std::vector<std::string> V(std::initializer_list<const char*> v) {
  return std::vector<std::string>(v.begin(), v.end());
}

TEST(ParseOutputs, NoFormatMeansTextOnStdout) {
  auto out = ParseOutputs({}, "");
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ((*out)[0].format->name, "text");
  EXPECT_EQ((*out)[0].file, "");
}

TEST(ParseOutputs, OutputGoesToTheFormatWithoutFile) {
  auto formats = V({"sarif=a.sarif", "junit", "gitlab=b.json"});
  auto out = ParseOutputs(formats, "report.xml");
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 3u);
  EXPECT_EQ((*out)[0].file, "a.sarif");
  EXPECT_EQ((*out)[1].format->name, "junit");
  EXPECT_EQ((*out)[1].file, "report.xml");
  EXPECT_EQ((*out)[2].file, "b.json");
}

TEST(ParseOutputs, TextStillGoesToStdoutWhenEveryFormatHasAFile) {
  auto formats = V({"sarif=a.sarif", "junit=b.xml"});
  auto out = ParseOutputs(formats, "");
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 3u);
  EXPECT_EQ((*out)[2].format->name, "text");
  EXPECT_EQ((*out)[2].file, "");
}

TEST(ParseOutputs, OutputAloneAppliesToText) {
  auto out = ParseOutputs({}, "r.txt");
  ASSERT_TRUE(out);
  EXPECT_EQ((*out)[0].format->name, "text");
  EXPECT_EQ((*out)[0].file, "r.txt");
}

TEST(ParseOutputs, UnknownFormatNamesTheKnownOnes) {
  auto formats = V({"xml"});
  auto out = ParseOutputs(formats, "");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().message,
            "--format: unknown format 'xml' (want text, json, sarif, junit, gitlab, github, "
            "html)");
}

TEST(ParseOutputs, TwoFormatsCannotShareStdout) {
  auto formats = V({"text", "json"});
  auto out = ParseOutputs(formats, "");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().message,
            "--format: only one format can go to stdout or --output; give the others a file "
            "(--format NAME=FILE)");
}

TEST(ParseOutputs, OutputNeedsAFormatWithoutFile) {
  auto formats = V({"sarif=a.sarif"});
  auto out = ParseOutputs(formats, "b");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().message,
            "--output FILE needs a --format without =FILE (e.g. --format sarif --output FILE)");
}

TEST(ParseOutputs, OneFileForTwoFormatsIsAnError) {
  auto formats = V({"sarif=a", "json=a"});
  auto out = ParseOutputs(formats, "");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().message, "--format: a is named for two formats");
  auto formats2 = V({"sarif="});
  auto out2 = ParseOutputs(formats2, "");
  ASSERT_FALSE(out2);
  EXPECT_EQ(out2.error().message, "--format sarif=: empty file name after '='");
}

}  // namespace
}  // namespace gori::report
