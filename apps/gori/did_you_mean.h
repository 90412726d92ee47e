// Suggestions for mistyped names on the command line: the closest candidate by edit distance
// (insertions, deletions, substitutions and swaps of neighbours), when it is close enough to
// be what was meant — at most 2 edits, and fewer than half the word.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gori::app {

// The best candidate, or empty when none is close.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace gori::app
