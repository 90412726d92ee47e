#include "base/source.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace gori {
namespace {

TEST(Source, MissingFileIsAnErrorNamingThePath) {
  auto s = Source::Read("/nonexistent/gori/file.yaml");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().ToString(),
            "/nonexistent/gori/file.yaml: cannot open: No such file or directory");
}

TEST(Source, DirectoryIsAnError) {
  auto s = Source::Read("/");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "is a directory");
}

TEST(Source, ReadsSmallAndLargeFiles) {
  for (std::size_t size : {std::size_t{10}, std::size_t{3} << 20}) {
    std::string path = ::testing::TempDir() + "/gori_source_test.yaml";
    std::string content(size, 'x');
    content[size - 1] = '\n';
    std::ofstream(path) << content;
    auto s = Source::Read(path);
    ASSERT_TRUE(s) << s.error().ToString();
    EXPECT_EQ((*s)->bytes().size(), size);
    EXPECT_EQ((*s)->bytes(), content);
    EXPECT_EQ((*s)->lines().LineCount(), 2u);
    // Released pages of a mapped file read back the same bytes.
    (*s)->ReleaseResidentPages();
    EXPECT_EQ((*s)->bytes(), content);
    std::remove(path.c_str());
  }
}

TEST(Source, OwnedBytesArePaddedButThePaddingIsNotPartOfThem) {
  auto s = Source::FromString("x", "abc");
  EXPECT_EQ(s->bytes(), "abc");
  EXPECT_TRUE(s->padded());
  for (std::size_t i = 0; i < Source::kPadding; ++i) EXPECT_EQ(s->bytes().data()[3 + i], ' ');
  auto c = Source::CopyOf("y", std::string_view("hello world", 5));
  EXPECT_EQ(c->bytes(), "hello");
  EXPECT_EQ(c->name(), "y");
  EXPECT_TRUE(c->padded());
}

TEST(Error, ToStringFormatsPosition) {
  Error e{"bad", SourcePos{"f.yaml", 3, 7}};
  EXPECT_EQ(e.ToString(), "f.yaml:3:7: bad");
  EXPECT_EQ((Error{"bad", {}}.ToString()), "bad");
}

}  // namespace
}  // namespace gori
