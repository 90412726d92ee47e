// res-implausible-quantity: a quantity that is almost surely a unit typo.
#include <string>

#include <fmt/format.h>

#include "k8s/quantity.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

constexpr k8s::Int128 kMiB = 1024 * 1024;

// Why `text` is implausible for resource `name`, or "" when it is fine.
std::string Problem(std::string_view name, const doc::Node* value) {
  std::string_view text = value->text();
  auto q = k8s::ParseQuantity(text);
  if (!q) return fmt::format("'{}' is not a quantity; the API server rejects it", text);
  k8s::Int128 bytes = q->milli / 1000;
  if (name == "memory" || name == "ephemeral-storage") {
    if (q->suffix == "m") {
      return fmt::format("'{}' means {} thousandths of a byte; did you mean {}Mi?", text,
                         text.substr(0, text.size() - 1), text.substr(0, text.size() - 1));
    }
    if (bytes < kMiB) {
      if (q->suffix.empty()) {
        return fmt::format("'{}' is {} bytes; did you mean {}Mi?", text, text, text);
      }
      return fmt::format("'{}' is less than 1Mi; no process runs in that", text);
    }
    return {};
  }
  if (name == "cpu") {
    if (q->format == k8s::QuantityFormat::kBinarySI) {
      return fmt::format(
          "cpu '{}' uses a byte suffix; cpu is counted in cores or millicores "
          "(250m)",
          text);
    }
    if (q->milli >= 100 * 1000) {
      if (q->suffix.empty()) {
        return fmt::format("cpu '{}' is {} cores; did you mean {}m?", text, text, text);
      }
      return fmt::format("cpu '{}' is {} cores; no node has that many", text,
                         static_cast<int64_t>(q->milli / 1000));
    }
  }
  return {};
}

class ImplausibleQuantity final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-implausible-quantity",
        .family = Family::kResources,
        .severity = Severity::kMedium,
        .summary = "a resource quantity that is almost surely a unit typo",
        .rationale =
            "Quantities without a unit are bytes for memory and cores for cpu: "
            "`memory: 512` is 512 bytes (the container is OOM-killed at start), "
            "`memory: 512m` is half a byte, `cpu: 500` is 500 cores (the pod never "
            "schedules), `cpu: 1Gi` is a byte unit on a core count. Strings the API "
            "server cannot parse (512MB, 1 Gi) are reported too.",
        .remediation = "Write memory with Mi/Gi and cpu in cores or millicores (500m).",
        .failing_example = "resources:\n  requests: {cpu: 500, memory: 512}",
        .passing_example = "resources:\n  requests: {cpu: 500m, memory: 512Mi}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    CheckResources(o, pod.Get("resources"), pod, nullptr, out);
    for (const auto& c : pod.containers) CheckResources(o, c.Get("resources"), pod, &c, out);
  }

 private:
  // Paths are built only for a finding: this runs on every admission review.
  void CheckResources(const k8s::Object& o, const doc::Node* res, const k8s::PodSpec& pod,
                      const k8s::Container* c, Sink& out) const {
    if (!res) return;
    for (std::string_view group : {"requests", "limits"}) {
      const doc::Node* g = res->Get(group);
      if (!g) continue;
      for (const doc::Pair& p : g->pairs()) {
        std::string_view name = p.key->text();
        if (name != "cpu" && name != "memory" && name != "ephemeral-storage") continue;
        if (!p.value->IsScalar() || p.value->IsNull()) continue;
        std::string problem = Problem(name, p.value);
        if (problem.empty()) continue;
        std::string path = (c ? c->Path(pod.spec_path) : pod.spec_path) + ".resources";
        Finding& f = out.Reportf(*this, o, p.value, fmt::format("{}.{}.{}", path, group, name),
                                 "{} {} {}: {}",
                                 c ? fmt::format("container '{}'", c->name) : std::string("pod"),
                                 name, group == "requests" ? "request" : "limit", problem);
        if (c) ForContainer(f, *c);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ImplausibleQuantity)
