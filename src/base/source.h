// src/base/source.h
//
// A Source is one input: its display name and its bytes, read once and kept alive for the whole
// run so that trees, findings and reports can hold string_views into it. Files are read with a
// single read (or mmap for large files); stdin is read to the end.
//
// Bytes the Source owns are followed by kPadding readable bytes (spaces) that are not part of
// bytes(), so a SIMD parser can read past the end in place instead of copying the input;
// padded() says whether that holds (a mapped file may end too close to its last page's end).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/line_index.h"
#include "base/result.h"

namespace gori {

class Source {
 public:
  // Reads `path` ("-" = stdin). The error names the path and the OS reason.
  static Result<std::unique_ptr<Source>> Read(const std::string& path);
  static std::unique_ptr<Source> FromString(std::string name, std::string bytes);
  // Copies `bytes` once (with the padding) — for input that lives in someone else's buffer.
  static std::unique_ptr<Source> CopyOf(std::string name, std::string_view bytes);

  static constexpr std::size_t kPadding = 64;

  ~Source();
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;

  std::string_view name() const { return name_; }
  std::string_view bytes() const { return bytes_; }
  // At least kPadding readable bytes follow bytes().
  bool padded() const { return padded_; }
  // Built on first use; positions in reports need it, the hot path does not.
  const LineIndex& lines() const;

  // For a mapped file: gives the pages back to the page cache once the file is parsed. The
  // bytes stay readable (a later access maps the cached page again), but a run over many
  // large files no longer keeps every one of them resident. No effect on owned bytes.
  void ReleaseResidentPages() const;

 private:
  Source() = default;
  // Appends the padding to owned_ and points bytes_ at the unpadded part.
  void AdoptOwned();

  std::string name_;
  std::string owned_;
  std::string_view bytes_;
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
  bool padded_ = false;
  mutable std::unique_ptr<LineIndex> lines_;
};

}  // namespace gori
