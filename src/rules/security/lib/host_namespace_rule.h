// src/rules/security/lib/host_namespace_rule.h
//
// sec-host-ipc, sec-host-network and sec-host-pid: one finding when the pod spec sets its host
// namespace field (hostIPC, hostNetwork, hostPID) to true, at that field.
#pragma once

#include <string_view>
#include <utility>

#include "rules/rule.h"

namespace gori::rules {

class HostNamespaceRule : public Rule {
 public:
  // `field` is the pod spec field; `info` names it in summary, remediation and examples.
  HostNamespaceRule(std::string_view field, RuleInfo info)
      : field_(field), info_(std::move(info)) {}
  const RuleInfo& Info() const override { return info_; }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override;

 private:
  std::string_view field_;
  RuleInfo info_;
};

}  // namespace gori::rules
