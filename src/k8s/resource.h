// src/k8s/resource.h
//
// Kind <-> resource names as the API server knows them, for admission matching: the group,
// version and plural resource of every built-in kind, whether it is namespaced, and the other
// group/versions the same resource was served under (extensions/v1beta1 Deployment,
// batch/v1beta1 CronJob ...: one resource, so matchPolicy Equivalent matches them). A kind gori
// does not know gets kubectl's plural guess (lower case; a final "s" gets "es", a final "y"
// becomes "ies", anything else gets "s": "Gateway" -> "gatewaies", as kubectl guesses) and is
// namespaced unless its kind starts with "Cluster". Pure lookups over static tables.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace gori::k8s {

struct GroupVersion {
  std::string_view group;
  std::string_view version;
};

struct ResourceInfo {
  std::string group;     // of the object's apiVersion
  std::string version;   // of the object's apiVersion
  std::string resource;  // plural, lower case
  bool namespaced = true;
  bool known = false;  // a built-in kind (false: plural guessed)
  // Every group/version serving the same resource (the object's own included); empty when
  // unknown.
  std::span<const GroupVersion> equivalents;
};

// `api_version` as written ("apps/v1", "v1").
ResourceInfo ResourceFor(std::string_view api_version, std::string_view kind);

// kubectl's guess of the plural resource name of a kind.
std::string GuessPlural(std::string_view kind);

}  // namespace gori::k8s
