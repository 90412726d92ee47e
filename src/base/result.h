// src/base/result.h
//
// Result<T>: a value or an Error, for everything that input can break. Errors carry a message
// and, where the input has one, the SourcePos where the problem is. No exceptions cross module
// boundaries.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

#include "base/source_pos.h"

namespace gori {

// Errors own their file name (they outlive the Source that failed to load).
struct Error {
  std::string message;
  std::string file;   // empty when the error is not about an input
  uint32_t line = 0;  // 1-based; 0 = no position
  uint32_t column = 0;

  Error() = default;
  Error(std::string msg, SourcePos pos = {})
      : message(std::move(msg)), file(pos.file), line(pos.line), column(pos.column) {}

  bool HasPosition() const { return line != 0; }
  // "file:line:col: message" when the position is known, else "file: message" or "message".
  std::string ToString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(std::string message, SourcePos pos = {}) {
  return tl::unexpected<Error>(Error{std::move(message), pos});
}

}  // namespace gori
