// src/stats/multiplicity.h
//
// Control of false failures when several metrics are judged together and when one canary is
// judged repeatedly: Holm's step-down (family-wise error) and Benjamini-Hochberg (false
// discovery rate) adjusted p values, and alpha spending over planned looks (Lan-DeMets
// O'Brien-Fleming-like and Pocock-like spending functions). Pure, deterministic.
#pragma once

#include <span>
#include <vector>

namespace gori::stats {

// Adjusted p values in the input order; a hypothesis is rejected at level alpha when its
// adjusted p is <= alpha.
std::vector<double> HolmAdjust(std::span<const double> p);
std::vector<double> BenjaminiHochbergAdjust(std::span<const double> p);

enum class Spending { kObrienFleming, kPocock };

// Total alpha spent by information fraction t in [0, 1] (equal to alpha at t = 1).
double SpentAlpha(double alpha, double t, Spending kind);
// The alpha available to look `look` (1-based) of `looks` equally spaced looks: what the
// spending function adds between the previous look and this one.
double LookAlpha(double alpha, int look, int looks, Spending kind);

}  // namespace gori::stats
