// Fuzzes ValidatingAdmissionPolicy loading and evaluation: the input is a policy file (policies,
// bindings, params; YAML or JSON), then optionally a line "#objects" and manifests to check.
// Loading must give policies or positioned errors, and every loaded policy must decide every
// object within the cost budget; never crash or hang.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/object.h"
#include "policy/policy.h"
#include "yaml/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t split = input.find("\n#objects\n");
  std::string_view policies = input.substr(0, split);
  std::string_view manifests =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 10);
  gori::policy::PolicySet set;
  set.AddSource(gori::Source::FromString("policy.yaml", std::string(policies)));
  set.Finish();
  for (const gori::Error& e : set.errors()) (void)e.ToString();
  gori::doc::LoadedFile file;
  file.source = gori::Source::FromString("objects.yaml", std::string(manifests));
  gori::doc::BuildLimits limits{.max_depth = 64, .max_alias_nodes = 10'000};
  if (!gori::yaml::Load(file, limits)) return 0;
  std::vector<gori::k8s::Object> objects;
  for (const auto& d : file.documents) {
    gori::k8s::CollectObjects(d, gori::k8s::BuiltinPodTemplatePaths(), objects);
  }
  std::vector<gori::rules::Finding> findings;
  set.Check(objects, nullptr, findings);
  set.BindUnbound();
  std::vector<gori::policy::Decision> decisions;
  for (const gori::k8s::Object& o : objects) set.Decide(o, objects, nullptr, decisions);
  return 0;
}
