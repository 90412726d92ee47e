// src/cel/k8s/library.cc
#include "cel/k8s/library.h"

#include <vector>

namespace gori::cel {

std::span<const FunctionDef> KubernetesFunctions() {
  static const std::vector<FunctionDef> all = [] {
    std::vector<FunctionDef> v;
    for (auto lib : {NetFunctions(), QuantityFunctions(), UrlFunctions(), SemverFunctions(),
                     FormatFunctions(), AuthorizerFunctions()}) {
      v.insert(v.end(), lib.begin(), lib.end());
    }
    return v;
  }();
  return all;
}

}  // namespace gori::cel
