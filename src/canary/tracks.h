// src/canary/tracks.h
//
// The one-query form of a metric: a query with both `{{baseline}}` and `{{canary}}` runs once,
// so both tracks come from the same evaluation at the same instants, and its series are split by
// the label matchers that tell the two selectors apart (for `case="x",track="baseline"` against
// `case="x",track="canary"`: track). Those distinguishing matchers must be equalities and the
// query must keep their labels (e.g. `sum by (le, track)`). Pure.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "prom/response.h"

namespace gori::canary {

struct Matcher {
  std::string name;
  std::string op;  // =, !=, =~, !~
  std::string value;
};

// 'a="x",b=~"y.*"' -> matchers; an error says what is malformed.
Result<std::vector<Matcher>> ParseMatchers(std::string_view selector);

class TrackSplitter {
 public:
  // Fails when the selectors do not differ, or differ by anything but equality matchers.
  static Result<TrackSplitter> Create(std::string_view baseline, std::string_view canary);

  // Series that match the baseline's (canary's) distinguishing labels; the rest are dropped.
  std::pair<prom::QueryResult, prom::QueryResult> Split(const prom::QueryResult& both) const;

 private:
  std::vector<std::pair<std::string, std::string>> baseline_, canary_;
};

// True when the query uses the one-query form.
bool IsOneQuery(std::string_view query);

}  // namespace gori::canary
