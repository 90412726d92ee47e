#include "base/file_writer.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace gori {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(WriteFile, ReplacesTheWholeFileAndLeavesNoTemporary) {
  std::filesystem::path dir = ::testing::TempDir() + "gori_file_writer";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = (dir / "out.json").string();
  ASSERT_TRUE(WriteFile(path, "first, longer content\n"));
  ::chmod(path.c_str(), 0640);
  ASSERT_TRUE(WriteFile(path, "second\n"));
  EXPECT_EQ(Read(path), "second\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);  // an existing file keeps its mode
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator()),
            1);
  std::filesystem::remove_all(dir);
}

TEST(WriteFile, ErrorNamesThePathAndTheReason) {
  auto st = WriteFile("/nonexistent/dir/out.json", "x");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message,
            "cannot write /nonexistent/dir/out.json: No such file or directory");
}

TEST(WriteFile, DevicesAreWrittenInPlace) { EXPECT_TRUE(WriteFile("/dev/null", "x")); }

}  // namespace
}  // namespace gori
