// meta-label-syntax: label and annotation keys and label values the API server rejects.
#include <string>

#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Qualified name part / label value: alphanumerics at both ends, [-_.A-Za-z0-9] inside.
std::string NameProblem(std::string_view n, std::string_view what) {
  if (n.size() > 63) return fmt::format("{} is {} characters long (at most 63)", what, n.size());
  for (char c : n) {
    if (!IsAlnum(c) && c != '-' && c != '_' && c != '.') {
      return fmt::format("{} contains '{}'", what, c);
    }
  }
  if (!n.empty() && (!IsAlnum(n.front()) || !IsAlnum(n.back()))) {
    return fmt::format("{} must start and end with a letter or digit", what);
  }
  return {};
}

// DNS-1123 subdomain: lowercase alphanumerics, '-' and '.', at most 253.
std::string PrefixProblem(std::string_view p) {
  if (p.empty()) return "prefix is empty";
  if (p.size() > 253) return fmt::format("prefix is {} characters long (at most 253)", p.size());
  for (char c : p) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
      return fmt::format("prefix contains '{}' (lowercase DNS name expected)", c);
    }
  }
  if (!IsAlnum(p.front()) || !IsAlnum(p.back())) {
    return "prefix must start and end with a letter or digit";
  }
  return {};
}

std::string KeyProblem(std::string_view key) {
  auto slash = key.find('/');
  std::string_view name = key;
  if (slash != std::string_view::npos) {
    if (std::string p = PrefixProblem(key.substr(0, slash)); !p.empty()) return p;
    name = key.substr(slash + 1);
  }
  if (name.empty()) return "name part is empty";
  return NameProblem(name, "name part");
}

class LabelSyntax final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-label-syntax",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary = "invalid label key or value, or annotation key",
        .rationale =
            "Label and annotation keys are an optional DNS-subdomain prefix and a name "
            "of at most 63 characters ([A-Za-z0-9] at the ends, '-', '_', '.' inside); "
            "label values follow the same rule for the name (and may be empty). The "
            "API server rejects the whole object otherwise, which usually surfaces "
            "only at deploy time. Values that YAML reads as booleans or numbers are "
            "meta-yaml11-trap's finding.",
        .remediation = "Shorten or rename the key or value; put free text in an annotation.",
        .failing_example = "labels:\n  app.kubernetes.io/name: payment api",
        .passing_example = "labels:\n  app.kubernetes.io/name: payment-api",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    CheckLabels(o, o.labels(), "metadata", out);
    CheckAnnotations(o, o.annotations(), "metadata", out);
    if (const k8s::PodSpec* pod = o.pod(); pod && pod->metadata && pod->metadata != o.metadata()) {
      CheckLabels(o, pod->labels(), pod->metadata_path, out);
      CheckAnnotations(o, pod->annotations(), pod->metadata_path, out);
    }
  }

 private:
  // `metadata` is the path of the metadata map; paths are formatted only for a finding.
  void CheckLabels(const k8s::Object& o, const doc::Node* labels, std::string_view metadata,
                   Sink& out) const {
    if (!labels) return;
    for (const doc::Pair& p : labels->pairs()) {
      std::string_view key = p.key->text();
      if (std::string problem = KeyProblem(key); !problem.empty()) {
        out.Reportf(*this, o, p.key, fmt::format("{}.labels.{}", metadata, key),
                    "label key '{}' is invalid: {}", key, problem);
      }
      if (!p.value->IsScalar() || !p.value->IsString()) continue;  // meta-yaml11-trap
      if (std::string problem = NameProblem(p.value->text(), "value"); !problem.empty()) {
        out.Reportf(*this, o, p.value, fmt::format("{}.labels.{}", metadata, key),
                    "label '{}' has an invalid value: {}", key, problem);
      }
    }
  }
  void CheckAnnotations(const k8s::Object& o, const doc::Node* annotations,
                        std::string_view metadata, Sink& out) const {
    if (!annotations) return;
    for (const doc::Pair& p : annotations->pairs()) {
      std::string_view key = p.key->text();
      if (std::string problem = KeyProblem(key); !problem.empty()) {
        out.Reportf(*this, o, p.key, fmt::format("{}.annotations.{}", metadata, key),
                    "annotation key '{}' is invalid: {}", key, problem);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::LabelSyntax)
