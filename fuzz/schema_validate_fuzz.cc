// Fuzzes schema validation over arbitrary YAML: objects of built-in kinds against the embedded
// schema, custom resources against CustomResourceDefinitions found in the same input (their
// openAPIV3Schema is input too). Every issue must point at a node; never crash or hang.
#include <cstdint>
#include <string>
#include <vector>

#include "base/check.h"
#include "k8s/object.h"
#include "k8s/schema_validate.h"
#include "yaml/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gori::doc::LoadedFile file;
  file.source =
      gori::Source::FromString("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  gori::doc::BuildLimits limits{.max_depth = 64, .max_alias_nodes = 10'000};
  if (!gori::yaml::Load(file, limits)) return 0;
  std::vector<gori::k8s::Object> objects;
  for (const auto& d : file.documents) {
    gori::k8s::CollectObjects(d, gori::k8s::BuiltinPodTemplatePaths(), objects);
  }
  gori::k8s::CrdCatalog crds;
  for (const auto& o : objects) crds.Add(o);
  const gori::k8s::CrdCatalog* catalogs[] = {&crds};
  gori::k8s::SchemaOptions options{nullptr, catalogs, true};
  std::vector<gori::k8s::SchemaIssue> issues;
  for (const auto& o : objects) gori::k8s::ValidateObject(o, options, issues);
  for (const auto& i : issues) GORI_CHECK(i.at != nullptr && !i.message.empty());
  return 0;
}
