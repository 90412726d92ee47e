#include "rules/suppression.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include <fmt/format.h>

#include "base/source.h"
#include "doc/document.h"
#include "json/loader.h"
#include "json/writer.h"
#include "rules/config.h"
#include "rules/index.h"
#include "rules/registry.h"

namespace gori::rules {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  int month = (d[5] - '0') * 10 + (d[6] - '0');
  int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

void Collect(const doc::Node* annotations, const std::string& path, std::string_view today,
             std::vector<IgnoreAnnotation>& out) {
  if (!annotations) return;
  for (const doc::Pair& p : annotations->pairs()) {
    std::string_view key = p.key->text();
    if (!key.starts_with(kIgnorePrefix)) continue;
    IgnoreAnnotation a;
    a.key = p.key;
    a.value = p.value;
    a.path = fmt::format("{}.{}", path, key);
    std::string_view rest = key.substr(kIgnorePrefix.size());
    auto dot = rest.find('.');
    a.rule_id = rest.substr(0, dot);
    if (dot != std::string_view::npos) a.container = rest.substr(dot + 1);
    std::string_view value = p.value->IsScalar() ? p.value->text() : std::string_view();
    auto semi = value.rfind(';');
    bool has_until =
        semi != std::string_view::npos && Trim(value.substr(semi + 1)).starts_with("until=");
    if (has_until) {
      a.until = Trim(Trim(value.substr(semi + 1)).substr(6));
      value = value.substr(0, semi);
    }
    a.reason = Trim(value);
    if (a.rule_id.empty() || !FindRule(a.rule_id)) {
      a.problem = fmt::format("names no known rule ('{}')", a.rule_id);
    } else if (dot != std::string_view::npos && a.container.empty()) {
      a.problem = "names an empty container";
    } else if (a.reason.empty()) {
      a.problem = "gives no reason";
    } else if (has_until && !IsDate(a.until)) {
      a.problem = fmt::format("has a malformed date 'until={}' (want YYYY-MM-DD)", a.until);
    }
    a.expired = a.problem.empty() && !a.until.empty() && a.until < today;
    out.push_back(std::move(a));
  }
}

bool HasIgnoreAnnotation(const doc::Node* annotations) {
  if (!annotations) return false;
  for (const doc::Pair& p : annotations->pairs()) {
    if (p.key->text().starts_with(kIgnorePrefix)) return true;
  }
  return false;
}

}  // namespace

std::vector<IgnoreAnnotation> IgnoreAnnotations(const k8s::Object& o, std::string_view today) {
  std::vector<IgnoreAnnotation> out;
  Collect(o.annotations(), "metadata.annotations", today, out);
  if (const k8s::PodSpec* pod = o.pod(); pod && pod->metadata && pod->metadata != o.metadata()) {
    Collect(pod->annotations(), pod->metadata_path + ".annotations", today, out);
  }
  return out;
}

std::string Today(const Config& config) {
  if (!config.today.empty()) return config.today;
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{days};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

void ApplyAnnotationSuppressions(std::span<Finding> findings, std::string_view today) {
  std::unordered_map<const k8s::Object*, std::vector<IgnoreAnnotation>> cache;
  for (Finding& f : findings) {
    if (f.suppressed || !f.object) continue;
    const k8s::Object& o = *f.object;
    auto it = cache.find(&o);
    if (it == cache.end()) {
      bool any = HasIgnoreAnnotation(o.annotations()) ||
                 (o.pod() && HasIgnoreAnnotation(o.pod()->annotations()));
      it = cache.emplace(&o, any ? IgnoreAnnotations(o, today) : std::vector<IgnoreAnnotation>())
               .first;
    }
    for (const IgnoreAnnotation& a : it->second) {
      if (!a.Suppresses() || a.rule_id != f.rule_id) continue;
      if (!a.container.empty() && a.container != f.container) continue;
      f.suppressed = true;
      f.suppression_reason =
          fmt::format("{}{}: {}", a.key->text(),
                      a.until.empty() ? "" : fmt::format(" (until {})", a.until), a.reason);
      break;
    }
  }
}

Baseline::Key Baseline::KeyOf(const Finding& f) {
  if (!f.object) return {std::string(f.rule_id), "", "", "", f.path};
  return {std::string(f.rule_id), std::string(f.object->kind()),
          std::string(Index::Namespace(*f.object)), std::string(f.object->name()), f.path};
}

std::string Baseline::Serialize(std::span<const Finding> findings) {
  // Findings an earlier baseline suppresses are still current: they stay recorded.
  std::map<Key, int64_t> counts;
  for (const Finding& f : findings) {
    if (!f.suppressed || f.suppression_reason.starts_with(kBaselineReasonPrefix)) {
      ++counts[KeyOf(f)];
    }
  }
  std::string out;
  json::Writer w(out, 2);
  w.BeginObject().Member("gori_baseline", 1).Key("findings").BeginArray();
  for (const auto& [key, count] : counts) {
    const auto& [rule, kind, ns, name, path] = key;
    w.BeginObject()
        .Member("rule", rule)
        .Member("kind", kind)
        .Member("namespace", ns)
        .Member("name", name)
        .Member("path", path);
    if (count != 1) w.Member("count", count);
    w.EndObject();
  }
  w.EndArray().EndObject();
  out.push_back('\n');
  return out;
}

Status Baseline::Write(const std::string& path, std::span<const Finding> findings) {
  std::string text = Serialize(findings);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Fail(fmt::format("{}: cannot write baseline: {}", path, std::strerror(errno)));
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) return Fail(fmt::format("{}: cannot write baseline: {}", path, std::strerror(errno)));
  return {};
}

Result<Baseline> Baseline::Load(const std::string& path) {
  auto src = Source::Read(path);
  if (!src) return tl::unexpected(src.error());
  return Parse(path, std::string((*src)->bytes()));
}

Result<Baseline> Baseline::Parse(std::string name, std::string bytes) {
  doc::LoadedFile file;
  file.source = Source::FromString(name, std::move(bytes));
  if (auto st = json::Load(file); !st) return tl::unexpected(st.error());
  auto fail = [&](const doc::Node* n, std::string message) {
    return Fail(std::move(message),
                SourcePos{file.source->name(), n ? n->line() : 1u, n ? n->column() : 1u});
  };
  const doc::Node* root = file.documents.empty() ? nullptr : file.documents[0].root;
  if (!root || !root->IsMap() || !root->Get("gori_baseline")) {
    return fail(root, "not a gori baseline (written by gori check --write-baseline)");
  }
  if (root->Get("gori_baseline")->AsInt() != 1) {
    return fail(root->Get("gori_baseline"), "unsupported baseline version");
  }
  const doc::Node* findings = root->Get("findings");
  if (!findings || !findings->IsSeq()) return fail(root, "baseline has no findings list");
  Baseline b;
  b.name_ = std::move(name);
  for (const doc::Node* e : findings->items()) {
    if (!e->IsMap()) return fail(e, "baseline entry is not an object");
    auto field = [&](std::string_view k) {
      const doc::Node* n = e->Get(k);
      return n && n->IsString() ? std::string(n->text()) : std::string();
    };
    if (field("rule").empty()) return fail(e, "baseline entry has no rule");
    int64_t count = 1;
    if (const doc::Node* c = e->Get("count")) {
      auto v = c->AsInt();
      if (!v || *v < 1) return fail(c, "baseline count must be a positive integer");
      count = *v;
    }
    b.counts_[{field("rule"), field("kind"), field("namespace"), field("name"), field("path")}] +=
        count;
  }
  return b;
}

void Baseline::Apply(std::span<Finding> findings) const {
  std::map<Key, int64_t> left = counts_;
  for (Finding& f : findings) {
    if (f.suppressed) continue;
    auto it = left.find(KeyOf(f));
    if (it == left.end() || it->second == 0) continue;
    --it->second;
    f.suppressed = true;
    f.suppression_reason = fmt::format("{}{}", kBaselineReasonPrefix, name_);
  }
}

}  // namespace gori::rules
