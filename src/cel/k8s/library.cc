// src/cel/k8s/library.cc
#include "cel/functions.h"

namespace gori::cel {

std::span<const FunctionDef> KubernetesFunctions() { return {}; }

}  // namespace gori::cel
