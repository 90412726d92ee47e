// Helpers for the hostPath rules (sec-sensitive-host-path, sec-runtime-socket,
// sec-writable-host-path): the pod's hostPath volumes with lexically normalised paths.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "k8s/pod.h"

namespace gori::rules {

struct HostPathVolume {
  const doc::Node* volume = nullptr;     // the volumes[] entry
  const doc::Node* host_path = nullptr;  // its hostPath map
  const doc::Node* path_node = nullptr;  // hostPath.path (may be null)
  std::string_view name;
  std::string path;  // normalised: "/var/run/../etc//" -> "/etc"
  uint32_t index = 0;
};

std::vector<HostPathVolume> HostPathVolumes(const k8s::PodSpec& pod);
// Collapses repeated '/', '.' and '..' components and the trailing '/'; "/" stays "/".
std::string NormalizeHostPath(std::string_view path);
// `path` is `dir` or below it.
bool IsUnder(std::string_view path, std::string_view dir);
// A container runtime socket (docker, containerd, cri-o, cri-dockerd, k3s) or the directory
// that holds one.
bool IsRuntimeSocket(std::string_view normalized_path);

}  // namespace gori::rules
