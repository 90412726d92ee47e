// src/k8s/crd_schemas.h
//
// CustomResourceDefinitions read from files given apart from the checked input
// (`--crd-schemas PATH`): their objects and the catalog of their schemas (schema_validate.h).
// Immutable once loaded; shared by every run of the process.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "k8s/bundle.h"
#include "k8s/schema_validate.h"

namespace gori::k8s {

struct CrdSchemaFiles {
  std::unique_ptr<Bundle> bundle;
  CrdCatalog catalog;
};

// Reads files and directories like `gori check` inputs and keeps their CRDs. The first input
// that cannot be read or parsed is the error.
Result<std::shared_ptr<const CrdSchemaFiles>> LoadCrdSchemaFiles(
    const std::vector<std::string>& paths);

}  // namespace gori::k8s
