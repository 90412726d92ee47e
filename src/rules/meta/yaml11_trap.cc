// meta-yaml11-trap: Kubernetes decodes YAML with YAML 1.1 rules, where unquoted `on`, `y`,
// `no`, `0755` and `1e3` are booleans and numbers. In fields that expect strings (labels,
// annotations, env values, command and args, ConfigMap data) that is either rejected by the
// API server or, worse, silently changes the value.
#include <fmt/format.h>

#include "rules/rule.h"

namespace gori::rules {
namespace {

std::string Reading(const doc::Node* n) {
  switch (n->tag()) {
    case doc::ScalarTag::kBool:
      return fmt::format("boolean {}", *n->AsBool() ? "true" : "false");
    case doc::ScalarTag::kInt: {
      auto v = n->AsInt();
      return v ? fmt::format("integer {}", *v) : std::string("an integer");
    }
    case doc::ScalarTag::kFloat:
      return "a floating-point number";
    default:
      return "a non-string";
  }
}

// The string a non-string key becomes when the YAML is converted to JSON.
std::string KeyText(const doc::Node* n) {
  if (n->IsBool()) return *n->AsBool() ? "true" : "false";
  if (auto v = n->AsInt()) return std::to_string(*v);
  return std::string(n->text());
}

class Yaml11Trap final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-yaml11-trap",
        .family = Family::kMeta,
        .severity = Severity::kMedium,
        .summary = "unquoted YAML 1.1 boolean or number where a string is expected",
        .rationale =
            "Kubernetes reads YAML 1.1: `on`, `off`, `y`, `n`, `yes`, `no` are "
            "booleans, `0755` is octal 493, `1e3` is a float. In string fields the "
            "API rejects the object or the value silently changes. Keys of labels, "
            "annotations and ConfigMap data are converted too: a label key `on` becomes "
            "\"true\".",
        .remediation = "Quote the value (\"on\", \"0755\").",
        .failing_example = "env:\n- name: FEATURE\n  value: on",
        .passing_example = "env:\n- name: FEATURE\n  value: \"on\"",
    };
    return kInfo;
  }

  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    CheckMap(o, o.labels(), "metadata", ".labels", out);
    CheckMap(o, o.annotations(), "metadata", ".annotations", out);
    if (o.kind() == "ConfigMap" && o.group().empty())
      CheckMap(o, o.root()->Get("data"), "data", "", out);
    if (const k8s::PodSpec* pod = o.pod()) {
      if (pod->metadata && pod->metadata != o.metadata()) {
        CheckMap(o, pod->labels(), pod->metadata_path, ".labels", out);
        CheckMap(o, pod->annotations(), pod->metadata_path, ".annotations", out);
      }
      // Paths are formatted only for a trap: this runs on every admission review.
      for (const auto& c : pod->containers) {
        if (const doc::Node* env = c.Get("env")) {
          uint32_t i = 0;
          for (const doc::Node* e : env->items()) {
            const doc::Node* v = e->Get("value");
            if (IsTrap(v)) {
              Report(o, v, fmt::format("{}.env[{}].value", c.Path(pod->spec_path), i), out);
            }
            ++i;
          }
        }
        for (std::string_view list : {"command", "args"}) {
          if (const doc::Node* items = c.Get(list)) {
            uint32_t i = 0;
            for (const doc::Node* a : items->items()) {
              if (IsTrap(a)) {
                Report(o, a, fmt::format("{}.{}[{}]", c.Path(pod->spec_path), list, i), out);
              }
              ++i;
            }
          }
        }
      }
    }
  }

 private:
  // The path of a key is path + suffix + "." + key.
  void CheckMap(const k8s::Object& o, const doc::Node* map, std::string_view path,
                std::string_view suffix, Sink& out) const {
    if (!map) return;
    for (const doc::Pair& p : map->pairs()) {
      // A key is converted to a string after YAML 1.1 resolution: `on:` becomes "true".
      if (IsTrap(p.key)) {
        out.Reportf(*this, o, p.key, fmt::format("{}{}", path, suffix),
                    "key '{}' is read as {} by Kubernetes' YAML 1.1 decoder and becomes the key "
                    "'{}'; quote it",
                    p.key->text(), Reading(p.key), KeyText(p.key));
      }
      if (IsTrap(p.value)) {
        Report(o, p.value, fmt::format("{}{}.{}", path, suffix, p.key->text()), out);
      }
    }
  }
  static bool IsTrap(const doc::Node* n) {
    return n && n->IsScalar() && n->plain() && !n->IsString() && !n->IsNull();
  }
  void Report(const k8s::Object& o, const doc::Node* n, std::string path, Sink& out) const {
    out.Reportf(*this, o, n, std::move(path),
                "'{}' is read as {} by Kubernetes' YAML 1.1 decoder, not as the string '{}'; "
                "quote it",
                n->text(), Reading(n), n->text());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::Yaml11Trap)
