// src/load/csv.h
//
// CSV data for scenarios (RFC 4180: comma-separated, double-quoted fields with "" escapes,
// CRLF or LF line ends). The first record names the columns; every other record must have the
// same number of fields. Errors name the file and line. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gori::load {

struct CsvData {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

Result<CsvData> ParseCsv(std::string_view text, std::string_view file_name);

}  // namespace gori::load
