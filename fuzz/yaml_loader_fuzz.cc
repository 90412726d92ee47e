// Fuzzes the YAML loader and the object views over what it builds: any bytes must either load
// or fail with an error that has a position; never crash, hang or exhaust memory.
#include <cstdint>
#include <string>

#include "base/check.h"
#include "k8s/object.h"
#include "yaml/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gori::doc::LoadedFile file;
  file.source =
      gori::Source::FromString("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  gori::doc::BuildLimits limits{.max_depth = 64, .max_alias_nodes = 10'000};
  auto st = gori::yaml::Load(file, limits);
  if (!st) GORI_CHECK(st.error().line >= 1 || st.error().message.size() > 0);
  std::vector<gori::k8s::Object> objects;
  for (const auto& d : file.documents) {
    gori::k8s::CollectObjects(d, gori::k8s::BuiltinPodTemplatePaths(), objects);
  }
  for (const auto& o : objects) {
    if (o.pod()) {
      for (const auto& c : o.pod()->containers) (void)o.pod()->Effective(c, "runAsUser");
    }
  }
  return 0;
}
