#!/bin/sh
# pch.sh: units that share a preamble (same command, directory and leading directives, their
# own header comments and line counts aside) are parsed with one precompiled preamble
# (driver/group.c), and the findings are the same, byte for byte, as with --no-pch: each
# unit's at its own lines, a header's once, the counters of --stats, a unit whose finding
# lands in the preamble (analysed on its own), the generated benchmark project and the
# example project.
# Usage: sh pch.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
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
{
  echo "["
  i=1
  while [ $i -le 5 ]; do
    printf '{"directory": "%s", "file": "src/u%s.cpp", "arguments": ["c++", "-std=c++20", "%s", "-c", "src/u%s.cpp"]}' "$P" $i "$INC" $i
    [ $i -lt 5 ] && echo ","
    i=$((i + 1))
  done
  echo "]"
} >"$P/compile_commands.json"

same() { # NAME ARGS...: the output and the stats line are the same with and without --no-pch
  name=$1
  shift
  run --no-cache --no-pch "$@"
  cp "$T/out" "$T/out.nopch"
  grep -v '^vtasklint: stats:.*seconds' "$T/err" | sed 's/ in [0-9.]* s//' >"$T/err.nopch"
  run --no-cache "$@"
  grep -v '^vtasklint: stats:.*seconds' "$T/err" | sed 's/ in [0-9.]* s//' >"$T/err.pch"
  check "$name: the same findings" cmp -s "$T/out" "$T/out.nopch"
  check "$name: the same summary" cmp -s "$T/err.pch" "$T/err.nopch"
}

last="vtasklint -j1 -p proj"
same "a preamble group" -j1 --stats -p "$P"
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
finish
