// src/report/fingerprint.h
//
// Stable identities for findings, for CI systems that track results across commits (SARIF
// partialFingerprints, GitLab Code Quality fingerprints). Built from what a finding is about —
// rule id, object kind/namespace/name, field path, container — and never from line numbers, so
// editing a manifest above a finding does not make it "new". Hex SHA-256, 32 characters.
#pragma once

#include <string>
#include <string_view>

#include "rules/rule.h"

namespace gori::report {

// `scope` is mixed in as well (GitLab: the file, so the same object in two overlays differs).
std::string Fingerprint(const rules::Finding& f, std::string_view scope = {});

}  // namespace gori::report
