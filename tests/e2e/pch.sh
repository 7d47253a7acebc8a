#!/bin/sh
# pch.sh: units that share a preamble (same command, directory and leading directives, their
# own header comments and line counts aside) are parsed with one precompiled preamble
# (driver/group.c), and the findings are the same, byte for byte, as with --no-pch: each
# unit's at its own lines, a header's once, the counters of --stats, a unit whose finding
# lands in the preamble (analysed on its own), the generated benchmark project and the
# example project. With the result cache on (as by default): the same findings, every cache
# entry naming the same files (by their real paths) as without shared preambles, a warm run
# answered from the cache, and an edited header of the preamble re-analysing exactly the units
# that read it.
# Usage: sh pch.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

write_db() { # DIR: DIR/compile_commands.json, an entry per line "FILE COMPILER ARG..." read
  # from standard input (arguments without blanks; "-c FILE" is added)
  {
    echo "["
    while read -r f args; do
      printf '{"directory": "%s", "file": "%s", "arguments": [' "$1" "$f"
      for a in $args; do printf '"%s", ' "$a"; done
      printf '"-c", "%s"]},\n' "$f"
    done | sed '$ s/,$//'
    echo "]"
  } >"$1/compile_commands.json"
}

write_pair() { # DIR HEADER BODY FLAGS: DIR/p1.cpp and p2.cpp, a group of two: each includes
  # <string>, <vector> and HEADER (copied into DIR), then BODY; compiled with FLAGS; @K@ in
  # BODY and FLAGS is the unit's number
  mkdir -p "$1"
  cp "$2" "$1/"
  for k in 1 2; do
    {
      printf '#include <string>\n#include <vector>\n#include "%s"\n\n' "$(basename "$2")"
      printf '%s\n' "$3" | sed "s/@K@/$k/g"
    } >"$1/p$k.cpp"
    echo "p$k.cpp c++ -std=c++20 $(echo "$4" | sed "s/@K@/$k/g") $INC"
  done | write_db "$1"
}
P="$T/proj"
mkdir -p "$P/src"
cat >"$P/src/hdr.hpp" <<'EOT'
#pragma once
#include <vtask.hpp>
vt::vtask<int> hmake();
inline vt::vtask<int> hfun() {
  auto t = hmake();
  int a = co_await t;
  int b = co_await t;
  co_return a + b;
}
struct holder { vt::vtask<int> kept; };
EOT
i=1
while [ $i -le 5 ]; do
  {
    printf '// u%s.cpp: unit %s, with a header comment of its own\n' $i $i
    printf '#include <string>\n#include <vector>\n#include "hdr.hpp"\n'
    printf '#define TWICE(t) (co_await t) + (co_await t)\n\n'
    k=0
    while [ $k -lt $i ]; do printf '// padding %s\n' $k; k=$((k + 1)); done
    printf 'vt::vtask<int> make%s();\nvt::vtask<int> g%s() {\n  auto t = make%s();\n' $i $i $i
    printf '  int a = co_await t;\n  int b = co_await t;\n  co_return a + b;\n}\n'
    # the last unit's finding is spelled in the preamble's macro: a note there
    [ $i -eq 5 ] && printf 'vt::vtask<int> m5() {\n  auto t = make5();\n  co_return TWICE(t);\n}\n'
  } >"$P/src/u$i.cpp"
  i=$((i + 1))
done
for i in 1 2 3 4 5; do echo "src/u$i.cpp c++ -std=c++20 $INC"; done | write_db "$P"

same() { # NAME ARGS...: the output and the stats line are the same with and without --no-pch
  name=$1
  shift
  run --no-cache --no-pch "$@"
  cp "$T/out" "$T/out.nopch"
  grep -v '^vtasklint: stats:.*\(seconds\|preamble\)' "$T/err" | sed 's/ in [0-9.]* s//' >"$T/err.nopch"
  run --no-cache "$@"
  grep -v '^vtasklint: stats:.*\(seconds\|preamble\)' "$T/err" | sed 's/ in [0-9.]* s//' >"$T/err.pch"
  check "$name: the same findings" cmp -s "$T/out" "$T/out.nopch"
  check "$name: the same summary" cmp -s "$T/err.pch" "$T/err.nopch"
}

last="vtasklint -j1 -p proj"
same "a preamble group" -j1 --stats -p "$P"
check "the later units reparsed with the first's preamble" err_has '^vtasklint: stats: 0 from the result cache, [1-9][0-9]* reparsed with a shared preamble'
check "each unit's finding at its own line" out_has 'src/u4\.cpp:15:11: warning: .*\[vtask-double-await\]'
check "the header's finding once" out_count 'src/hdr\.hpp:7:11: warning: .*\[vtask-double-await\]' 1
check "the header's field once" out_count 'src/hdr\.hpp:10:32: warning: .*\[vtask-stored-in-field\]' 1
check "a finding in the preamble's macro" out_has 'src/u5\.cpp:5:34: note: expanded from macro'
last="vtasklint -j2 --format=json -p proj"
same "two workers, json" -j2 --format=json -p "$P"

G="$T/gen"
sh "$ROOT/bench/gen.sh" 6 "$G" >/dev/null 2>&1
last="vtasklint -j1 -p gen (bench/gen.sh 6)"
same "the generated project" -j1 --stats -p "$G"
last="vtasklint testdata/example-project"
same "the example project" -j1 --stats "$ROOT/testdata/example-project"

# Units whose findings need a body of the preamble's headers: the summary of ignore_task,
# which ignores its vtask, or of finish_t, which awaits it (without, each would be reported as
# a vtask passed on and awaited), and a friend that a header's class template defines (peek),
# though only the unit declares it. The group's preamble, built by its first unit, has every
# body (group.c, "the first unit builds the preamble"; it once had none from the second unit
# on, and these units went back to their own parse).
B="$T/bodies"
mkdir -p "$B"
cat >"$B/helpers.hpp" <<'EOT'
#pragma once
#include <vtask.h>
inline int ignore_task(vtask_t t, int x) {
  (void)t;
  return x;
}
template <class T> void *finish_t(T t) { return vtask_await(t); }
template <class T> struct Chan { /* a hidden friend, defined when Chan<T> is instantiated */
  friend int peek(Chan &, vtask_t t) { return vtask_is_completed(t); }
};
EOT
for k in 1 2 3 4 5 6; do
  {
    printf '#include <string>\n#include <vector>\n#include "helpers.hpp"\n\n'
    printf 'vtask_t rd%s(int fd);\nvoid *f%s(int fd) {\n  vtask_t t = rd%s(fd);\n  vtask_await(t);\n  return vtask_await(t);\n}\n' $k $k $k
    case $k in
    4) printf 'void *ignored(int fd) {\n  vtask_t t = rd4(fd);\n  ignore_task(t, 1);\n  return vtask_await(t);\n}\n' ;;
    5) printf 'void *twice_t(int fd) {\n  vtask_t t = rd5(fd);\n  finish_t(t);\n  return vtask_await(t);\n}\n' ;;
    6) printf 'int peek(Chan<int> &, vtask_t t);\nvoid *peeked(int fd) {\n  Chan<int> c;\n  vtask_t t = rd6(fd);\n  peek(c, t);\n  return vtask_await(t);\n}\n' ;;
    esac
  } >"$B/b$k.cpp"
done
for k in 1 2 3 4 5 6; do echo "b$k.cpp c++ -std=c++20 $INC"; done | write_db "$B"
last="vtasklint -j1 -p bodies (a group whose units need the preamble's bodies)"
same "a group needing the preamble's bodies" -j1 --stats -p "$B"
check "bodies: the helper that ignores its vtask is seen to" sh -c "! grep -q 'b4\.cpp:14:' '$T/out'"
check "bodies: a hidden friend of a header's class template is seen to leave its vtask" sh -c "! grep -q 'b6\\.cpp:16:' '$T/out'"
check "bodies: the template helper is seen to await" out_has "b5\.cpp:14:10: warning: 't' is awaited after it was already consumed by 'finish_t'"
check "bodies: every later unit reparsed" err_has '^vtasklint: stats: 0 from the result cache, 5 reparsed'

# A group of two shares (group.h, GROUP_MIN_UNITS): the first unit's parse builds the
# preamble, so the second is a reparse instead of a parse of its own. Until the first unit
# built it (it was a plain parse and the second built it), a pair gained nothing and groups
# needed three units.
W="$T/pair"
write_pair "$W" "$B/helpers.hpp" 'vtask_t rd@K@(int fd);
void *f@K@(int fd) {
  vtask_t t = rd@K@(fd);
  vtask_await(t);
  return vtask_await(t);
}' ''
last="vtasklint -j1 -p pair (a group of two units)"
same "a group of two" -j1 --stats -p "$W"
check "pair: the second unit reparsed with the first's preamble" err_has '^vtasklint: stats: 0 from the result cache, 1 reparsed with a shared preamble, 1 preamble built$'
check "pair: each unit's finding" out_count 'p[12]\.cpp:9:10: warning: .*\[vtask-double-await\]' 2

# A header's `box() = default;` has a body only in a unit that uses it: the first unit used it
# and its record of the headers counted it for the second too (--stats said 3 functions with
# the preamble, 2 without).
DF="$T/defaulted"
printf '#pragma once\nstruct box {\n  box() = default;\n  int v = 0;\n};\n' >"$T/box.hpp"
write_pair "$DF" "$T/box.hpp" 'int f@K@() { return @K@; }' ''
printf 'int use_box() {\n  box b;\n  return b.v;\n}\n' >>"$DF/p1.cpp"
last="vtasklint -j1 --stats -p defaulted (a header's defaulted constructor used by the first unit)"
same "a defaulted constructor" -j1 --stats -p "$DF"
check "defaulted: the second unit reparsed" err_has '^vtasklint: stats: 0 from the result cache, 1 reparsed'
check "defaulted: three functions written, none made by clang" err_has '^vtasklint: stats: 2 units, 3 functions analysed'

# Units whose commands differ only in a -D: they share when the preamble never reads the macro
# (UNIT_ID; the body's own #if sees each unit's value, through the directives put before it),
# and not when it does (HDR_TWICE, which decides whether the header awaits twice).
D="$T/defines"
mkdir -p "$D"
cat >"$D/mode.hpp" <<'EOT'
#pragma once
#include <vtask.h>
#if HDR_TWICE
inline void *hdr(vtask_t t) {
  vtask_await(t);
  return vtask_await(t);
}
#endif
EOT
for k in 1 2 3 4 5 6; do
  {
    printf '#include <string>\n#include <vector>\n#include "mode.hpp"\n\n'
    printf 'int id%s() { return UNIT_ID; }\n' $k
    printf '#if UNIT_ID == 3\nvoid *f(vtask_t t) {\n  vtask_await(t);\n  return vtask_await(t);\n}\n#endif\n'
  } >"$D/d$k.cpp"
done
for k in 1 2 3 4 5 6; do
  hdr=0
  [ $k -gt 3 ] && hdr=$((k % 2))
  echo "d$k.cpp c++ -std=c++20 -DUNIT_ID=$k -DHDR_TWICE=$hdr $INC"
done | write_db "$D"
last="vtasklint -j1 -p defines (units differing in -D)"
same "units differing in -D" -j1 --stats -p "$D"
check "-D: the body sees its own unit's macro" out_has 'd3\.cpp:9:10: warning: .*\[vtask-double-await\]'
check "-D: only there" out_count '\[vtask-double-await\]' 2
check "-D: the header read with HDR_TWICE=1 once" out_count 'mode\.hpp:6:10: warning: .*\[vtask-double-await\]' 1
check "-D: units whose differing macro the preamble does not read, reparsed" err_has '^vtasklint: stats: 0 from the result cache, [1-9][0-9]* reparsed'

# Units of one group in two sets by a -D the header reads (MODE, as a library's tests built
# twice, against the compiled library and header-only), listed in turn: each set shares a
# preamble of its own (pool.c puts a set's units together; group.c starts over at the first of
# the next), so two of each three are reparsed. Before, the second set was parsed unit by unit.
V="$T/variants"
mkdir -p "$V"
cat >"$V/lib.hpp" <<'EOT'
#pragma once
#include <string>
#include <vector>
#include <vtask.h>
#if MODE == 2
inline void *twice(vtask_t t) {
  vtask_await(t);
  return vtask_await(t);
}
#endif
EOT
for k in 1 2 3 4 5 6; do
  printf '#include "lib.hpp"\n\nint v%s() { return MODE; }\n' $k >"$V/v$k.cpp"
done
for k in 1 2 3 4 5 6; do echo "v$k.cpp c++ -std=c++20 -DMODE=$((2 - k % 2)) $INC"; done | write_db "$V"
last="vtasklint -j1 -p variants (two sets of -D)"
same "two sets of -D" -j1 --stats -p "$V"
check "two sets of -D: the header's finding once" out_count 'lib\.hpp:8:10: warning: .*\[vtask-double-await\]' 1
check "two sets of -D: two units of each set reparsed" err_has '^vtasklint: stats: 0 from the result cache, 4 reparsed'
check "two sets of -D: one preamble built for each" err_has '^vtasklint: stats: 0 from the result cache, 4 reparsed with a shared preamble, 2 preambles built$'

# Near miss: three units of one group, each with a MODE of its own that the header reads, are
# three sets of one unit. The group's first unit builds the preamble (the others might have
# differed in macros the headers do not read); the first of a later set builds one only when
# units with its -D and -U follow (a build costs more than a plain parse): one is built, not
# three.
S="$T/singles"
mkdir -p "$S"
cp "$V/lib.hpp" "$S/"
for k in 1 2 3; do
  printf '#include "lib.hpp"\n\nint s%s() { return MODE; }\n' $k >"$S/s$k.cpp"
  echo "s$k.cpp c++ -std=c++20 -DMODE=$k $INC"
done | write_db "$S"
last="vtasklint -j1 -p singles (three sets of one unit)"
same "three sets of one unit" -j1 --stats -p "$S"
check "sets of one: the header's finding once" out_count 'lib\.hpp:8:10: warning: .*\[vtask-double-await\]' 1
check "sets of one: one preamble built" err_has '^vtasklint: stats: 0 from the result cache, 0 reparsed with a shared preamble, 1 preamble built$'

# Near miss: a pair whose commands differ in a -D builds no preamble (GROUP_GAMBLE_UNITS): the
# second could reuse it only if the headers did not read the macro, and these do (lib.hpp
# reads MODE), so a build would be a parse and a fifth for nothing and a peak of memory.
X="$T/pairmodes"
write_pair "$X" "$V/lib.hpp" 'int s@K@() { return MODE; }' '-DMODE=@K@'
last="vtasklint -j1 -p pairmodes (a pair with a -D each)"
same "a pair with a -D each" -j1 --stats -p "$X"
check "pair with a -D each: no preamble built" err_has '^vtasklint: stats: 0 from the result cache, 0 reparsed with a shared preamble, 0 preambles built$'

# Units whose preambles begin alike and end differently share the directives they have in
# common (preamble.c, "prefixes"): q1-q5 share <string>, <vector> and "phdr.hpp", then each
# goes on its own way (a header and a macro of its own, a header the next one includes inside
# an #if, nothing more, a comment and <set>); in the reparse those directives are parsed after
# the group's preamble, and each finding is still at its own line, a header's once, a NOLINT
# still honoured. q6 begins otherwise: on its own.
Q="$T/prefix"
mkdir -p "$Q/inc"
cat >"$Q/phdr.hpp" <<'EOT'
#pragma once
#include <vtask.h>
inline void *p_twice(vtask_t t) {
  vtask_await(t);
  return vtask_await(t);
}
EOT
sed 's/p_twice/x_twice/' "$Q/phdr.hpp" >"$Q/extra.hpp"
for k in 1 2 3 4 5 6; do
  {
    [ $k -eq 6 ] && printf '#include <map>\n'
    printf '#include <string>\n#include <vector>\n#include "phdr.hpp"\n'
    case $k in
    1) printf '#include <map>\n#define LOCAL_TWICE(t) vtask_await(t); vtask_await(t)\n' ;;
    2) printf '#include "extra.hpp"\n' ;;
    3) printf '#if 1\n#include "extra.hpp"\n#endif\n' ;;
    5) printf '// and a set\n\n#include <set>\n' ;;
    esac
    printf '\nvtask_t rd%s(int fd);\nvoid *f%s(int fd) {\n  vtask_t t = rd%s(fd);\n' $k $k $k
    if [ $k -eq 1 ]; then printf '  LOCAL_TWICE(t);\n  return 0;\n}\n'; else printf '  vtask_await(t);\n  return vtask_await(t);\n}\n'; fi
    [ $k -eq 4 ] && printf 'void *g4(vtask_t t) {\n  vtask_await(t);\n  return vtask_await(t); // NOLINT\n}\n'
  } >"$Q/q$k.cpp"
done
for k in 1 2 3 4 5 6; do echo "q$k.cpp c++ -std=c++20 $INC"; done | write_db "$Q"
last="vtasklint -j1 -p prefix (units sharing their first directives)"
same "units sharing a prefix" -j1 --stats -p "$Q"
check "prefix: the four later units of five reparsed" err_has '^vtasklint: stats: 0 from the result cache, 4 reparsed'
check "prefix: a finding through the unit's own macro, at its line" out_has 'q1\.cpp:10:3: warning: .*\[vtask-double-await\]'
check "prefix: ... its note in the unit's own directives" out_has 'q1\.cpp:5:40: note: expanded from macro'
check "prefix: after an #if block of the unit's own" out_has 'q3\.cpp:12:10: warning: .*\[vtask-double-await\]'
check "prefix: after a comment and a header" out_has 'q5\.cpp:12:10: warning: .*\[vtask-double-await\]'
check "prefix: the shared header's finding once" out_count 'phdr\.hpp:5:10: warning: .*\[vtask-double-await\]' 1
check "prefix: a header of the units' own, once" out_count 'extra\.hpp:5:10: warning: .*\[vtask-double-await\]' 1
check "prefix: a NOLINT honoured" sh -c "! grep -q 'q4\\.cpp:13:' '$T/out'"
check "prefix: every unit's own finding" out_count 'q[1-6]\.cpp:[0-9]*:[0-9]*: warning: .*\[vtask-double-await\]' 6

# Every C++ fixture of testdata/rules as one project: those whose first directives match share
# them (13 of them reparsed, with findings of every rule), and the findings are the same.
X="$T/fixtures"
mkdir -p "$X"
find "$ROOT/testdata/rules" -name '*.cpp' | sort | while read -r f; do echo "$f c++ -std=c++20 $INC"; done | write_db "$X"
last="vtasklint -j2 -p fixtures (testdata/rules/*/*.cpp)"
same "the C++ fixtures" -j2 --stats -p "$X"
check "the C++ fixtures: some reparsed with a shared preamble" err_has '^vtasklint: stats: 0 from the result cache, [1-9][0-9]* reparsed'

# C units share no preamble (group.h: reading a C preamble back costs more than parsing it).
K="$T/cgroup"
mkdir -p "$K"
for k in 1 2 3; do
  printf '// c%s.c\n#include <stdio.h>\n#include <string.h>\n#include <vtask.h>\n\n' $k >"$K/c$k.c"
  printf 'vtask_t rd%s(int fd);\nvoid f%s(int fd) {\n  vtask_t t = rd%s(fd);\n  vtask_await(t);\n  vtask_await(t);\n}\n' $k $k $k >>"$K/c$k.c"
done
for k in 1 2 3; do echo "c$k.c cc $INC"; done | write_db "$K"
last="vtasklint -j1 -p cgroup (three C units, one preamble)"
same "a C group" -j1 --stats -p "$K"
check "a C group: each unit parsed on its own" err_has '^vtasklint: stats: 0 from the result cache, 0 reparsed'
check "a C group: the findings" out_count 'warning: .*\[vtask-double-await\]' 3

# ---- with the result cache ----
C="$T/cproj"
mkdir -p "$C/src"
cp "$P"/src/*.cpp "$P"/src/hdr.hpp "$C/src/"
for k in 1 2; do # a second group, without hdr.hpp
  {
    printf '// w%s.cpp\n#include <vector>\n#include <vtask.hpp>\n\n' $k
    printf 'vt::vtask<int> wmake%s();\nvt::vtask<int> w%s() {\n  auto t = wmake%s();\n' $k $k $k
    printf '  int a = co_await t;\n  int b = co_await t;\n  co_return a + b;\n}\n'
  } >"$C/src/w$k.cpp"
done
for u in u1 u2 u3 u4 u5 w1 w2; do echo "src/$u.cpp c++ -std=c++20 $INC"; done | write_db "$C"
deps() { # CACHE_DIR: each entry's name, its file lines as they are, its other lines sorted (a
  # reused record's findings come after the unit's own; the order of findings does not matter)
  for e in $(cd "$1" && ls ./*/*.vtc); do
    printf '%s\n' "$e"
    grep '^F ' "$1/$e"
    grep -v '^F ' "$1/$e" | sort
  done
}
last="vtasklint -j1 --cache-dir (cold, then --no-pch)"
run -j1 --stats --cache-dir="$T/c.pch" -p "$C"
cp "$T/out" "$T/cold.pch"
check "cold, cached: units reparsed with a shared preamble" err_has '^vtasklint: stats: 0 from the result cache, [1-9][0-9]* reparsed'
run -j1 --stats --no-pch --cache-dir="$T/c.nopch" -p "$C"
check "cold, cached: the same findings as --no-pch" cmp -s "$T/out" "$T/cold.pch"
deps "$T/c.pch" >"$T/deps.pch"
deps "$T/c.nopch" >"$T/deps.nopch"
check "cold, cached: every entry names the same files, in the same order, as with --no-pch" cmp -s "$T/deps.pch" "$T/deps.nopch"
check "cold, cached: real paths only (no /../ nor a lexical /include)" sh -c "! grep -q -e '/\.\./' -e ' /include/' '$T/deps.pch'"
check "cold, cached: 7 entries" sh -c "[ \$(grep -c '\.vtc\$' '$T/deps.pch') -eq 7 ]"
last="vtasklint -j1 --cache-dir (warm)"
run -j1 --stats --cache-dir="$T/c.pch" -p "$C"
check "warm: all from the cache" err_has '^vtasklint: stats: 7 from the result cache, 0 reparsed'
check "warm: the same findings" cmp -s "$T/out" "$T/cold.pch"
# The header's double await becomes a single one: its finding goes, in the 5 units that read it.
sed 's/  int b = co_await t;/  int b = 2;/' "$C/src/hdr.hpp" >"$T/hdr" && cat "$T/hdr" >"$C/src/hdr.hpp"
last="vtasklint -j1 --cache-dir (hdr.hpp edited)"
run -j1 --stats --cache-dir="$T/c.pch" -p "$C"
cp "$T/out" "$T/edited.pch"
check "edited header: the other group from the cache, its readers again" err_has '^vtasklint: stats: 2 from the result cache, [1-9][0-9]* reparsed'
check "edited header: its finding is gone" sh -c "! grep -q 'hdr\.hpp:7:' '$T/edited.pch'"
check "edited header: the other findings stay" out_has 'src/u4\.cpp:15:11: warning: .*\[vtask-double-await\]'
run -j1 --no-cache --no-pch -p "$C"
check "edited header: the same findings as a fresh --no-pch run" cmp -s "$T/out" "$T/edited.pch"
# Preambles a killed worker left in the cache's pch/ go once nobody wrote them for a day.
mkdir -p "$T/c.pch/pch"
for f in preamble-aaaaaa.pch preamble-bbbbbb.pch notes.pch; do : >"$T/c.pch/pch/$f"; done
touch -d '2 days ago' "$T/c.pch/pch/preamble-aaaaaa.pch" "$T/c.pch/pch/notes.pch"
last="vtasklint -j1 --cache-dir (stale preambles)"
run -j1 --cache-dir="$T/c.pch" -p "$C"
check "a stale preamble is removed" test ! -e "$T/c.pch/pch/preamble-aaaaaa.pch"
check "a fresh preamble is kept" test -e "$T/c.pch/pch/preamble-bbbbbb.pch"
check "a file not named like a preamble is kept" test -e "$T/c.pch/pch/notes.pch"
check "stale preambles: the same findings" cmp -s "$T/out" "$T/edited.pch"
last="vtasklint -j1 --cache-dir (relative)"
run_in "$T" -j1 --stats --cache-dir=c.rel -p "$C"
check "a relative --cache-dir: units reparsed with a shared preamble" err_has '^vtasklint: stats: 0 from the result cache, [1-9][0-9]* reparsed'
cp "$T/out" "$T/rel.pch"
run_in "$T" -j1 --no-cache --no-pch -p "$C"
check "a relative --cache-dir: the same findings" cmp -s "$T/out" "$T/rel.pch"
finish
