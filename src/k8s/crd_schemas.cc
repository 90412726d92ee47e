#include "k8s/crd_schemas.h"

namespace gori::k8s {

Result<std::shared_ptr<const CrdSchemaFiles>> LoadCrdSchemaFiles(
    const std::vector<std::string>& paths) {
  auto files = std::make_shared<CrdSchemaFiles>();
  files->bundle = std::make_unique<Bundle>();
  for (const std::string& p : paths) files->bundle->AddPath(p);
  files->bundle->Finish();
  if (!files->bundle->errors().empty()) {
    return tl::unexpected<Error>(files->bundle->errors().front());
  }
  for (const Object& o : files->bundle->objects()) files->catalog.Add(o);
  return std::shared_ptr<const CrdSchemaFiles>(std::move(files));
}

}  // namespace gori::k8s
