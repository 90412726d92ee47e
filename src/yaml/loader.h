// src/yaml/loader.h
//
// Turns YAML bytes into doc::Document trees, one per `---` document, the way Kubernetes reads
// them (YAML 1.1 scalars: `on`/`y`/`no` are booleans, `0755` is octal). Every node carries its
// 1-based line and column. Never throws: input problems come back as an Error with the position
// where parsing stopped; documents completed before the error stay in the LoadedFile.
// Aliases share the anchored subtree; their total expansion and the nesting depth are bounded
// (doc::BuildLimits), so hostile input fails fast instead of exhausting memory or time.
// Thread-compatible: no shared state.
#pragma once

#include "base/result.h"
#include "doc/builder.h"
#include "doc/document.h"

namespace gori::yaml {

// Parses file.source's bytes into file.documents (allocating file.arena when absent).
Status Load(doc::LoadedFile& file, const doc::BuildLimits& limits = {});

}  // namespace gori::yaml
