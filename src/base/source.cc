#include "base/source.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gori {
namespace {

constexpr std::size_t kMmapThresholdBytes = 1 << 20;
constexpr std::size_t kPageBytes = 4096;  // the smallest page size Linux maps files with

Status ReadAll(int fd, std::string& out, const std::string& name) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return {};
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(std::string("cannot read: ") + std::strerror(errno), SourcePos{name, 0, 0});
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace

Result<std::unique_ptr<Source>> Source::Read(const std::string& path) {
  std::unique_ptr<Source> s(new Source());
  if (path == "-") {
    s->name_ = "<stdin>";
    if (auto st = ReadAll(0, s->owned_, s->name_); !st) return tl::unexpected(st.error());
    s->AdoptOwned();
    return s;
  }
  s->name_ = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Fail(std::string("cannot open: ") + std::strerror(errno), SourcePos{s->name_, 0, 0});
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Fail(std::string("cannot stat: ") + std::strerror(e), SourcePos{s->name_, 0, 0});
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Fail("is a directory", SourcePos{s->name_, 0, 0});
  }
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) >= kMmapThresholdBytes) {
    void* m = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (m != MAP_FAILED) {
      ::close(fd);
      s->map_ = m;
      s->map_size_ = static_cast<std::size_t>(st.st_size);
      s->bytes_ = std::string_view(static_cast<const char*>(m), s->map_size_);
      // The rest of the last page reads as zeros.
      std::size_t tail = s->map_size_ % kPageBytes;
      s->padded_ = tail != 0 && kPageBytes - tail >= kPadding;
      return s;
    }
  }
  if (S_ISREG(st.st_mode)) s->owned_.reserve(static_cast<std::size_t>(st.st_size) + kPadding);
  auto r = ReadAll(fd, s->owned_, s->name_);
  ::close(fd);
  if (!r) return tl::unexpected(r.error());
  s->AdoptOwned();
  return s;
}

std::unique_ptr<Source> Source::FromString(std::string name, std::string bytes) {
  std::unique_ptr<Source> s(new Source());
  s->name_ = std::move(name);
  s->owned_ = std::move(bytes);
  s->AdoptOwned();
  return s;
}

std::unique_ptr<Source> Source::CopyOf(std::string name, std::string_view bytes) {
  std::unique_ptr<Source> s(new Source());
  s->name_ = std::move(name);
  s->owned_.reserve(bytes.size() + kPadding);
  s->owned_.assign(bytes);
  s->AdoptOwned();
  return s;
}

void Source::AdoptOwned() {
  std::size_t size = owned_.size();
  owned_.append(kPadding, ' ');
  bytes_ = std::string_view(owned_.data(), size);
  padded_ = true;
}

Source::~Source() {
  if (map_) ::munmap(map_, map_size_);
}

void Source::ReleaseResidentPages() const {
  // Clean pages of a private file mapping are dropped, not lost: the file still backs them.
  if (map_) ::madvise(map_, map_size_, MADV_DONTNEED);
}

const LineIndex& Source::lines() const {
  if (!lines_) lines_ = std::make_unique<LineIndex>(bytes_);
  return *lines_;
}

}  // namespace gori
