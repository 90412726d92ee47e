// src/canary/report.h
//
// The evidence of a verdict as text (for people and CI logs), JSON (the contract read by Argo
// Rollouts' Web provider, Flagger hooks and scripts: verdict, score, metrics[] with class,
// estimate, ci, p, n_baseline, n_canary and reason) and a self-contained HTML page (no script,
// nothing fetched: the distributions of both tracks and every interval against its margin).
// Every output carries the config digest, the queries as sent, the window and the selectors,
// and nothing time-of-judgment: the same verdict gives the same bytes. Pure.
#pragma once

#include <string>

#include "canary/verdict.h"

namespace gori::canary {

std::string FormatText(const Verdict& v);
std::string FormatJson(const Verdict& v);
std::string FormatHtml(const Verdict& v);

// "2026-12-05T14:00:00Z".
std::string Rfc3339(int64_t unix_s);

}  // namespace gori::canary
