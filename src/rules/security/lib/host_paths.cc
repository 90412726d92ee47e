#include "rules/security/lib/host_paths.h"

#include <algorithm>

namespace gori::rules {

std::string NormalizeHostPath(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  for (std::string_view p : parts) {
    out.push_back('/');
    out.append(p);
  }
  return out.empty() ? "/" : out;
}

bool IsUnder(std::string_view path, std::string_view dir) {
  if (dir == "/") return true;
  return path == dir ||
         (path.starts_with(dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

bool IsRuntimeSocket(std::string_view p) {
  static constexpr std::string_view kSockets[] = {
      "/var/run/docker.sock",
      "/run/docker.sock",
      "/var/run/dockershim.sock",
      "/run/dockershim.sock",
      "/var/run/cri-dockerd.sock",
      "/run/cri-dockerd.sock",
      "/var/run/containerd",
      "/run/containerd",
      "/var/run/crio",
      "/run/crio",
      "/var/run/docker",
      "/run/docker",
      "/run/k3s/containerd",
      "/var/run/k3s/containerd",
      "/var/run/podman",
      "/run/podman",
  };
  return std::any_of(std::begin(kSockets), std::end(kSockets),
                     [&](std::string_view s) { return IsUnder(p, s); });
}

std::vector<HostPathVolume> HostPathVolumes(const k8s::PodSpec& pod) {
  std::vector<HostPathVolume> out;
  const doc::Node* vols = pod.Get("volumes");
  if (!vols) return out;
  uint32_t i = 0;
  for (const doc::Node* v : vols->items()) {
    const doc::Node* hp = v->Get("hostPath");
    if (hp && hp->IsMap()) {
      HostPathVolume h;
      h.volume = v;
      h.host_path = hp;
      h.path_node = hp->Get("path");
      const doc::Node* name = v->Get("name");
      h.name = name ? name->text() : std::string_view();
      h.path = NormalizeHostPath(h.path_node ? h.path_node->text() : std::string_view());
      h.index = i;
      out.push_back(std::move(h));
    }
    ++i;
  }
  return out;
}

}  // namespace gori::rules
