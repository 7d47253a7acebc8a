#!/bin/sh
# db_lookup.sh: without -p and --, the compilation database is looked for as clangd does: in the
# first FILE's directory and each one above it, the directory itself, then its build/, out/ and
# cmake-build-*/ (name order); when none is found, a note says where it looked (issue 14,
# item 5).
# Usage: sh db_lookup.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
mkdir -p "$P/src"
write_double_await "$P/src/u.c" FOO # the finding (line 7) needs -DFOO
FIND='u\.c:7:3: warning: .*\[vtask-double-await\]'
# db DIR MACRO: a database in DIR whose one entry defines MACRO
db() {
  mkdir -p "$1"
  printf '[{"directory": "%s", "file": "src/u.c", "arguments": ["cc", "-std=c17", "-D%s", "%s", "-c", "src/u.c"]}]\n' \
    "$P" "$2" "$INC" >"$1/compile_commands.json"
}

for sub in build out cmake-build-debug; do
  rm -rf "$P/build" "$P/out" "$P"/cmake-build-*
  db "$P/$sub" FOO
  last="(in proj/src) vtasklint u.c, database in proj/$sub"
  run_in "$P/src" --no-cache u.c
  check "found in $sub/" out_has "$FIND"
  check "$sub/: no note" err_lacks "no compile_commands.json"
done

rm -rf "$P/cmake-build-debug"
db "$P/cmake-build-release" BAR
db "$P/cmake-build-debug" FOO
last="vtasklint proj/src/u.c, cmake-build-debug and cmake-build-release"
run --no-cache "$P/src/u.c"
check "cmake-build-debug first (name order)" out_has "$FIND"

db "$P/build" BAR
last="vtasklint proj/src/u.c, build/ (BAR) and cmake-build-debug/ (FOO)"
run --no-cache "$P/src/u.c"
check "build/ before cmake-build-*" out_lacks "$FIND"

db "$P" FOO
last="vtasklint proj/src/u.c, proj/compile_commands.json (FOO) and proj/build (BAR)"
run --no-cache "$P/src/u.c"
check "the directory's own database before its build/" out_has "$FIND"

db "$P/src/build" BAR
last="vtasklint proj/src/u.c, proj/src/build (BAR) nearer than proj (FOO)"
run --no-cache "$P/src/u.c"
check "the nearest directory wins" out_lacks "$FIND"

rm -rf "$P/src/build" "$P/build" "$P/out" "$P"/cmake-build-* "$P/compile_commands.json"
last="vtasklint proj/src/u.c, no database anywhere"
run --no-cache "$P/src/u.c"
check "where it looked" err_has "^vtasklint: note: no compile_commands.json found in '$P/src' or a directory above it, nor in their build/, out/ or cmake-build-\*/; analysing without compiler arguments"
check "still analysed (clang's error: no vtask.h)" status_is 1

finish
