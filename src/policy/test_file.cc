#include "policy/test_file.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "doc/fields.h"
#include "k8s/bundle.h"
#include "policy/model.h"
#include "yaml/loader.h"

namespace gori::policy {
namespace {

namespace fs = std::filesystem;

bool IsTestFile(const fs::path& p) {
  std::string name = p.filename().string();
  return name.ends_with(".test.yaml") || name.ends_with(".test.yml");
}

std::string Relative(const std::string& file, std::string_view path) {
  fs::path p{std::string(path)};
  if (p.is_absolute()) return p.string();
  fs::path dir = fs::path(file).parent_path();
  return dir.empty() ? p.string() : (dir / p).string();
}

std::string ResourceName(const k8s::Object& o) {
  if (o.namespace_().empty()) return fmt::format("{}/{}", o.kind(), o.name());
  return fmt::format("{}/{}/{}", o.kind(), o.namespace_(), o.name());
}

void RunFile(const std::string& path, TestReport& report) {
  doc::LoadedFile file;
  auto src = Source::Read(path);
  if (!src) {
    report.errors.push_back(src.error());
    return;
  }
  file.source = std::move(*src);
  if (auto st = yaml::Load(file); !st) {
    report.errors.push_back(st.error());
    return;
  }
  doc::FieldReader f(file.source->name());
  auto fail = [&](const tl::unexpected<Error>& e) { report.errors.push_back(e.value()); };
  if (file.documents.empty() || file.documents[0].root == nullptr) {
    report.errors.push_back(Error(fmt::format("{}: empty test file", path)));
    return;
  }
  const doc::Node* root = file.documents[0].root;
  if (auto st = f.Keys(root, "a policy test file", {"policies", "resources", "results"}); !st) {
    report.errors.push_back(st.error());
    return;
  }
  std::vector<std::string> policies, resources;
  for (auto [key, out] : {std::pair{"policies", &policies}, std::pair{"resources", &resources}}) {
    auto n = f.Member(root, key, "the test file");
    if (!n) return report.errors.push_back(n.error());
    if (auto st = f.Strings(*n, key, *out); !st) return report.errors.push_back(st.error());
  }
  PolicySet set;
  for (const std::string& p : policies) set.AddPath(Relative(path, p));
  set.Finish();
  set.BindUnbound();
  for (const Error& e : set.errors()) report.errors.push_back(e);
  k8s::Bundle bundle;
  for (const std::string& r : resources) bundle.AddPath(Relative(path, r));
  bundle.Finish();
  for (const Error& e : bundle.errors()) report.errors.push_back(e);
  std::vector<std::string_view> names = set.PolicyNames();

  auto results = f.Member(root, "results", "the test file");
  if (!results) return report.errors.push_back(results.error());
  if (!(*results)->IsSeq()) return fail(f.Bad(*results, "results must be a list"));
  for (const doc::Node* item : (*results)->items()) {
    if (auto st = f.Keys(item, "results entries", {"policy", "resource", "result"}); !st) {
      report.errors.push_back(st.error());
      continue;
    }
    TestRow row;
    row.file = path;
    std::string_view fields[3];
    bool ok = true;
    const char* keys[3] = {"policy", "resource", "result"};
    for (int i = 0; i < 3 && ok; ++i) {
      auto n = f.Member(item, keys[i], "results entries");
      auto s = n ? f.String(*n, fmt::format("results.{}", keys[i])) : tl::unexpected(n.error());
      if (!s) {
        report.errors.push_back(s.error());
        ok = false;
      } else {
        fields[i] = *s;
      }
    }
    if (!ok) continue;
    row.policy = fields[0];
    row.resource = fields[1];
    row.expected = fields[2];
    if (row.expected != "pass" && row.expected != "fail" && row.expected != "skip") {
      fail(f.Bad(item->Get("result"), "results.result must be pass, fail or skip"));
      continue;
    }
    if (std::find(names.begin(), names.end(), row.policy) == names.end()) {
      fail(f.Bad(item->Get("policy"),
                 fmt::format("results.policy: no policy named '{}' in the policies", row.policy)));
      continue;
    }
    const k8s::Object* object = nullptr;
    for (const k8s::Object& o : bundle.objects()) {
      if (ResourceName(o) == row.resource) object = &o;
    }
    if (object == nullptr) {
      fail(f.Bad(item->Get("resource"),
                 fmt::format("results.resource: no resource '{}' in the resources (write "
                             "Kind/namespace/name or Kind/name)",
                             row.resource)));
      continue;
    }
    std::vector<Decision> decisions;
    set.Decide(*object, bundle.objects(), nullptr, decisions);
    Verdict v = Verdict::kSkip;
    for (const Decision& d : decisions) {
      if (d.policy == nullptr || d.policy->rule_id.empty()) continue;
      if (std::string_view(d.policy->rule_id).substr(4) != row.policy) continue;
      for (const auto& kv : d.audit_annotations) row.audit_annotations.push_back(kv);
      if (d.verdict == Verdict::kFail) {
        v = Verdict::kFail;
        for (const auto& viol : d.violations) {
          row.messages.push_back(ApiServerMessage(
              row.policy, d.binding->name, viol.always_deny || (d.binding->actions & kDeny) != 0,
              viol.message));
        }
      } else if (d.verdict == Verdict::kPass && v == Verdict::kSkip) {
        v = Verdict::kPass;
      }
    }
    row.got = VerdictName(v);
    report.rows.push_back(std::move(row));
  }
}

}  // namespace

std::size_t TestReport::Mismatches() const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const TestRow& r) { return !r.ok(); }));
}

TestReport RunPolicyTests(const std::string& path) {
  TestReport report;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file() && IsTestFile(it->path())) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      report.errors.push_back(Error(fmt::format("{}: no *.test.yaml files below it", path)));
    }
    for (const std::string& f : files) RunFile(f, report);
  } else {
    RunFile(path, report);
  }
  return report;
}

std::string FormatTestReport(const TestReport& report) {
  std::size_t wp = 6, wr = 8;
  for (const TestRow& r : report.rows) {
    wp = std::max(wp, r.policy.size());
    wr = std::max(wr, r.resource.size());
  }
  std::string out =
      fmt::format("{:<{}}  {:<{}}  {:<8}  GOT\n", "POLICY", wp, "RESOURCE", wr, "EXPECTED");
  for (const TestRow& r : report.rows) {
    out += fmt::format("{:<{}}  {:<{}}  {:<8}  {:<6}  {}\n", r.policy, wp, r.resource, wr,
                       r.expected, r.got, r.ok() ? "ok" : "MISMATCH");
    if (!r.ok()) {
      for (const std::string& m : r.messages) out += fmt::format("    {}\n", m);
    }
    for (const auto& [key, value] : r.audit_annotations) {
      out += fmt::format("    audit annotation {}: {}\n", key, value);
    }
  }
  std::size_t bad = report.Mismatches();
  out += fmt::format("{} test{}, {} passed, {} mismatched", report.rows.size(),
                     report.rows.size() == 1 ? "" : "s", report.rows.size() - bad, bad);
  if (!report.errors.empty()) {
    out += fmt::format(", {} error{}", report.errors.size(), report.errors.size() == 1 ? "" : "s");
  }
  out += "\n";
  return out;
}

}  // namespace gori::policy
