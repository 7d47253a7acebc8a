#!/bin/sh
# pch_late_include.sh: a unit of a preamble group that includes a header after its first line
# of code. libclang's inclusions leave such a header out of a unit with a precompiled
# preamble; its #defines (a test framework's assertion wrapped in a macro of the project's)
# must still be read, or the reparsed units report a finding that a plain parse does not.
. "$(dirname "$0")/lib/harness.sh" "$@"

D="$T/late"
mkdir -p "$D"
printf '#include <catch2/catch_test_macros.hpp>\n#define MY_REQUIRE(...) REQUIRE(__VA_ARGS__)\n' >"$D/fatal.h"
for u in a b c; do
  cat >"$D/$u.cpp" <<'SRC'
#include <coro/task.hpp>
#include <future>
#include <vector>
#include <string>

coro::task<int> make();
#include "fatal.h"

int with_require() {
  auto t = make();
  t.resume();
  MY_REQUIRE(t.is_ready());
  return t.promise().result();
}
SRC
done
printf '[' >"$D/compile_commands.json"
sep=
for u in a b c; do
  printf '%s{"directory": "%s", "file": "%s.cpp", "arguments": ["c++", "-std=c++20", "%s", "-c", "%s.cpp"]}' \
    "$sep" "$D" "$u" "$INC" "$u" >>"$D/compile_commands.json"
  sep=,
done
printf ']\n' >>"$D/compile_commands.json"

last="vtasklint -j1 -p late (three units, one preamble)"
run -j1 --no-cache -p "$D"
check "shared preamble: exit 0" status_is 0
check "shared preamble: no finding (the header's REQUIRE is fatal)" out_empty
last="vtasklint -j1 --no-pch -p late"
run -j1 --no-cache --no-pch -p "$D"
check "plain parses: no finding" out_empty

finish
