#!/bin/sh
# cache.sh: the result cache (analyzer/driver/cache.h) as a user meets it, always with an explicit
# --cache-dir: a warm run prints the same bytes and exit status as the cold one and leaves the
# entries alone; editing a shared header re-analyses every unit that includes it (and only
# those), editing one unit only that unit; the configuration is part of the key; a corrupt entry
# (truncated, garbage, another unit's) is ignored and rewritten; --no-cache writes nothing; two
# processes sharing a cache both give the right answer; a crashing unit is not cached.
# Each check prints nothing when it passes; a failing one prints what the tool said.
# Usage: sh cache.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
C="$T/cache"



same_out() { cmp -s "$T/out" "$1"; }

# snapshot FILE: every cache entry with its inode, size and checksum, sorted by path. An entry
# rewritten in place (even with the same bytes) gets a new inode: entries are renamed into place.
snapshot() {
  find "$C" -type f -name '*.vtc' 2>/dev/null | sort | while IFS= read -r f; do
    printf '%s %s %s\n' "$(ls -i "$f" | awk '{print $1}')" "$(cksum <"$f")" "$f"
  done >"$1"
}
# entry_of UNIT: the cache entry that records UNIT (src/UNIT.c) as its main file (the first "F"
# line after the header names the unit itself).
entry_of() {
  for f in $(find "$C" -type f -name '*.vtc' 2>/dev/null | sort); do
    if grep -q -E "^F [0-9a-f]+ $P/src/$1\\.c\$" "$f"; then
      echo "$f"
      return 0
    fi
  done
  return 1
}
# line_of SNAPSHOT UNIT: UNIT's entry's line in a snapshot.
line_of() { grep -F " $(entry_of "$2")" "$1"; }
same_entry() { [ -n "$(line_of "$1" "$3")" ] && [ "$(line_of "$1" "$3")" = "$(line_of "$2" "$3")" ]; }
changed_entry() { [ -n "$(line_of "$2" "$3")" ] && [ "$(line_of "$1" "$3")" != "$(line_of "$2" "$3")" ]; }
# no newer entries than the stamp file (the mtime side of "unchanged").
none_newer() { [ -d "$C" ] && [ -z "$(find "$C" -type f -newer "$T/stamp")" ]; }
stamp() {
  touch "$T/stamp"
  sleep 1
}

# ---- the project: three units, two of them include a shared header ----

mkdir -p "$P/src" "$P/include"
cat >"$P/include/shared.h" <<'EOF'
#ifndef SHARED_H
#define SHARED_H
#include <vtask.h>
vtask_t read_async(int fd);
static inline void *shared_once(int fd) {
  vtask_t t = read_async(fd);
  return vtask_await(t);
}
#endif
EOF
for i in 1 2; do
  cat >"$P/src/u$i.c" <<EOF
#include "shared.h"
void bad_$i(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOF
done
# u3 does not include shared.h.
cat >"$P/src/u3.c" <<'EOF'
#include <vtask.h>
vtask_t write_async(int fd);
void bad_3(int fd) {
  vtask_t t = write_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOF
{
  echo "["
  for i in 1 2 3; do
    sep=","
    [ "$i" -eq 3 ] && sep=""
    echo "  {\"directory\": \"$P\", \"file\": \"src/u$i.c\", \"arguments\": [\"cc\", \"-std=c17\", \"-Iinclude\", \"$INC\", \"-c\", \"src/u$i.c\", \"-o\", \"u$i.o\"]}$sep"
  done
  echo "]"
} >"$P/compile_commands.json"

# unit_re N [LINE]: the double await of unit N (at line 5, u3 at line 6).
unit_re() { echo "(^|/)src/u$1\\.c:${2:-$((5 + $1 / 3))}:3: warning: .*\\[vtask-double-await\\]\$"; }
HDR_RE='(^|/)include/shared\.h:[0-9]+:[0-9]+: warning: .*\[vtask-double-await\]$'
DIAG_RE='^[^ ]+:[0-9]+:[0-9]+: (warning|error): '
all_units_found() { out_has "$(unit_re 1)" && out_has "$(unit_re 2)" && out_has "$(unit_re 3)"; }

# ---- 1. cold and warm ----

last="vtasklint -p proj --cache-dir cache (cold)"
run -p "$P" --cache-dir "$C"
cp "$T/out" "$T/out.cold"
rc_cold=$rc
check "cold: exit 1" status_is 1
check "cold: the three units' findings" all_units_found
check "cold: three findings, no clang errors" out_count "$DIAG_RE" 3
entries_3() { [ "$(find "$C" -type f -name '*.vtc' 2>/dev/null | wc -l)" -eq 3 ]; }
check "cold: one entry per unit" entries_3
no_tmp_left() { [ -d "$C" ] && [ -z "$(find "$C" -type f ! -name '*.vtc')" ]; }
check "cold: no temporary files left in the cache" no_tmp_left
snapshot "$T/snap.cold"
stamp

last="vtasklint -p proj --cache-dir cache (warm)"
run -p "$P" --cache-dir "$C"
check "warm: same exit status as cold" status_is "$rc_cold"
check "warm: stdout byte-identical to cold" same_out "$T/out.cold"
snapshot "$T/snap.warm"
same_snap() { cmp -s "$1" "$2"; }
check "warm: the entries are unchanged (inode, size, checksum)" same_snap "$T/snap.cold" "$T/snap.warm"
check "warm: no entry written (mtimes)" none_newer

# --dump-cfg implies --no-cache: a unit answered by the cache is not parsed and would print no
# graph (it printed nothing here before)
last="vtasklint -p proj --cache-dir cache --dump-cfg (warm cache)"
run -p "$P" --cache-dir "$C" --dump-cfg
check "dump-cfg: same stdout as cold" same_out "$T/out.cold"
check "dump-cfg: each unit's graph printed, also with a warm cache" err_has '^function bad_1$'
check "dump-cfg: the third unit's graph too" err_has '^function bad_3$'
check "dump-cfg: the cache is left alone" none_newer

# ---- 2. the shared header changes: every unit including it is analysed again ----

cat >"$P/include/shared.h" <<'EOF'
#ifndef SHARED_H
#define SHARED_H
#include <vtask.h>
vtask_t read_async(int fd);
static inline void *shared_once(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  return vtask_await(t);
}
#endif
EOF
last="vtasklint -p proj --cache-dir cache (shared.h gained a double await)"
run -p "$P" --cache-dir "$C"
check "header edit: exit 1" status_is 1
check "header edit: the new finding in shared.h:8 appears" out_has "(^|/)include/shared\\.h:8:10: warning: .*\\[vtask-double-await\\]\$"
check "header edit: the units' own findings are still there" all_units_found
snapshot "$T/snap.hdr"
check "header edit: u1's entry was rewritten" changed_entry "$T/snap.warm" "$T/snap.hdr" u1
check "header edit: u2's entry was rewritten" changed_entry "$T/snap.warm" "$T/snap.hdr" u2
check "header edit: u3 (not including it) was left alone" same_entry "$T/snap.warm" "$T/snap.hdr" u3
# Each including unit's entry now carries the header's finding: analysing it alone shows it.
for i in 1 2; do
  last="vtasklint -p proj --cache-dir cache proj/src/u$i.c (warm, after the header edit)"
  run -p "$P" --cache-dir "$C" "$P/src/u$i.c"
  check "header edit: u$i alone (from the cache) reports the header's finding" out_has "(^|/)include/shared\\.h:8:10: warning: "
  check "header edit: u$i alone reports its own finding" out_has "$(unit_re "$i")"
done

# Moving the header's lines (a comment on top): the finding moves with them.
{
  echo "/* shared helpers */"
  cat "$P/include/shared.h"
} >"$T/shared.h.new"
mv "$T/shared.h.new" "$P/include/shared.h"
last="vtasklint -p proj --cache-dir cache (a line added on top of shared.h)"
run -p "$P" --cache-dir "$C"
check "header line added: the finding is now at line 9" out_has "(^|/)include/shared\\.h:9:10: warning: "
check "header line added: not at the old line 8" out_lacks "(^|/)include/shared\\.h:8:[0-9]+: warning: "
check "header line added: reported once" out_count "$HDR_RE" 1
cp "$T/out" "$T/out.hdr"
snapshot "$T/snap.hdr2"
stamp

# ---- 3. one unit changes: only its output and its entry change ----

cat >"$P/src/u2.c" <<'EOF'
#include "shared.h"
void bad_2(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);

  vtask_await(t);
}
EOF
last="vtasklint -p proj --cache-dir cache (u2.c edited)"
run -p "$P" --cache-dir "$C"
check "unit edit: exit 1" status_is 1
check "unit edit: u2's finding moved to line 6" out_has "$(unit_re 2 6)"
check "unit edit: not at the old line 5" out_lacks "(^|/)src/u2\\.c:5:[0-9]+: warning: "
others_unchanged() {
  grep -v -E '(^|/)src/u2\.c:' "$T/out.hdr" | grep -E "$DIAG_RE" >"$T/a"
  grep -v -E '(^|/)src/u2\.c:' "$T/out" | grep -E "$DIAG_RE" >"$T/b"
  [ -s "$T/a" ] && cmp -s "$T/a" "$T/b"
}
check "unit edit: the other units' findings are unchanged" others_unchanged
snapshot "$T/snap.unit"
check "unit edit: u2's entry was rewritten" changed_entry "$T/snap.hdr2" "$T/snap.unit" u2
check "unit edit: u1's entry was left alone" same_entry "$T/snap.hdr2" "$T/snap.unit" u1
check "unit edit: u3's entry was left alone" same_entry "$T/snap.hdr2" "$T/snap.unit" u3
cp "$T/out" "$T/out.good"
rc_good=$rc

# ---- 4. the configuration is part of the key ----

printf "Checks: '*,-vtask-double-await'\n" >"$P/.vtasklint.yaml"
last="vtasklint -p proj --cache-dir cache (.vtasklint.yaml disables vtask-double-await)"
run -p "$P" --cache-dir "$C"
check "config disables the rule: exit 0" status_is 0
check "config disables the rule: no finding" out_lacks "vtask-double-await"

printf "Checks: '*'\nWarningsAsErrors: 'vtask-double-await'\n" >"$P/.vtasklint.yaml"
last="vtasklint -p proj --cache-dir cache (.vtasklint.yaml: WarningsAsErrors)"
run -p "$P" --cache-dir "$C"
check "config edited again: the findings are back, as errors" out_count '^[^ ]+:[0-9]+:[0-9]+: error: .*\[vtask-double-await\]$' 4
check "config edited again: no warnings left" out_lacks ': warning: '

rm -f "$P/.vtasklint.yaml"
last="vtasklint -p proj --cache-dir cache (.vtasklint.yaml removed)"
run -p "$P" --cache-dir "$C"
check "config removed: same output as before the config" same_out "$T/out.good"

last="vtasklint -p proj --cache-dir cache --checks='-*,vtask-discarded'"
run -p "$P" --cache-dir "$C" --checks='-*,vtask-discarded'
check "--checks is part of the key too: no finding" out_lacks "vtask-double-await"
check "--checks is part of the key too: exit 0" status_is 0

# ---- 5. corrupt entries are ignored and rewritten ----

# A fresh cache: one entry per unit again (the runs above left entries for other configurations).
rm -rf "$C"
last="vtasklint -p proj --cache-dir cache (fresh cache)"
run -p "$P" --cache-dir "$C"
check "fresh cache: same output" same_out "$T/out.good"
check "fresh cache: one entry per unit" entries_3
snapshot "$T/snap.before"
# (When an entry is missing, a placeholder path: the checks below then fail, not the shell.)
E2=$(entry_of u2) || E2="$T/no-u2-entry"
E1=$(entry_of u1) || E1="$T/no-u1-entry"
touch "$E1" "$E2"
cp "$E2" "$T/u2.vtc.good"
# corrupt HOW: replaces u2's entry, runs, and checks the output and the entry.
corrupt_case() {
  how=$1
  last="vtasklint -p proj --cache-dir cache (u2's entry $how)"
  run -p "$P" --cache-dir "$C"
  check "entry $how: same exit status" status_is "$rc_good"
  check "entry $how: same output as with a good cache" same_out "$T/out.good"
  entry_restored() { cmp -s "$E2" "$T/u2.vtc.good"; }
  check "entry $how: rewritten with the right content" entry_restored
  snapshot "$T/snap.after"
  check "entry $how: u1's entry untouched" same_entry "$T/snap.before" "$T/snap.after" u1
  stamp
  last="vtasklint -p proj --cache-dir cache (the run after u2's entry was $how)"
  run -p "$P" --cache-dir "$C"
  check "entry $how: next run, same output" same_out "$T/out.good"
  check "entry $how: next run finds the entry valid (nothing rewritten)" none_newer
}

size=$(wc -c <"$T/u2.vtc.good")
head -c $((size / 2)) "$T/u2.vtc.good" >"$E2"
corrupt_case "truncated to half its size"

: >"$E2"
corrupt_case "truncated to zero bytes"

# Cut just after the "E" line: what is left looks like an entry without findings.
sed '/^E$/q' "$T/u2.vtc.good" >"$E2"
corrupt_case "truncated after its file list"

# Cut after its first finding line: the note that belongs to it is lost.
awk '{ print } /^D/ { exit }' "$T/u2.vtc.good" >"$E2"
corrupt_case "truncated after its first finding"

awk 'BEGIN { for (i = 0; i < 200; i++) printf "%c", 33 + (i * 37) % 90; print "" }' >"$E2"
corrupt_case "overwritten with garbage"

head -c 3000 /dev/urandom >"$E2" 2>/dev/null || printf '\001\002\003\377\376' >"$E2"
corrupt_case "overwritten with random bytes"

cp "$E1" "$E2"
corrupt_case "overwritten with u1's entry"

# ---- 6. --no-cache ----

last="vtasklint -p proj --cache-dir fresh --no-cache"
run -p "$P" --cache-dir "$T/fresh" --no-cache
check "--no-cache: exit 1" status_is 1
check "--no-cache: same output" same_out "$T/out.good"
fresh_empty() { [ ! -e "$T/fresh" ] || [ -z "$(find "$T/fresh" -type f)" ]; }
check "--no-cache: nothing written into the fresh cache dir" fresh_empty

stamp
last="vtasklint -p proj --cache-dir cache --no-cache (a populated cache)"
run -p "$P" --cache-dir "$C" --no-cache
check "--no-cache on a populated cache: same output" same_out "$T/out.good"
check "--no-cache on a populated cache: nothing rewritten" none_newer

# ---- 7. two processes at once on one cache ----

for round in 1 2 3; do
  rm -rf "$T/shared-cache"
  last="two concurrent 'vtasklint -p proj -j2 --cache-dir shared-cache' (round $round, cold)"
  ("$VTL" -p "$P" -j2 --cache-dir "$T/shared-cache" >"$T/c1.out" 2>"$T/c1.err"; echo $? >"$T/c1.rc") &
  pid1=$!
  ("$VTL" -p "$P" -j2 --cache-dir "$T/shared-cache" >"$T/c2.out" 2>"$T/c2.err"; echo $? >"$T/c2.rc") &
  pid2=$!
  wait "$pid1"
  wait "$pid2"
  rc=$(cat "$T/c1.rc")
  cp "$T/c1.out" "$T/out"
  cp "$T/c1.err" "$T/err"
  check "concurrent round $round: first process, exit 1" status_is 1
  check "concurrent round $round: first process, correct output" same_out "$T/out.good"
  rc=$(cat "$T/c2.rc")
  cp "$T/c2.out" "$T/out"
  cp "$T/c2.err" "$T/err"
  check "concurrent round $round: second process, exit 1" status_is 1
  check "concurrent round $round: second process, correct output" same_out "$T/out.good"
  last="vtasklint -p proj --cache-dir shared-cache (after round $round)"
  run -p "$P" --cache-dir "$T/shared-cache"
  check "concurrent round $round: the cache they left gives the correct output" same_out "$T/out.good"
  shared_clean() { [ -d "$T/shared-cache" ] && [ -z "$(find "$T/shared-cache" -type f ! -name '*.vtc')" ]; }
  check "concurrent round $round: no temporary files left" shared_clean
done

# ---- 8. a crashing unit is not cached as a success ----

mkdir -p "$T/iso"
printf '#pragma clang __debug crash\nint x;\n' >"$T/iso/crash.c"
cp "$P/src/u3.c" "$T/iso/good.c"
for n in 1 2; do
  last="vtasklint --cache-dir cache crash.c good.c -- -std=c17 -I... (run $n)"
  run --cache-dir "$C" "$T/iso/crash.c" "$T/iso/good.c" -- -std=c17 "$INC"
  check "crash run $n: exit 2" status_is 2
  check "crash run $n: the crash is reported" err_has "^vtasklint: error: .*crash\\.c"
  check "crash run $n: the good unit's finding is printed" out_has "(^|/)good\\.c:6:3: warning: .*\\[vtask-double-await\\]\$"
done
no_crash_entry() { ! grep -r -q -F "$T/iso/crash.c" "$C" 2>/dev/null; }
check "crash: no cache entry names crash.c" no_crash_entry

# ---- the current directory is part of the key ----
# Findings name files relative to the current directory; a result cached from one directory
# must not be replayed with its paths into a run from another (a bug once).
C2="$T/cache-cwd"
mkdir -p "$T/elsewhere"
last="cd proj && vtasklint -p . --cache-dir cache2"
run_in "$P" -p . --cache-dir "$C2"
check "cwd: from the project, paths relative to it" out_has '^src/'
last="cd elsewhere && vtasklint -p ../proj --cache-dir cache2"
run_in "$T/elsewhere" -p ../proj --cache-dir "$C2"
check "cwd: from elsewhere, the same cache gives absolute paths" out_has "^$T/proj/src/"
check "cwd: from elsewhere, no path relative to the project" out_lacks '^src/'

finish
