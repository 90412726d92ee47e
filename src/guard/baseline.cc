#include "guard/baseline.h"

#include <fmt/format.h>

#include "base/file_writer.h"
#include "base/source.h"
#include "doc/document.h"
#include "json/loader.h"
#include "json/writer.h"
#include "rules/index.h"

namespace gori::guard {

Baseline::Key Baseline::KeyOf(const rules::Finding& f) {
  if (!f.object) return {std::string(f.rule_id), "", "", "", f.path};
  return {std::string(f.rule_id), std::string(f.object->kind()),
          std::string(rules::Index::Shown(rules::Index::Namespace(*f.object))),
          std::string(f.object->name()), f.path};
}

std::string Baseline::Serialize(std::span<const rules::Finding> findings) {
  // Findings an earlier baseline suppresses are still current: they stay recorded.
  std::map<Key, int64_t> counts;
  for (const rules::Finding& f : findings) {
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

Status Baseline::Write(const std::string& path, std::span<const rules::Finding> findings) {
  return WriteFile(path, Serialize(findings));
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

void Baseline::Apply(std::span<rules::Finding> findings) const {
  std::map<Key, int64_t> left = counts_;
  for (rules::Finding& f : findings) {
    if (f.suppressed) continue;
    auto it = left.find(KeyOf(f));
    if (it == left.end() || it->second == 0) continue;
    --it->second;
    f.suppressed = true;
    f.suppression_reason = fmt::format("{}{}", kBaselineReasonPrefix, name_);
  }
}

void MarkRecorded(std::span<rules::Finding> findings, std::string_view path) {
  for (rules::Finding& f : findings) {
    if (f.suppressed) continue;
    f.suppressed = true;
    f.suppression_reason = fmt::format("{}{}", kBaselineReasonPrefix, path);
  }
}

}  // namespace gori::guard
