// src/k8s/pod.h
//
// The pod an object runs: a Pod's spec or a workload's pod template, with its containers in the
// order Pod Security Admission visits them (initContainers, containers, ephemeralContainers)
// and "effective" security settings (container value, else pod value, else nothing).
// A PodSpec holds Node pointers into the object's tree and a path prefix for messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/node.h"

namespace gori::k8s {

enum class ContainerKind : uint8_t { kInit, kRegular, kEphemeral };

struct Container {
  const doc::Node* node = nullptr;  // the container map
  std::string_view name;
  ContainerKind kind = ContainerKind::kRegular;
  uint32_t index = 0;  // index within its list

  // "spec.template.spec.containers[2]" given the pod spec path.
  std::string Path(std::string_view spec_path) const;
  const doc::Node* Get(std::string_view key) const { return node->Get(key); }
  const doc::Node* SecurityContext() const { return node->Get("securityContext"); }
  // securityContext.<key> of the container, or nullptr.
  const doc::Node* Security(std::string_view key) const;
  // A sidecar: an init container with restartPolicy Always (runs for the pod's lifetime).
  bool IsSidecar() const;
};

std::string_view ContainerListName(ContainerKind kind);

struct PodSpec {
  const doc::Node* spec = nullptr;      // the pod spec map (never null in a PodSpec)
  const doc::Node* metadata = nullptr;  // template (or Pod) metadata; may be null
  const doc::Node* owner = nullptr;     // the template node (or the Pod root) for positions
  std::string spec_path;                // "spec" for a Pod, "spec.template.spec", ...
  std::string metadata_path;            // "metadata", "spec.template.metadata", ...
  std::vector<Container> containers;    // init, regular, ephemeral

  const doc::Node* Get(std::string_view key) const { return spec->Get(key); }
  // spec.securityContext.<key>, or nullptr.
  const doc::Node* PodSecurity(std::string_view key) const;
  // The container's securityContext.<key>, else the pod's, else nullptr. Only for the fields
  // the API defines on both (runAsUser, runAsGroup, runAsNonRoot, seccompProfile,
  // seLinuxOptions, appArmorProfile, windowsOptions).
  const doc::Node* Effective(const Container& c, std::string_view key) const;
  const doc::Node* Label(std::string_view key) const;
  const doc::Node* Annotation(std::string_view key) const;
  const doc::Node* labels() const { return metadata ? metadata->Get("labels") : nullptr; }
  const doc::Node* annotations() const { return metadata ? metadata->Get("annotations") : nullptr; }
};

// Builds a PodSpec from a pod spec map and its metadata. Containers without a map shape are
// skipped (schema validation is not gori's job).
PodSpec MakePodSpec(const doc::Node* spec, const doc::Node* metadata, const doc::Node* owner,
                    std::string spec_path, std::string metadata_path);

}  // namespace gori::k8s
