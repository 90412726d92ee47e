// Test helper: parse YAML text into objects (for tests of k8s and of rules).
#pragma once

#include <string>
#include <vector>

#include "k8s/object.h"
#include "yaml/loader.h"

namespace gori::k8s::testing {

struct Parsed {
  doc::LoadedFile file;
  std::vector<Object> objects;
};

inline std::unique_ptr<Parsed> ParseYaml(std::string text, std::string name = "t.yaml") {
  auto p = std::make_unique<Parsed>();
  p->file.source = Source::FromString(std::move(name), std::move(text));
  auto st = yaml::Load(p->file);
  if (!st) throw std::runtime_error(st.error().ToString());
  for (const auto& d : p->file.documents) CollectObjects(d, BuiltinPodTemplatePaths(), p->objects);
  return p;
}

}  // namespace gori::k8s::testing
