#!/bin/sh
# driver.sh: the driver around the analysis, on a generated project of 12 units that share a
# header: -j1 and -j2 give the same bytes, a header's finding comes out once, the sarif, json and
# github formats, the NOLINT forms, --shard slices, --stdin-filename (alone and with -p), a
# directory as FILE with --exclude, isolation of a crashing and a hanging unit, a FILE without a
# database entry taking its sibling's flags, the upward search for compile_commands.json,
# --warnings-as-errors, --quiet and no progress line off a terminal. Each check prints nothing
# when it passes; a failing one prints what the tool said.
# Usage: sh driver.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
skipped=0
CR=$(printf '\r')



err_no_cr() { ! grep -q "$CR" "$T/err"; }

# A finding of the double await in unit N (line 5), wherever the path is printed from.
unit_re() { echo "(^|/)(src/)?u$1\\.c:5:3: warning: .*\\[vtask-double-await\\]\$"; }
HDR_RE='(^|/)include/shared\.h:8:3: warning: .*\[vtask-double-await\]$'
DIAG_RE='^[^ ]+:[0-9]+:[0-9]+: (warning|error): '

# all_units_found: each of the 12 units' findings is on stdout.
all_units_found() {
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    out_has "$(unit_re "$i")" || return 1
  done
}
# findings FILE: the warning and error lines of the last run, sorted, into FILE.
findings() { grep -E "$DIAG_RE" "$T/out" | sort >"$1"; }

# ---- the project ----

mkdir -p "$P/src" "$P/include"
cat >"$P/include/shared.h" <<'EOF'
#ifndef SHARED_H
#define SHARED_H
#include <vtask.h>
vtask_t read_async(int fd);
static inline void shared_twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
#endif
EOF
{
  echo "["
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    cat >"$P/src/u$i.c" <<EOF
#include "shared.h"
void bad_$i(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
void *good_$i(int fd) {
  vtask_t t = read_async(fd);
  return vtask_await(t);
}
EOF
    sep=","
    [ "$i" -eq 12 ] && sep=""
    # Two entries spell the include directory differently: the header is still one file.
    I=-Iinclude
    [ "$i" -eq 3 ] && I="-I$P/include"
    [ "$i" -eq 5 ] && I=-I./include
    if [ "$i" -eq 7 ]; then
      echo "  {\"directory\": \"$P\", \"file\": \"src/u$i.c\", \"command\": \"cc -std=c17 $I $INC -c src/u$i.c -o u$i.o\"}$sep"
    else
      echo "  {\"directory\": \"$P\", \"file\": \"src/u$i.c\", \"arguments\": [\"cc\", \"-std=c17\", \"$I\", \"$INC\", \"-c\", \"src/u$i.c\", \"-o\", \"u$i.o\"]}$sep"
    fi
  done
  echo "]"
} >"$P/compile_commands.json"

# ---- 1. -j1 and -j2, header findings once ----

last="vtasklint -p proj -j1"
run -p "$P" -j1
cp "$T/out" "$T/out.j1"
findings "$T/whole"
check "-j1: exit 1" status_is 1
check "-j1: all 12 unit findings" all_units_found
check "-j1: the header's finding exactly once" out_count "$HDR_RE" 1
check "-j1: 13 findings, none in the clean functions" out_count "$DIAG_RE" 13
check "-j1: no clang errors (-Iinclude from the database)" out_lacks "clang-diagnostic-error"

last="vtasklint -p proj -j2"
run -p "$P" -j2
check "-j2: exit 1" status_is 1
same_as_j1() { cmp -s "$T/out" "$T/out.j1"; }
check "-j2: stdout byte-identical to -j1" same_as_j1
check "-j2: the header's finding exactly once" out_count "$HDR_RE" 1

# ---- 2. formats ----

if command -v python3 >/dev/null 2>&1; then
  last="vtasklint -p proj --format=sarif"
  run -p "$P" --format=sarif
  check "sarif: exit 1" status_is 1
  sarif_ok() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0", "version"
run = d["runs"][0]
drv = run["tool"]["driver"]
assert drv["name"] == "vtasklint", "driver name"
ids = [r["id"] for r in drv["rules"]]
assert "vtask-double-await" in ids, "rules"
res = run["results"]
assert len(res) == 13, "13 results, got %d" % len(res)
for r in res:
    assert r["ruleId"] in ids, "ruleId %r" % r.get("ruleId")
    assert r["message"]["text"], "message.text"
    pl = r["locations"][0]["physicalLocation"]
    assert pl["artifactLocation"]["uri"], "uri"
    assert int(pl["region"]["startLine"]) > 0, "startLine"
' "$T/out" 2>>"$T/err"
  }
  check "sarif: 2.1.0, driver, rules, results with ruleId/message/location" sarif_ok

  last="vtasklint -p proj --format=json"
  run -p "$P" --format=json
  check "json: exit 1" status_is 1
  json_ok() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
n = len(d["diagnostics"])
assert n == int(sys.argv[2]), "%d diagnostics, text has %s warnings" % (n, sys.argv[2])
' "$T/out" "$(grep -c -E "$DIAG_RE" "$T/out.j1")" 2>>"$T/err"
  }
  check "json: parses, as many diagnostics as text warnings" json_ok
else
  echo "skipped: sarif and json checks (no python3)"
  skipped=$((skipped + 1))
fi

last="vtasklint -p proj --format=github"
run -p "$P" --format=github
check "github: exit 1" status_is 1
github_ok() {
  [ "$(grep -c . "$T/out")" -eq 13 ] && ! grep -v -q '^::warning file=' "$T/out"
}
check "github: 13 lines, each starting '::warning file='" github_ok

# ---- 3. NOLINT ----

cat >"$T/nolint.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
void plain(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // NOLINT
}
void named(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // NOLINT(vtask-double-await)
}
void next_line(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  // NOLINTNEXTLINE(vtask-double-*)
  vtask_await(t);
}
// NOLINTBEGIN(vtask-double-await)
void region(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
// NOLINTEND(vtask-double-await)
void other_rule(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // NOLINT(vtask-discarded)
}
// NOLINTBEGIN
void plain_region(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
// NOLINTEND
EOF
last="vtasklint nolint.c -- -std=c17 -I..."
run "$T/nolint.c" -- -std=c17 "$INC"
check "NOLINT: exit 1 (one finding left)" status_is 1
check "NOLINT: // NOLINT silences" out_lacks ":6:[0-9]+: warning: "
check "NOLINT: // NOLINT(rule) silences" out_lacks ":11:[0-9]+: warning: "
check "NOLINT: // NOLINTNEXTLINE(glob) silences" out_lacks ":17:[0-9]+: warning: "
check "NOLINT: BEGIN(rule)/END(rule) region silences" out_lacks ":23:[0-9]+: warning: "
check "NOLINT: plain BEGIN/END region silences" out_lacks ":35:[0-9]+: warning: "
check "NOLINT: another rule's NOLINT does not silence" out_has "nolint\\.c:29:3: warning: .*\\[vtask-double-await\\]\$"
check "NOLINT: exactly one finding" out_count "$DIAG_RE" 1

cat >"$T/unmatched.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
void before(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
// NOLINTBEGIN(vtask-double-await)
void inside(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
}
EOF
last="vtasklint unmatched.c -- -std=c17 -I..."
run "$T/unmatched.c" -- -std=c17 "$INC"
check "unmatched NOLINTBEGIN: reported" out_has "unmatched\\.c:8:[0-9]+: (warning|error): .*\\[vtasklint-nolint\\]\$"
check "unmatched NOLINTBEGIN: the finding before it stays" out_has "unmatched\\.c:6:3: warning: .*\\[vtask-double-await\\]\$"
check "unmatched NOLINTBEGIN: exit non-zero" test "$rc" -ne 0

# ---- 4. shards ----

: >"$T/shards"
for k in 1 2 3; do
  last="vtasklint -p proj --shard=$k/3"
  run -p "$P" --shard=$k/3
  check "--shard=$k/3: exit 0 or 1" test "$rc" -le 1
  findings "$T/shard$k"
  cat "$T/shard$k" >>"$T/shards"
done
last="vtasklint -p proj --shard=K/3, K = 1..3, against the whole run"
shards_union() { sort -u "$T/shards" | cmp -s - "$T/whole"; }
check "--shard: the union of the slices is the whole run" shards_union
# The header's finding comes from every slice that has a unit including it; the units' own
# findings must each come from exactly one slice.
shards_disjoint() {
  grep -v -E "$HDR_RE" "$T/shards" | sort | uniq -d | grep -q . && return 1
  [ "$(grep -c -v -E "$HDR_RE" "$T/shards")" -eq 12 ]
}
check "--shard: the slices are disjoint" shards_disjoint

# ---- 5. --stdin-filename ----

# The buffer moves the double await from line 5 to line 7.
cat >"$T/buffer.c" <<'EOF'
#include "shared.h"
void bad_1(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);


  vtask_await(t);
}
EOF
cat >"$T/clean_buffer.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
void *good(int fd) {
  vtask_t t = read_async(fd);
  return vtask_await(t);
}
EOF
last="vtasklint --stdin-filename=proj/src/u1.c - -- -std=c17 -Iproj/include -I... <buffer"
run_stdin "$T/buffer.c" --stdin-filename="$P/src/u1.c" - -- -std=c17 "-I$P/include" "$INC"
check "stdin: exit 1" status_is 1
check "stdin: the buffer's line 7 is reported as u1.c" out_has "(^|/)src/u1\\.c:7:3: warning: .*\\[vtask-double-await\\]\$"
check "stdin: not the file on disk's line 5" out_lacks "(^|/)src/u1\\.c:5:"
# The source line under the finding is the buffer's line 7, not line 7 of the file on disk.
check "stdin: the excerpt is the buffer's line" out_has "^ +7 \\|   vtask_await\\(t\\);\$"
check "stdin: not the file on disk's line" out_lacks "void \\*good_1"

last="vtasklint --stdin-filename=proj/src/u1.c - -- -std=c17 -I... <clean buffer"
run_stdin "$T/clean_buffer.c" --stdin-filename="$P/src/u1.c" - -- -std=c17 "$INC"
check "stdin clean buffer: exit 0" status_is 0
check "stdin clean buffer: nothing on stdout" out_lacks "."

# With -p the buffer gets u1.c's compile command: "shared.h" is only found through -Iinclude.
last="vtasklint -p proj --stdin-filename=proj/src/u1.c - <buffer"
run_stdin "$T/buffer.c" -p "$P" --stdin-filename="$P/src/u1.c" -
check "stdin with -p: exit 1" status_is 1
check "stdin with -p: shared.h found through the entry's -Iinclude" out_lacks "clang-diagnostic-error"
check "stdin with -p: the buffer's line 7 is reported" out_has "(^|/)src/u1\\.c:7:3: warning: .*\\[vtask-double-await\\]\$"
check "stdin with -p: not the file on disk's line 5" out_lacks "(^|/)src/u1\\.c:5:"
check "stdin with -p: the excerpt is the buffer's line" out_has "^ +7 \\|   vtask_await\\(t\\);\$"
check "stdin with -p: only the buffer is analysed" out_lacks "(^|/)src/u2\\.c:"

# ---- 6. a directory as FILE ----

mkdir -p "$P/src/.hidden" "$P/src/build"
cp "$P/src/u1.c" "$P/src/.hidden/x.c"
cp "$P/src/u1.c" "$P/src/build/y.c"
last="vtasklint proj/src -- -std=c17 -Iproj/include -I..."
run "$P/src" -- -std=c17 "-I$P/include" "$INC"
check "directory: exit 1" status_is 1
check "directory: all 12 units found" all_units_found
check "directory: hidden directory skipped" out_lacks "\\.hidden/x\\.c"
check "directory: build directory skipped" out_lacks "build/y\\.c"

last="cd proj/src && vtasklint . -- -std=c17 -I../include -I..."
run_in "$P/src" . -- -std=c17 -I../include "$INC"
check "directory '.': exit 1" status_is 1
check "directory '.': all 12 units found" all_units_found
check "directory '.': hidden directory skipped" out_lacks "\\.hidden/x\\.c"
check "directory '.': build directory skipped" out_lacks "build/y\\.c"

last="vtasklint --exclude='*/u1*.c' proj/src -- -std=c17 -Iproj/include -I..."
run --exclude='*/u1*.c' "$P/src" -- -std=c17 "-I$P/include" "$INC"
check "--exclude: exit 1" status_is 1
check "--exclude: u1.c u10.c u11.c u12.c skipped" out_lacks "(^|/)src/u1[0-9]?\\.c:"
u2_to_u9() {
  for i in 2 3 4 5 6 7 8 9; do
    out_has "$(unit_re "$i")" || return 1
  done
}
check "--exclude: u2.c ... u9.c still analysed" u2_to_u9

# ---- 7. isolation of a crashing and a hanging unit ----

mkdir -p "$T/iso"
printf '#pragma clang __debug crash\nint x;\n' >"$T/iso/crash.c"
printf '#pragma clang __debug overflow_stack\nint y;\n' >"$T/iso/hang.c"
cat >"$T/iso/good.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
void twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOF
last="vtasklint --timeout=3 crash.c hang.c good.c -- -std=c17 -I..."
start=$(date +%s)
run --timeout=3 "$T/iso/crash.c" "$T/iso/hang.c" "$T/iso/good.c" -- -std=c17 "$INC"
elapsed=$(($(date +%s) - start))
check "isolation: exit 2" status_is 2
check "isolation: one error line for the crash" err_count "^vtasklint: error: .*crash\\.c" 1
check "isolation: it says crashed" err_has "^vtasklint: error: .*crash\\.c.*crash"
check "isolation: one error line for the hang" err_count "^vtasklint: error: .*hang\\.c" 1
check "isolation: it says timed out" err_has "^vtasklint: error: .*hang\\.c.*timed out"
check "isolation: the good unit's finding is printed" out_has "good\\.c:6:3: warning: .*\\[vtask-double-await\\]\$"
check "isolation: the whole run under 15 s (took ${elapsed}s)" test "$elapsed" -lt 15

# ---- 8. a FILE without an entry takes its sibling's flags ----

cat >"$P/src/extra.c" <<'EOF'
#include "shared.h"
void extra(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOF
last="vtasklint -p proj proj/src/extra.c"
run -p "$P" "$P/src/extra.c"
check "sibling: exit 1" status_is 1
check "sibling: no clang errors (-Iinclude from the sibling)" out_lacks "clang-diagnostic-error"
check "sibling: extra.c's finding" out_has "(^|/)src/extra\\.c:5:3: warning: .*\\[vtask-double-await\\]\$"
check "sibling: a note names the sibling" err_has "^vtasklint: note: .*extra\\.c.*src/u[0-9]+\\.c|^vtasklint: note: .*src/u[0-9]+\\.c.*extra\\.c"
check "sibling: only extra.c is analysed" out_lacks "(^|/)src/u[0-9]+\\.c:"
rm -f "$P/src/extra.c"

# ---- 9. compile_commands.json found upward ----

last="cd proj && vtasklint"
run_in "$P"
check "upward (in DIR): exit 1" status_is 1
check "upward (in DIR): all 12 entries analysed" all_units_found
check "upward (in DIR): no clang errors" out_lacks "clang-diagnostic-error"

last="cd proj/src && vtasklint"
run_in "$P/src"
check "upward (in DIR/src): exit 1" status_is 1
check "upward (in DIR/src): all 12 entries analysed" all_units_found

# ---- 10. --warnings-as-errors, --quiet, no progress off a terminal ----

last="vtasklint -p proj --warnings-as-errors=vtask-double-await"
run -p "$P" --warnings-as-errors=vtask-double-await
check "--warnings-as-errors: exit 1" status_is 1
check "--warnings-as-errors: error lines" out_has "(^|/)src/u1\\.c:5:3: error: .*\\[vtask-double-await\\]\$"
check "--warnings-as-errors: 13 error lines" out_count "^[^ ]+:[0-9]+:[0-9]+: error: .*\\[vtask-double-await\\]\$" 13
check "--warnings-as-errors: no warning lines left" out_lacks ": warning: "

last="vtasklint -p proj --quiet"
run -p "$P" --quiet
check "--quiet: exit 1" status_is 1
check "--quiet: findings still on stdout" all_units_found
check "--quiet: nothing on stderr" err_empty

last="vtasklint -p proj 2>file"
run -p "$P"
check "stderr a file: no progress line (no CR)" err_no_cr
last="vtasklint -p proj 2>&1 | cat"
"$VTL" -p "$P" 2>&1 >/dev/null | cat >"$T/err"
rc=0
check "stderr a pipe: no progress line (no CR)" err_no_cr

[ "$skipped" -gt 0 ] && echo "($skipped group(s) skipped)"
finish
