#!/bin/sh
# cmake_tidy.sh: vtasklint as CMake's co-compile hook (issue 14, item 9). CMake 3.25 runs
# `cmake -E __run_co_compile --tidy=...`, which calls `vtasklint [ARGS]
# --extra-arg-before=--driver-mode=gcc|g++ SOURCE -- COMPILER ARGS...` for every compile, shows
# its stdout in the build output (its stderr only when it fails) and fails the compile when it
# exits non-zero. So: the compiler after `--` is not an argument, and warnings exit 0 unless
# they are errors. The example project is C; a small mixed project covers CMAKE_CXX_CLANG_TIDY.
# Usage: sh cmake_tidy.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
if ! command -v cmake >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1; then
  echo "SKIP: cmake or cc missing"
  exit 0
fi
export XDG_CACHE_HOME="$T/cache"

# build SRC BUILD ARGS...: configure and build; the whole output in $T/out, the status in $rc
build() {
  src=$1
  bld=$2
  shift 2
  { cmake -S "$src" -B "$bld" "$@" && cmake --build "$bld" -j1; } >"$T/out" 2>&1
  rc=$?
  : >"$T/err"
}

last="cmake -S testdata/example-project -DCMAKE_C_CLANG_TIDY=vtasklint && cmake --build"
build "$ROOT/testdata/example-project" "$T/ex" "-DCMAKE_C_CLANG_TIDY=$VTL"
check "the build succeeds (warnings exit 0)" status_is 0
check "findings in the build output" out_has 'src/conn\.c:36:33: warning: .*\[vtask-double-await\]'
check "all five mistakes" out_count '^[^ ]+:[0-9]+:[0-9]+: warning: .*\[vtask-' 5
check "no unit failed" out_lacks 'cannot analyse|vtasklint: error'

last="... -DCMAKE_C_CLANG_TIDY='vtasklint;--warnings-as-errors=vtask-double-await'"
build "$ROOT/testdata/example-project" "$T/ex-werror" "-DCMAKE_C_CLANG_TIDY=$VTL;--warnings-as-errors=vtask-double-await"
check "warnings as errors fail the build" test "$rc" -ne 0
check "the error is shown" out_has 'src/conn\.c:36:33: error: .*\[vtask-double-await\]'
# --warnings-as-errors=RULE makes that rule an error, not every rule (it used to be read on top
# of '*', as --checks is)
check "other rules stay warnings" out_has 'src/cache\.c:56:22: warning: .*\[vtask-blocking-unfinished\]'
check "no other rule is an error" out_lacks ': error: .*\[vtask-(blocking-unfinished|discarded|use-after-await|stored-in-field)\]'

# A mixed project: the C++ unit through CMAKE_CXX_CLANG_TIDY (--driver-mode=g++).
M="$T/mixed"
mkdir -p "$M"
cat >"$M/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(mixed LANGUAGES C CXX)
set(CMAKE_CXX_STANDARD 17)
add_library(mixed OBJECT a.c b.cpp)
target_include_directories(mixed PRIVATE ${INC_DIR})
EOF
write_double_await "$M/a.c"
printf '#include <future>\nint twice() {\n  std::future<int> f = std::async([] { return 1; });\n  int a = f.get();\n  return a + f.get();\n}\n' >"$M/b.cpp"
last="cmake mixed -DCMAKE_C_CLANG_TIDY=vtasklint -DCMAKE_CXX_CLANG_TIDY=vtasklint"
build "$M" "$T/mixed-build" "-DCMAKE_C_CLANG_TIDY=$VTL" "-DCMAKE_CXX_CLANG_TIDY=$VTL" "-DINC_DIR=$ROOT/testdata/include"
check "mixed: the build succeeds" status_is 0
check "mixed: the C finding" out_has 'a\.c:6:3: warning: .*\[vtask-double-await\]'
check "mixed: the C++ finding" out_has 'b\.cpp:5:[0-9]+: warning: .*\[vtask-double-await\]'

# The same call by hand, as __run_co_compile makes it.
write_double_await "$T/u.c"
last="vtasklint --extra-arg-before=--driver-mode=gcc u.c -- /usr/bin/cc -I... -MD -MT u.o -MF u.o.d -o u.o -c u.c"
(cd "$T" && "$VTL" --no-cache --extra-arg-before=--driver-mode=gcc "$T/u.c" -- /usr/bin/cc "$INC" -MD -MT u.o -MF u.o.d -o u.o -c "$T/u.c") >"$T/out" 2>"$T/err"
rc=$?
check "by hand: exit 0 on a warning" status_is 0
check "by hand: the finding" out_has 'u\.c:6:3: warning: .*\[vtask-double-await\]'
check "by hand: nothing written" test ! -e "$T/u.o.d"
last="vtasklint u.c -- -I... (no compiler: findings exit 1 as before)"
run --no-cache "$T/u.c" -- "$INC"
check "without a compiler: exit 1" status_is 1
# A bare word that names no compiler (a missing dash) used to be taken for one: exit 0 with a
# finding, a CI job passing with a bug in it.
last="vtasklint u.c -- std=c17 -I... (a missing dash)"
run --no-cache "$T/u.c" -- std=c17 "$INC"
check "a bare word is not a compiler: exit 1" status_is 1
last="vtasklint u.c -- ccache x86_64-linux-gnu-gcc-12 -I... (a launcher, a target prefix and a version)"
run --no-cache "$T/u.c" -- ccache x86_64-linux-gnu-gcc-12 "$INC" -c "$T/u.c"
check "launcher + compiler: the co-compile exit status" status_is 0
check "launcher + compiler: the finding" out_has 'u\.c:6:3: warning: .*\[vtask-double-await\]'

finish
