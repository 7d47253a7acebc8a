#!/bin/sh
# extra_args.sh: --extra-arg and --extra-arg-before add to every compile command, the
# database's and the one after `--`; `-p DIR FILE -- ARGS` uses ARGS and says that -p is not
# used, never silently (issue 14, item 4).
# Usage: sh extra_args.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
mkdir -p "$P"
write_double_await "$P/u.c" FOO # the finding (line 7) needs -DFOO
printf '[{"directory": "%s", "file": "u.c", "arguments": ["cc", "-std=c17", "%s", "-c", "u.c"]}]\n' "$P" "$INC" \
  >"$P/compile_commands.json"
FIND='u\.c:7:3: warning: .*\[vtask-double-await\]'

last="vtasklint -p proj (no FOO)"
run --no-cache -p "$P"
check "without the macro, nothing" out_lacks "$FIND"

last="vtasklint -p proj --extra-arg=-DFOO"
run --no-cache -p "$P" --extra-arg=-DFOO
check "--extra-arg reaches the database's command" out_has "$FIND"
check "exit 1" status_is 1

last="vtasklint -p proj --extra-arg -DFOO (separate value)"
run --no-cache -p "$P" --extra-arg -DFOO
check "separate value" out_has "$FIND"

last="vtasklint -p proj --extra-arg-before=-DFOO --extra-arg=-UFOO"
run --no-cache -p "$P" --extra-arg-before=-DFOO --extra-arg=-UFOO
check "the after list comes last" out_lacks "$FIND"
last="vtasklint -p proj --extra-arg-before=-UFOO --extra-arg=-DFOO"
run --no-cache -p "$P" --extra-arg-before=-UFOO --extra-arg=-DFOO
check "the before list comes first" out_has "$FIND"

last="vtasklint u.c --extra-arg=-DFOO -- -std=c17 -I..."
run --no-cache "$P/u.c" --extra-arg=-DFOO -- -std=c17 "$INC"
check "--extra-arg also adds to the command after --" out_has "$FIND"

last="vtasklint -p proj u.c -- -std=c17 -DFOO -I..."
run --no-cache -p "$P" "$P/u.c" -- -std=c17 -DFOO "$INC"
check "-- wins, as in clang-tidy" out_has "$FIND"
check "and -p is said to be unused" err_has "^vtasklint: warning: -p [^ ]*proj is not used: the compile command after '--' applies to every FILE"

# Options that write files are dropped from the extra arguments too.
last="vtasklint -p proj --extra-arg=-MD --extra-arg=-MF --extra-arg=$T/dep.d"
run --no-cache -p "$P" --extra-arg=-MD --extra-arg=-MF "--extra-arg=$T/dep.d"
check "no dependency file written" test ! -e "$T/dep.d"
check "-MD dropped: analysed" status_is 0

last="vtasklint --extra-arg (no value)"
run --extra-arg
check "a missing value is an error" err_has "option '--extra-arg' needs a value"
check "exit 2" status_is 2

finish
