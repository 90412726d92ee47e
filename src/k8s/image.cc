#include "k8s/image.h"

#include <fmt/format.h>

namespace gori::k8s {

Result<ImageRef> ParseImage(std::string_view image) {
  if (image.empty()) return Fail("empty image reference");
  for (char c : image) {
    if (c == ' ' || c == '\t' || c == '\n') {
      return Fail(fmt::format("image '{}' contains whitespace", image));
    }
  }
  ImageRef ref;
  std::string_view rest = image;
  if (auto at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
    if (ref.digest.find(':') == std::string_view::npos) {
      return Fail(fmt::format("image '{}' has a malformed digest", image));
    }
  }
  // A tag is after the last ':' that follows the last '/'.
  auto slash = rest.rfind('/');
  auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (ref.tag.empty()) return Fail(fmt::format("image '{}' has an empty tag", image));
  }
  if (rest.empty()) return Fail(fmt::format("image '{}' has no repository", image));
  auto first = rest.find('/');
  std::string_view head =
      first == std::string_view::npos ? std::string_view() : rest.substr(0, first);
  if (!head.empty() && (head.find('.') != std::string_view::npos ||
                        head.find(':') != std::string_view::npos || head == "localhost")) {
    ref.registry = std::string(head);
    ref.repository = std::string(rest.substr(first + 1));
    ref.explicit_registry = true;
  } else {
    ref.registry = "docker.io";
    ref.repository = std::string(rest);
    if (first == std::string_view::npos) ref.repository = "library/" + ref.repository;
  }
  if (ref.registry == "index.docker.io" || ref.registry == "registry-1.docker.io") {
    ref.registry = "docker.io";
  }
  if (ref.registry == "docker.io" && ref.repository.find('/') == std::string::npos) {
    ref.repository = "library/" + ref.repository;
  }
  if (ref.repository.empty()) return Fail(fmt::format("image '{}' has no repository", image));
  return ref;
}

}  // namespace gori::k8s
