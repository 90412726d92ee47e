// net-port-name: port names the API server rejects or that collide.
#include <fmt/format.h>

#include <map>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// IANA_SVC_NAME: 1-15 of [a-z0-9-], a letter somewhere, no leading/trailing or double '-'.
std::string ContainerPortProblem(std::string_view n) {
  if (n.size() > 15) return fmt::format("is {} characters long (at most 15)", n.size());
  bool letter = false;
  for (std::size_t i = 0; i < n.size(); ++i) {
    char c = n[i];
    if (c == '-') {
      if (i == 0 || i + 1 == n.size()) return "starts or ends with '-'";
      if (n[i - 1] == '-') return "contains '--'";
    } else if (!IsLowerAlnum(c)) {
      return fmt::format("contains '{}' (only a-z, 0-9 and '-')", c);
    }
    letter = letter || (c >= 'a' && c <= 'z');
  }
  if (!letter) return "has no letter";
  return {};
}

// DNS-1123 label: 1-63 of [a-z0-9-], alphanumeric at both ends.
std::string ServicePortProblem(std::string_view n) {
  if (n.size() > 63) return fmt::format("is {} characters long (at most 63)", n.size());
  for (char c : n) {
    if (c != '-' && !IsLowerAlnum(c))
      return fmt::format("contains '{}' (only a-z, 0-9 and '-')", c);
  }
  if (n.front() == '-' || n.back() == '-') return "starts or ends with '-'";
  return {};
}

class PortName final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-port-name",
        .family = Family::kNetwork,
        .severity = Severity::kMedium,
        .summary =
            "port name longer than 15 characters, not an IANA service name, or "
            "duplicated",
        .rationale =
            "Container port names must be IANA service names (at most 15 lowercase "
            "letters, digits and '-', with a letter), unique across the pod; Service "
            "port names must be DNS labels, unique within the Service, and required "
            "when it has several ports. The API server rejects the object otherwise, "
            "and a renamed port silently breaks every probe or targetPort that "
            "referred to it.",
        .remediation = "Use short lowercase names such as http, grpc, metrics, unique per pod.",
        .failing_example = "ports:\n- name: http-metrics-endpoint\n  containerPort: 9090",
        .passing_example = "ports:\n- name: metrics\n  containerPort: 9090",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (o.pod()) CheckPod(o, out);
    if (IsBuiltinKind(o, "Service")) CheckService(o, out);
  }

 private:
  void CheckPod(const k8s::Object& o, Sink& out) const {
    const k8s::PodSpec& pod = *o.pod();
    std::map<std::string_view, const doc::Node*> seen;
    for (const auto& c : pod.containers) {
      const doc::Node* ports = c.Get("ports");
      if (!ports) continue;
      uint32_t i = 0;
      for (const doc::Node* p : ports->items()) {
        const doc::Node* name = p->Get("name");
        std::string path = fmt::format("{}.ports[{}].name", c.Path(pod.spec_path), i++);
        if (Text(name).empty()) continue;
        if (std::string problem = ContainerPortProblem(name->text()); !problem.empty()) {
          ForContainer(out.Reportf(*this, o, name, path, "container '{}' port name '{}' {}", c.name,
                                   name->text(), problem),
                       c);
        }
        auto [it, fresh] = seen.emplace(name->text(), name);
        if (!fresh) {
          ForContainer(out.Reportf(*this, o, name, path,
                                   "container '{}' port name '{}' is already used at line {}",
                                   c.name, name->text(), it->second->line()),
                       c);
        }
      }
    }
  }
  void CheckService(const k8s::Object& o, Sink& out) const {
    const doc::Node* ports = o.spec() ? o.spec()->Get("ports") : nullptr;
    if (!ports) return;
    std::map<std::string_view, const doc::Node*> seen;
    uint32_t i = 0;
    for (const doc::Node* p : ports->items()) {
      const doc::Node* name = p->Get("name");
      std::string path = fmt::format("spec.ports[{}]", i++);
      if (Text(name).empty()) {
        if (ports->size() > 1) {
          out.Reportf(*this, o, p, path, "Service '{}' has several ports and this one has no name",
                      o.name());
        }
        continue;
      }
      if (std::string problem = ServicePortProblem(name->text()); !problem.empty()) {
        out.Reportf(*this, o, name, path + ".name", "Service '{}' port name '{}' {}", o.name(),
                    name->text(), problem);
      }
      auto [it, fresh] = seen.emplace(name->text(), name);
      if (!fresh) {
        out.Reportf(*this, o, name, path + ".name",
                    "Service '{}' port name '{}' is already used at line {}", o.name(),
                    name->text(), it->second->line());
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PortName)
