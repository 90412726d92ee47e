// src/json/loader.h
//
// Turns JSON bytes into one doc::Document (simdjson On-Demand feeding doc::Builder), so JSON
// input (`kubectl get -o json`, AdmissionReview bodies) reaches rules in the same tree as YAML,
// with 1-based line and column on every node. Never throws; errors name the position where the
// parse stopped. Nesting depth is bounded by doc::BuildLimits.
// Thread-compatible: one parser per call.
#pragma once

#include <string_view>

#include "base/result.h"
#include "doc/builder.h"
#include "doc/document.h"

namespace gori::json {

// Parses file.source's bytes into one document appended to file.documents.
Status Load(doc::LoadedFile& file, const doc::BuildLimits& limits = {});

// True when the first non-whitespace byte starts a JSON object or array.
bool LooksLikeJson(std::string_view bytes);

}  // namespace gori::json
