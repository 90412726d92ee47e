// src/rules/security/lib/container_ports.h
//
// The walk sec-ssh-port, sec-privileged-port and sec-host-port share: every integer value of one
// port field ("containerPort" or "hostPort") in every container's `ports` list, with the node
// that holds it and its field path ("spec.containers[0].ports[1].hostPort").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "k8s/pod.h"

namespace gori::rules {

struct PortField {
  const k8s::Container& container;
  const doc::Node* node;  // the field's value
  int64_t value;
  std::string path;
};

// Calls visit(const PortField&) for each port entry whose `field` is an integer.
template <typename Visit>
void ForEachPortField(const k8s::PodSpec& pod, std::string_view field, Visit&& visit) {
  for (const k8s::Container& c : pod.containers) {
    const doc::Node* ports = c.Get("ports");
    if (!ports) continue;
    uint32_t i = 0;
    for (const doc::Node* p : ports->items()) {
      const doc::Node* n = p->Get(field);
      if (auto v = n ? n->AsInt() : std::nullopt) {
        visit(PortField{c, n, *v, fmt::format("{}.ports[{}].{}", c.Path(pod.spec_path), i, field)});
      }
      ++i;
    }
  }
}

}  // namespace gori::rules
