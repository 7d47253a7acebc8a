#!/bin/sh
# db_per_file.sh: without -p, each FILE gets the compile_commands.json found above its own
# directory (clangd's lookup), not the first FILE's: two projects of a monorepo named in either
# order each get their own -D, and the note for a file without an entry names its own database.
# With -p, that one database is every file's.
# Usage: sh db_per_file.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
M="$T/mono"
# project NAME MACRO: NAME/src/NAME.c, whose finding (line 7) needs -DMACRO, and NAME/build's
# database, whose one entry defines MACRO
project() {
  mkdir -p "$M/$1/src" "$M/$1/build"
  write_double_await "$M/$1/src/$1.c" "$2"
  printf '[{"directory": "%s", "file": "src/%s.c", "arguments": ["cc", "-std=c17", "-D%s", "%s", "-c", "src/%s.c"]}]\n' \
    "$M/$1" "$1" "$2" "$INC" "$1" >"$M/$1/build/compile_commands.json"
}
project p1 FOO
project p2 BAR
F1='p1/src/p1\.c:7:3: warning: .*\[vtask-double-await\]'
F2='p2/src/p2\.c:7:3: warning: .*\[vtask-double-await\]'

for order in "p1/src/p1.c p2/src/p2.c" "p2/src/p2.c p1/src/p1.c"; do
  last="(in mono) vtasklint $order"
  # shellcheck disable=SC2086 # two words, on purpose
  run_in "$M" --no-cache $order
  check "$order: p1's finding (its -DFOO)" out_has "$F1"
  check "$order: p2's finding (its -DBAR)" out_has "$F2"
  check "$order: no error" err_lacks "error:"
  check "$order: exit 1" status_is 1
done

last="(in mono) vtasklint p2 p1 (directories)"
run_in "$M" --no-cache p2 p1
check "directories: both findings" out_count "$F1|$F2" 2

cp "$M/p2/src/p2.c" "$M/p2/src/extra.c"
last="(in mono) vtasklint p1/src/p1.c p2/src/extra.c (no entry of its own)"
run_in "$M" --no-cache p1/src/p1.c p2/src/extra.c
check "no entry: the note names p2's database" err_has "^vtasklint: note: 'p2/src/extra\\.c' has no entry in 'p2/build/compile_commands\\.json'; using the command of 'p2/src/p2\\.c'\$"
check "no entry: p2's command (-DBAR) used" out_has 'p2/src/extra\.c:7:3: warning'
rm "$M/p2/src/extra.c"

# more projects than databases kept open (8): the first ones are closed, and reopened for
# q1/src/again.c (no entry: q1's command, -DQ1), named last
files=
for i in 1 2 3 4 5 6 7 8 9 10; do
  project "q$i" "Q$i"
  files="$files q$i/src/q$i.c"
done
cp "$M/q1/src/q1.c" "$M/q1/src/again.c"
last="(in mono) vtasklint q1..q10, then q1/src/again.c"
# shellcheck disable=SC2086 # the words, on purpose
run_in "$M" --no-cache $files q1/src/again.c
check "ten projects: eleven findings" out_count 'q[0-9]+/src/[a-z0-9]+\.c:7:3: warning' 11
check "ten projects: no error" err_lacks "error:"

last="(in mono) vtasklint -p p1/build p1/src/p1.c p2/src/p2.c"
run_in "$M" --no-cache -p p1/build p1/src/p1.c p2/src/p2.c
check "-p: p1's finding" out_has "$F1"
check "-p: p1's database for p2 too (no -DBAR)" out_lacks "$F2"
check "-p: the note names p1's database" err_has "'p2/src/p2\\.c' has no entry in 'p1/build/compile_commands\\.json'"

finish
