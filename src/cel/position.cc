// src/cel/position.cc
#include "cel/position.h"

#include <algorithm>

namespace gori::cel {
namespace {

// Byte offset of the start of 1-based `line`, or file.size().
std::size_t LineStart(std::string_view file, uint32_t line) {
  std::size_t pos = 0;
  for (uint32_t l = 1; l < line; ++l) {
    std::size_t nl = file.find('\n', pos);
    if (nl == std::string_view::npos) return file.size();
    pos = nl + 1;
  }
  return pos;
}

std::string_view LineAt(std::string_view file, std::size_t start) {
  std::size_t end = file.find('\n', start);
  std::string_view l =
      file.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return l;
}

uint32_t Indent(std::string_view line) {
  uint32_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

}  // namespace

SourcePos MapExpressionOffset(std::string_view file, std::string_view file_name,
                              const doc::Node& scalar, std::string_view expression,
                              uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(expression.size()));
  // Line and byte column of the offset inside the expression (0-based).
  uint32_t k = 0;
  std::size_t line_begin = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (expression[i] == '\n') {
      ++k;
      line_begin = i + 1;
    }
  }
  uint32_t c = offset - static_cast<uint32_t>(line_begin);
  SourcePos pos{file_name, scalar.line(), scalar.column()};
  std::size_t node_line = LineStart(file, scalar.line());
  std::size_t at = node_line + (scalar.column() > 0 ? scalar.column() - 1 : 0);
  char first = at < file.size() ? file[at] : '\0';
  if (first == '|' || first == '>') {
    // Block scalar: content starts on the next line, indented by the first non-empty line's
    // indentation (or an explicit indicator, which we read the same way).
    uint32_t line = scalar.line() + 1;
    std::size_t s = LineStart(file, line);
    uint32_t indent = 0;
    for (std::size_t p = s; p < file.size();) {
      std::string_view l = LineAt(file, p);
      if (l.find_first_not_of(' ') != std::string_view::npos) {
        indent = Indent(l);
        break;
      }
      p += l.size() + 1;
      if (p >= file.size()) break;
    }
    if (first == '|') {
      pos.line = line + k;
      pos.column = indent + c + 1;
      return pos;
    }
    // Folded: source lines join with spaces; walk them consuming the expression's bytes.
    std::size_t want = offset;
    std::size_t consumed = 0;
    std::size_t p = s;
    uint32_t l = line;
    while (p < file.size()) {
      std::string_view text = LineAt(file, p);
      std::size_t len = text.size() > indent ? text.size() - indent : 0;
      if (consumed + len >= want) {
        pos.line = l;
        pos.column = indent + static_cast<uint32_t>(want - consumed) + 1;
        return pos;
      }
      consumed += len + 1;  // the folding space or newline
      p += text.size() + 1;
      ++l;
    }
    pos.line = l;
    pos.column = indent + 1;
    return pos;
  }
  bool quoted = first == '"' || first == '\'';
  if (k == 0) {
    pos.column = scalar.column() + (quoted ? 1 : 0) + c;
    return pos;
  }
  // A multi-line flow scalar: the k-th line of the value continues on a later source line,
  // after that line's indentation.
  pos.line = scalar.line() + k;
  std::string_view l = LineAt(file, LineStart(file, pos.line));
  pos.column = Indent(l) + c + 1;
  return pos;
}

}  // namespace gori::cel
