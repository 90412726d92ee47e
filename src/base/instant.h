// src/base/instant.h
//
// gori's one grammar for a wall-clock instant on the command line (`gori load --start-at`,
// `gori canary --start/--end`): UTC RFC 3339 ("2026-11-26T14:00:00Z", fractions of a second
// allowed) or "@SECONDS" since the Unix epoch. Pure.
#pragma once

#include <string_view>

#include "base/result.h"

namespace gori {

// Seconds since the Unix epoch; the error quotes the text and says what was expected.
Result<double> ParseInstant(std::string_view text);

}  // namespace gori
