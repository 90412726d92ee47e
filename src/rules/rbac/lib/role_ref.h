// src/rules/rbac/lib/role_ref.h
//
// What a RoleBinding or ClusterRoleBinding hands out, read from the bundle: the Role or
// ClusterRole its roleRef names (a RoleBinding's Role in its own namespace; a
// ClusterRoleBinding cannot name a Role), and its subjects as a user reads them.
#pragma once

#include <string>

#include "k8s/object.h"
#include "rules/index.h"

namespace gori::rules {

// The role `binding` refers to, when the bundle defines it; nullptr otherwise.
const k8s::Object* ResolveRoleRef(const Index& index, const k8s::Object& binding);

// "Group 'ops', ServiceAccount 'app/deployer'" (a ServiceAccount with its namespace, the
// binding's when the subject names none); "no subject" for an empty list.
std::string SubjectList(const k8s::Object& binding);

}  // namespace gori::rules
