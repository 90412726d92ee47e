// src/base/duration.h
//
// gori's one duration grammar, for every flag and file that takes a duration (gori load's
// --duration and scenarios, gori webhook's timeouts, ...): one or more <number><unit> parts,
// numbers plain decimals ("1.5"), units ns, us (or µs), ms, s, m, h: "250us", "1.5s", "1m30s".
// Errors quote the text and say what was expected, ready for a usage error. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gori {

// The duration in nanoseconds.
Result<int64_t> ParseDuration(std::string_view text);

// "1.5s", "250ms", "80us": the shortest exact way to print a duration for humans.
std::string FormatDuration(int64_t ns);

}  // namespace gori
