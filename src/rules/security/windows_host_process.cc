// sec-windows-host-process: a HostProcess container is a process on the Windows node.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class WindowsHostProcess final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-windows-host-process",
        .family = Family::kSecurity,
        .severity = Severity::kCritical,
        .summary = "windowsOptions.hostProcess is true",
        .rationale =
            "A Windows HostProcess container runs directly on the host with the "
            "node's network and filesystem; it is the Windows equivalent of a "
            "privileged container.",
        .remediation =
            "Remove windowsOptions.hostProcess; node-level agents belong in a "
            "dedicated, reviewed namespace.",
        .failing_example = "securityContext:\n  windowsOptions:\n    hostProcess: true",
        .passing_example =
            "securityContext:\n  windowsOptions:\n    runAsUserName: "
            "ContainerUser",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    const doc::Node* wo = pod.PodSecurity("windowsOptions");
    if (const doc::Node* hp = wo ? wo->Get("hostProcess") : nullptr; IsTrue(hp)) {
      out.Report(*this, o, hp, pod.spec_path + ".securityContext.windowsOptions.hostProcess",
                 "pod runs as a Windows HostProcess");
    }
    for (const auto& c : pod.containers) {
      const doc::Node* cwo = c.Security("windowsOptions");
      const doc::Node* hp = cwo ? cwo->Get("hostProcess") : nullptr;
      if (!IsTrue(hp)) continue;
      ForContainer(
          out.Reportf(*this, o, hp,
                      c.Path(pod.spec_path) + ".securityContext.windowsOptions.hostProcess",
                      "container '{}' runs as a Windows HostProcess", c.name),
          c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::WindowsHostProcess)
