#!/usr/bin/env bash
# Carets under Korean (and other wide) text: the text report puts the caret under the offending
# value by display width — Hangul takes two cells — for YAML and JSON input alike, and the HTML
# report's excerpts carry the same indentation.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data=$src/tests/testdata/wide

# caret_under FILE RULE: the text from the caret's cell on, in the excerpt's source line.
caret_under() {
  "$gori" check --fail-on none --rules "$2" "$1" | python3 -c '
import sys, unicodedata
lines = sys.stdin.read().split("\n")
def cells(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for i, l in enumerate(lines):
    if l.rstrip().endswith("^") and "|" in l:
        src = lines[i - 1].split("| ", 1)[1]
        want = cells(l.split("| ", 1)[1]) - 1
        at = 0
        for k, c in enumerate(src):
            if at >= want:
                print(src[k:k + 14]); break
            at += cells(c)
        break'
}
expect_eq "$(caret_under "$data/korean.yaml" sup-latest-tag)" '"nginx:latest"' "YAML: caret under the image after Hangul"
expect_eq "$(caret_under "$data/korean.yaml" sec-privileged)" 'true}}]' "YAML: caret under privileged's value"
expect_eq "$(caret_under "$data/korean.json" sec-privileged)" 'true}}]}}' "JSON: caret under privileged's value"

"$gori" check --fail-on none --rules sec-privileged --format html="$tmp/r.html" "$data/korean.yaml" > /dev/null
expect_contains "$(cat "$tmp/r.html")" "\"pad\":\"$(printf '%*s' 81 '')\"" "HTML excerpt: caret indentation in cells"
finish
