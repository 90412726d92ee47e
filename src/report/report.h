// src/report/report.h
//
// What every report writer receives: the kept findings (sorted), the input errors, the checked
// objects, the rules that ran, and run counts. Writers are pure functions from a Report to bytes
// (formats.h lists them by name); they never decide exit codes.
//
// Where a finding is *shown* can differ from where it sits in the checked bytes: a finding in
// `helm template` output belongs to its chart template, one in `kubectl kustomize` output to the
// file the object came from. A Locator answers that question (src/origin implements it); without
// one every position is shown as it is in the input. Writers ask `Where()` and never look at a
// finding's own file/line directly.
#pragma once

#include <array>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/source.h"
#include "json/writer.h"
#include "k8s/object.h"
#include "rules/rule.h"

namespace gori::report {

// Where to show a finding, an object or an error.
struct Location {
  std::string_view file;  // the file a user edits (a template, an overlay file, the manifest)
  uint32_t line = 0;      // 1-based; 0 = no position
  uint32_t column = 0;
  // > 0 when `file` produced the checked text by rendering (Helm template, kustomization) and
  // the position is a rendered one: line N of that file's rendered output.
  uint32_t rendered_line = 0;
  // The bytes to excerpt and the position in them of what is reported (the rendered output for
  // a template; the original file when a position was mapped exactly). nullptr = no excerpt.
  const Source* source = nullptr;
  uint32_t source_line = 0;
  uint32_t source_column = 0;
  // The position in the checked input itself.
  std::string_view input_file;
  uint32_t input_line = 0;
  uint32_t input_column = 0;

  bool Relocated() const {
    return input_file != file || input_line != line || input_column != column;
  }
  // "file:line:col", "file (rendered line N)", "file" or "" (no file).
  std::string Display() const;
  // The line number to print beside line `k` of `source` in an excerpt (rendered numbering
  // when the excerpt is rendered text).
  int64_t ShownLine(uint32_t k) const {
    return static_cast<int64_t>(k) - static_cast<int64_t>(source_line) +
           (rendered_line != 0 ? rendered_line : line);
  }
};

// Maps checked positions to shown ones. Implementations may cache; one per run, one thread.
class Locator {
 public:
  virtual ~Locator() = default;
  virtual Location Where(const rules::Finding& f) const;
  virtual Location Where(const k8s::Object& o) const;
  virtual Location Where(const Error& e) const;
};

struct Report {
  std::span<const rules::Finding> findings;  // suppressed ones included, flagged
  // auditAnnotations the policies published per object, with or without a finding.
  std::span<const rules::ObjectAudit> audit;
  std::span<const Error> errors;
  std::span<const k8s::Object> checked;       // every object checked (JUnit passes, HTML totals)
  std::span<const rules::Rule* const> rules;  // the rules that ran; empty = the ones findings name
  const Locator* locator = nullptr;           // nullptr = positions as in the input
  std::size_t files = 0;
  std::size_t objects = 0;
  rules::Severity fail_on = rules::Severity::kHigh;
  bool fail_never = false;  // --fail-on none
  bool show_suppressed = false;
  // Writes extra top-level members (key and value) after "summary" in the JSON report, e.g. the
  // compliance profile summary; unset writes nothing.
  std::function<void(json::Writer&)> extra_json;
  // Appends text after the text report's summary line (the compliance summary); may be unset.
  std::function<void(std::string&)> extra_text;

  // Counts of unsuppressed findings by severity (index = Severity value).
  std::array<std::size_t, 5> CountBySeverity() const;
  std::size_t Suppressed() const;
  // True when an unsuppressed finding is at or above fail_on.
  bool Fails() const;

  Location Where(const rules::Finding& f) const;
  Location Where(const k8s::Object& o) const;
  Location Where(const Error& e) const;
  // `rules`, plus any rule a finding names that is not in it; sorted by id.
  std::vector<const rules::Rule*> RulesUsed() const;
};

// Options every writer may read; each format ignores what it does not need.
struct WriteOptions {
  bool color = false;    // text only, and only for a terminal
  bool excerpts = true;  // text: the source line with a caret under the column
  std::string_view tool_version;
  std::string_view information_uri;  // SARIF tool.driver.informationUri; empty = omitted
  // Absolute directory that relative artifact paths are based on (SARIF/GitLab/GitHub turn
  // absolute input paths below it into relative ones). Empty = paths as given.
  std::string_view source_root;
};

struct TextOptions {
  bool color = false;
  bool excerpts = true;  // the source line with a caret under the column
};

void WriteText(const Report& report, const TextOptions& options, std::string& out);
// {"findings": [...], "errors": [...], "summary": {...}}; deterministic, 2-space indent.
void WriteJson(const Report& report, std::string& out);
// SARIF 2.1.0, one run (https://docs.oasis-open.org/sarif/sarif/v2.1.0/).
void WriteSarif(const Report& report, const WriteOptions& options, std::string& out);
// JUnit XML: one testsuite per shown file, one testcase per object, input errors as <error>.
void WriteJunit(const Report& report, const WriteOptions& options, std::string& out);
// GitLab Code Quality report (a JSON array of issues).
void WriteGitlab(const Report& report, const WriteOptions& options, std::string& out);
// GitHub Actions workflow commands (::error file=...::message), one per line.
void WriteGithub(const Report& report, const WriteOptions& options, std::string& out);
// One self-contained HTML page (inline CSS and JS, no external fetches).
void WriteHtml(const Report& report, const WriteOptions& options, std::string& out);

}  // namespace gori::report
