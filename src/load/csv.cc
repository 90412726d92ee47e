#include "load/csv.h"

#include <fmt/format.h>

namespace gori::load {

Result<CsvData> ParseCsv(std::string_view text, std::string_view file_name) {
  CsvData data;
  std::vector<std::string> record;
  std::string field;
  uint32_t line = 1;
  uint32_t record_line = 1;
  std::size_t i = 0;
  auto end_record = [&]() -> Status {
    record.push_back(std::move(field));
    field.clear();
    const bool blank = record.size() == 1 && record[0].empty();
    if (!blank) {
      if (data.columns.empty()) {
        data.columns = std::move(record);
      } else if (record.size() != data.columns.size()) {
        return Fail(fmt::format("CSV record has {} fields, the header has {}", record.size(),
                                data.columns.size()),
                    SourcePos{file_name, record_line, 1});
      } else {
        data.rows.push_back(std::move(record));
      }
    }
    record.clear();
    return {};
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '"' && field.empty()) {
      const uint32_t quote_line = line;
      ++i;
      while (true) {
        if (i >= text.size()) {
          return Fail("unterminated quoted CSV field", SourcePos{file_name, quote_line, 1});
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field.push_back(text[i++]);
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return Fail("unexpected character after a quoted CSV field", SourcePos{file_name, line, 1});
      }
      continue;
    }
    if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      if (auto s = end_record(); !s) return tl::unexpected(s.error());
      ++line;
      record_line = line;
    } else {
      field.push_back(c);
      ++i;
    }
  }
  if (!field.empty() || !record.empty()) {
    if (auto s = end_record(); !s) return tl::unexpected(s.error());
  }
  if (data.columns.empty()) return Fail("CSV data has no header line", SourcePos{file_name, 1, 1});
  if (data.rows.empty()) return Fail("CSV data has no rows", SourcePos{file_name, 1, 1});
  return data;
}

}  // namespace gori::load
