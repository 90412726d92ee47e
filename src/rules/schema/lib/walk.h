// src/rules/schema/lib/walk.h
//
// The schema-* rules share one walk of each object against the Kubernetes API schema of the
// target release (k8s/schema_validate.h). Whichever schema rule is active first runs the walk
// and reports each issue under the rule of its kind, when that rule is active; the others do
// nothing. The CRDs of the input are gathered once per run (Index::Memo).
#pragma once

#include "k8s/schema_validate.h"
#include "rules/rule.h"

namespace gori::rules::schema {

// Rule ids by issue kind.
inline constexpr std::string_view kRuleIds[] = {
    "schema-unknown-kind", "schema-unknown-field", "schema-type",
    "schema-enum",         "schema-required",      "schema-name",
};

void Run(const Rule& self, const Context& ctx, const k8s::Object& o, Sink& out);

}  // namespace gori::rules::schema
