#include "canary/tracks.h"

#include <algorithm>

#include <fmt/format.h>

namespace gori::canary {
namespace {

bool NameChar(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (!first && c >= '0' && c <= '9');
}

}  // namespace

Result<std::vector<Matcher>> ParseMatchers(std::string_view s) {
  std::vector<Matcher> out;
  std::size_t i = 0;
  auto skip = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  };
  for (;;) {
    skip();
    if (i == s.size()) break;
    Matcher m;
    const std::size_t start = i;
    while (i < s.size() && NameChar(s[i], i == start)) ++i;
    if (i == start)
      return Fail(fmt::format("selector '{}': expected a label name at {}", s, i + 1));
    m.name = std::string(s.substr(start, i - start));
    skip();
    for (const char* op : {"=~", "!~", "!=", "="}) {
      if (s.substr(i).starts_with(op)) {
        m.op = op;
        i += m.op.size();
        break;
      }
    }
    if (m.op.empty())
      return Fail(fmt::format("selector '{}': expected =, !=, =~ or !~ at {}", s, i + 1));
    skip();
    if (i == s.size() || s[i] != '"') {
      return Fail(fmt::format("selector '{}': expected a quoted value at {}", s, i + 1));
    }
    ++i;
    bool closed = false;
    while (i < s.size()) {
      const char c = s[i++];
      if (c == '\\' && i < s.size()) {
        m.value += s[i++];
      } else if (c == '"') {
        closed = true;
        break;
      } else {
        m.value += c;
      }
    }
    if (!closed) return Fail(fmt::format("selector '{}': unterminated value", s));
    out.push_back(std::move(m));
    skip();
    if (i == s.size()) break;
    if (s[i] != ',') return Fail(fmt::format("selector '{}': expected ',' at {}", s, i + 1));
    ++i;
  }
  return out;
}

Result<TrackSplitter> TrackSplitter::Create(std::string_view baseline, std::string_view canary) {
  auto b = ParseMatchers(baseline);
  if (!b) return Fail("--baseline: " + b.error().message);
  auto c = ParseMatchers(canary);
  if (!c) return Fail("--canary: " + c.error().message);
  auto same = [](const Matcher& x, const Matcher& y) {
    return x.name == y.name && x.op == y.op && x.value == y.value;
  };
  TrackSplitter t;
  for (auto [own, other, dest] :
       {std::tuple{&*b, &*c, &t.baseline_}, std::tuple{&*c, &*b, &t.canary_}}) {
    for (const Matcher& m : *own) {
      const bool shared =
          std::any_of(other->begin(), other->end(), [&](const Matcher& o) { return same(m, o); });
      if (shared) continue;
      if (m.op != "=") {
        return Fail(
            fmt::format("a query with {{{{baseline}}}} and {{{{canary}}}} splits the tracks "
                        "by label equality; '{}{}\"{}\"' is not one",
                        m.name, m.op, m.value));
      }
      dest->emplace_back(m.name, m.value);
    }
  }
  if (t.baseline_.empty() || t.canary_.empty()) {
    return Fail(
        "a query with {{baseline}} and {{canary}} needs selectors that differ by a label "
        "equality in each (e.g. track=\"baseline\" and track=\"canary\")");
  }
  return t;
}

std::pair<prom::QueryResult, prom::QueryResult> TrackSplitter::Split(
    const prom::QueryResult& both) const {
  std::pair<prom::QueryResult, prom::QueryResult> out;
  out.first.result_type = out.second.result_type = both.result_type;
  auto matches = [](const prom::Series& s, const auto& want) {
    return std::all_of(want.begin(), want.end(),
                       [&](const auto& kv) { return s.Label(kv.first) == kv.second; });
  };
  for (const auto& s : both.series) {
    if (matches(s, baseline_)) {
      out.first.series.push_back(s);
    } else if (matches(s, canary_)) {
      out.second.series.push_back(s);
    }
  }
  return out;
}

bool IsOneQuery(std::string_view query) {
  return query.find("{{baseline}}") != std::string_view::npos &&
         query.find("{{canary}}") != std::string_view::npos;
}

}  // namespace gori::canary
