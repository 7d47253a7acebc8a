#!/bin/sh
# run_vtasklint.sh: what one vtasklint action of the Bazel aspect (vtasklint.bzl) runs, in the
# execution root, for one source:
#   run_vtasklint.sh VTASKLINT TEXT SARIF UNUSED HEADERS FAIL CONFIG SOURCE -- COMPILER_ARGS...
# TEXT and SARIF receive the findings in the two formats. HEADERS lists the headers the action
# declares as inputs (every header of the target's compilation context), UNUSED receives those
# the source did not include: Bazel drops them from the action's key (unused_inputs_list), so
# editing a header re-runs only the sources that include it. FAIL is 1 to fail on findings.
# Exit status: 0, or 1 with the reason on stderr (findings in FAIL mode, or vtasklint could not
# analyse the source).
set -u
vtl=$1 text=$2 sarif=$3 unused=$4 headers=$5 fail=$6 config=$7 src=$8
shift 8
[ "${1:-}" = "--" ] && shift

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vtasklint.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# A cache private to this action: Bazel is the real cache. It lets the SARIF run reuse the text
# run's analysis, and its entry lists every file the source included (cache.h: "F HASH PATH").
set -- --config="$config" --cache-dir="$tmp/cache" -j1 --quiet --color=never --progress=never \
  "$src" -- "$@"

"$vtl" "$@" >"$text" 2>"$tmp/err"
rc=$?
cat "$tmp/err" >&2
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  echo "vtasklint: could not analyse '$src' (exit status $rc)" >&2
  exit 1
fi
# SARIF URIs relative to the execution root, which is the workspace's top level (not to a git
# checkout that may lie above the output base). The root itself (originalUriBaseIds' SRCROOT) is
# left without a uri: here it would name this action's sandbox, which differs from run to run and
# means nothing elsewhere; a consumer sets it to its checkout.
"$vtl" --format=sarif --sarif-root=. "$@" >"$tmp/sarif" 2>"$tmp/err"
rc_sarif=$?
if [ "$rc_sarif" -ne "$rc" ]; then
  cat "$tmp/err" >&2
  echo "vtasklint: the SARIF run on '$src' ended with $rc_sarif, the text run with $rc" >&2
  exit 1
fi
awk -v root="\"uri\": \"file://$(pwd -P)/\"," '
  { line = $0; sub(/^[ \t]+/, "", line) }
  line == root && !done { done = 1; next }
  { print }' "$tmp/sarif" >"$sarif" || exit 1

# The headers that were not included. Both sides are compared as real paths: vtasklint records
# the real path of each file it read, and a declared input may be a symlink (the sandbox links
# every input; _virtual_includes are links). Calling a used header unused would make Bazel serve
# stale findings, so when the entry is missing, or does not list the source itself (an entry
# format this script does not know), nothing is called unused.
: >"$unused"
entry=$(find "$tmp/cache" -name '*.vtc' -type f 2>/dev/null | head -n 1)
prune=""
if [ -n "$entry" ] && [ -s "$headers" ]; then
  sed -n '/^E$/q; s/^F [0-9a-f]* //p' "$entry" >"$tmp/used"
  grep -q -x -F -- "$(realpath -m -- "$src")" "$tmp/used" && prune=1
fi
if [ -n "$prune" ]; then
  tr '\n' '\0' <"$headers" | xargs -0 realpath -m -- >"$tmp/real" || exit 1
  paste -d '\n' "$headers" "$tmp/real" |
    awk 'FILENAME == ARGV[1] { used[$0] = 1; next }
         FNR % 2 == 1 { decl = $0; next }
         !($0 in used) { print decl }' "$tmp/used" - >"$unused"
fi

if [ "$fail" = 1 ] && [ "$rc" -eq 1 ]; then
  cat "$text" >&2
  echo "vtasklint: findings in '$src' (--@vtasklint//:fail_on_findings)" >&2
  exit 1
fi
exit 0
