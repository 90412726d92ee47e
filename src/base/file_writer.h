// src/base/file_writer.h
//
// The one way gori writes a whole file (reports, baselines, evidence, configuration, load
// results). A regular file (or a path that does not exist yet) is written to a temporary file
// beside it and renamed over it, so a reader never sees half a file and a failed write leaves
// the old content in place. Anything else that already exists (/dev/stdout, a FIFO, a
// character device) is written in place. Errors read "cannot write PATH: REASON".
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace gori {

Status WriteFile(const std::string& path, std::string_view bytes);

}  // namespace gori
