// src/report/formats.h
//
// The report formats by name (`gori check --format NAME`), and where each one goes: several
// `--format NAME=FILE` in one run, plus at most one format for stdout or `--output FILE`.
// Adding a format is one entry in formats.cc.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "report/report.h"

namespace gori::report {

using WriteFn = void (*)(const Report&, const WriteOptions&, std::string&);

struct Format {
  std::string_view name;
  std::string_view summary;
  WriteFn write;
};

std::span<const Format> Formats();
const Format* FindFormat(std::string_view name);
// "text, json, sarif, ..." for messages and --help.
std::string FormatNames();

struct OutputSpec {
  const Format* format = nullptr;
  std::string file;  // empty = stdout
};

// `formats` holds the --format values ("NAME" or "NAME=FILE"), `output` the --output value.
// No --format means text. At most one format may lack "=FILE"; it goes to `output`, or stdout.
// When every format names a file, text goes to stdout as well, so logs still show findings.
// Errors (unknown format, two formats for stdout, --output without such a format, one file
// named twice) are usage errors with a message for the user.
Result<std::vector<OutputSpec>> ParseOutputs(std::span<const std::string> formats,
                                             const std::string& output);

// Writes every output. `options.color` applies to the stdout one only. Stops at the first file
// that cannot be written and says which.
Status WriteOutputs(const Report& report, std::span<const OutputSpec> outputs,
                    const WriteOptions& options);

}  // namespace gori::report
