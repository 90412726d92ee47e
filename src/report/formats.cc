#include "report/formats.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

#include <fmt/format.h>

#include "base/file_writer.h"

namespace gori::report {
namespace {

void Text(const Report& r, const WriteOptions& o, std::string& out) {
  WriteText(r, TextOptions{.color = o.color, .excerpts = o.excerpts}, out);
}
void Json(const Report& r, const WriteOptions&, std::string& out) { WriteJson(r, out); }

constexpr Format kFormats[] = {
    {"text", "file:line:col findings with source excerpts (default)", Text},
    {"json", "gori's JSON report", Json},
    {"sarif", "SARIF 2.1.0 (GitHub code scanning and other SARIF viewers)", WriteSarif},
    {"junit", "JUnit XML (GitLab and Jenkins test reports)", WriteJunit},
    {"gitlab", "GitLab Code Quality JSON", WriteGitlab},
    {"github", "GitHub Actions workflow commands (annotations)", WriteGithub},
    {"html", "one self-contained HTML page", WriteHtml},
};

}  // namespace

std::span<const Format> Formats() { return kFormats; }

const Format* FindFormat(std::string_view name) {
  for (const Format& f : kFormats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string FormatNames() {
  std::string out;
  for (const Format& f : kFormats) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

Result<std::vector<OutputSpec>> ParseOutputs(std::span<const std::string> formats,
                                             const std::string& output) {
  std::vector<OutputSpec> out;
  std::vector<std::string> defaults{"text"};
  if (formats.empty()) formats = defaults;
  int to_stream = 0;
  std::set<std::string> files;
  for (const std::string& spec : formats) {
    std::size_t eq = spec.find('=');
    std::string name = spec.substr(0, eq);
    const Format* format = FindFormat(name);
    if (!format) {
      return Fail(fmt::format("--format: unknown format '{}' (want {})", name, FormatNames()));
    }
    OutputSpec o{format, ""};
    if (eq != std::string::npos) {
      o.file = spec.substr(eq + 1);
      if (o.file.empty()) return Fail(fmt::format("--format {}: empty file name after '='", spec));
    } else {
      if (++to_stream > 1) {
        return Fail(
            "--format: only one format can go to stdout or --output; give the others a file "
            "(--format NAME=FILE)");
      }
      o.file = output;
    }
    if (!o.file.empty() && !files.insert(o.file).second) {
      return Fail(fmt::format("--format: {} is named for two formats", o.file));
    }
    out.push_back(std::move(o));
  }
  if (!output.empty() && to_stream == 0) {
    return Fail(
        "--output FILE needs a --format without =FILE (e.g. --format sarif --output "
        "FILE)");
  }
  // Every report went to a file: the log (a CI job's, a terminal) still shows the findings.
  if (to_stream == 0) out.push_back(OutputSpec{FindFormat("text"), ""});
  return out;
}

Status WriteOutputs(const Report& report, std::span<const OutputSpec> outputs,
                    const WriteOptions& options) {
  std::string bytes;
  for (const OutputSpec& o : outputs) {
    bytes.clear();
    WriteOptions opt = options;
    opt.color = options.color && o.file.empty();
    o.format->write(report, opt, bytes);
    if (o.file.empty()) {
      std::fwrite(bytes.data(), 1, bytes.size(), stdout);
      std::fflush(stdout);
    } else if (Status st = WriteFile(o.file, bytes); !st) {
      return st;
    }
  }
  return {};
}

}  // namespace gori::report
