// src/guard/baseline.h
//
// Baselines (`gori check --baseline FILE`, `--write-baseline FILE`): findings recorded earlier
// that no longer fail. They are keyed by rule, object (kind, namespace, name) and field path —
// never by line, so edits around a finding do not break it. A baseline entry suppresses as many
// findings with its key as were recorded; more of them are new findings. The file is JSON:
//   {"gori_baseline": 1, "findings": [{"rule", "kind", "namespace", "name", "path", "count"?}]}
// Thread-compatible; Apply is const.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>

#include "base/result.h"
#include "rules/rule.h"

namespace gori::guard {

// Finding::suppression_reason of a finding a baseline suppresses starts with this.
inline constexpr std::string_view kBaselineReasonPrefix = "recorded in baseline ";

class Baseline {
 public:
  // Reads a baseline written by Write. Errors name the file and position.
  static Result<Baseline> Load(const std::string& path);
  static Result<Baseline> Parse(std::string name, std::string bytes);
  // The baseline of `findings` (suppressed ones are left out, except those an earlier baseline
  // suppressed: they are still current), as JSON text.
  static std::string Serialize(std::span<const rules::Finding> findings);
  static Status Write(const std::string& path, std::span<const rules::Finding> findings);

  // Marks unsuppressed findings recorded in the baseline as suppressed.
  void Apply(std::span<rules::Finding> findings) const;
  std::size_t entries() const { return counts_.size(); }
  const std::string& name() const { return name_; }

 private:
  // rule, kind, namespace, name, path
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  static Key KeyOf(const rules::Finding& f);

  std::string name_;
  std::map<Key, int64_t> counts_;
};

// Marks every unsuppressed finding as recorded in the baseline at `path` (what --write-baseline
// accepts from then on, the run that wrote it included).
void MarkRecorded(std::span<rules::Finding> findings, std::string_view path);

}  // namespace gori::guard
