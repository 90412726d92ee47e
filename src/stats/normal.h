// src/stats/normal.h
//
// The standard normal distribution, from Boost.Math (which stays private to src/stats). Pure.
#pragma once

namespace gori::stats {

// P(Z <= z).
double NormalCdf(double z);
// P(Z > z), accurate far into the upper tail.
double NormalUpper(double z);
// The z with P(Z <= z) = p, for 0 < p < 1 (±infinity at 0 and 1).
double NormalQuantile(double p);

}  // namespace gori::stats
