#!/bin/sh
# config_cli.sh: issue 14, item 10: --header-filter on the command line (replacing the
# configuration's HeaderFilter, with its guards), the progress line counting what the summary
# counts, and libclang's own stderr kept out of the output (a compile_commands.json that is a
# FIFO used to block forever inside libclang).
# Usage: sh config_cli.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
mkdir -p "$P/src" "$P/include" "$P/third"
cat >"$P/include/shared.h" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
static inline void shared_twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOF
sed 's/shared_twice/third_twice/' "$P/include/shared.h" >"$P/third/lib.h"
for i in 1 2 3; do
  printf '#include "shared.h"\n#include "lib.h"\nvoid own_%s(int fd) {\n  vtask_t t = read_async(fd);\n  vtask_await(t);\n  vtask_await(t);\n}\n' "$i" >"$P/src/u$i.c"
done
ARGS="-std=c17 -I$P/include -I$P/third $INC"
HDR='include/shared\.h:6:3: warning: .*\[vtask-double-await\]'
THIRD='third/lib\.h:[0-9]+:3: warning: .*\[vtask-double-await\]'

# ---- --header-filter ----
printf "HeaderFilter: 'third/'\n" >"$P/.vtasklint.yaml"
last="vtasklint src/u1.c (HeaderFilter: third/)"
run --no-cache "$P/src/u1.c" -- $ARGS
check "the file's filter" out_has "$THIRD"
check "the file's filter hides include/" out_lacks "$HDR"
last="vtasklint --header-filter=include/ src/u1.c"
run --no-cache --header-filter=include/ "$P/src/u1.c" -- $ARGS
check "--header-filter replaces it" out_has "$HDR"
check "--header-filter: third/ hidden" out_lacks "$THIRD"
last="vtasklint --header-filter include/ --dump-config src/u1.c"
run --header-filter include/ --dump-config "$P/src/u1.c"
check "--dump-config shows it" out_has "^HeaderFilter: 'include/'\$"
last="vtasklint --header-filter='i++++' (the config's guards)"
run --header-filter='i++++' "$P/src/u1.c" -- $ARGS
check "a risky pattern is refused" err_has "^vtasklint: error: --header-filter: 'i\\+\\+\\+\\+' is refused: it repeats a repetition"
check "refused: exit 2" status_is 2
check "refused: nothing analysed" out_empty
last="vtasklint --header-filter='(' (invalid)"
run --header-filter='(' "$P/src/u1.c" -- $ARGS
check "an invalid pattern is refused" err_has "^vtasklint: error: --header-filter: '\\(' is not a valid extended regular expression"
rm "$P/.vtasklint.yaml"

# ---- the progress line counts what the summary counts ----
last="vtasklint --progress=always -j1 src/u*.c (three units share two headers' findings)"
run --no-cache --progress=always -j1 "$P"/src/u1.c "$P"/src/u2.c "$P"/src/u3.c -- $ARGS
check "summary: 5 warnings" err_has '5 warnings and 0 errors generated\.'
check "progress ends at 5 findings" err_has '\[3/3\] 5 findings'
check "progress never over-counts" err_lacks '\[3/3\] (6|7|8|9) findings'

# ---- libclang's stderr ----
mkdir -p "$T/fifo/sub"
mkfifo "$T/fifo/compile_commands.json"
cp "$P/src/u1.c" "$T/fifo/sub/"
last="vtasklint -p fifo (a FIFO named compile_commands.json)"
run_t() { timeout 20 "$VTL" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
run_t --no-cache -p "$T/fifo" "$T/fifo/sub/u1.c"
check "-p FIFO: no hang, exit 2" status_is 2
check "-p FIFO: one line of ours" err_has "^vtasklint: error: [^ ]*compile_commands\\.json: cannot read the compilation database: not a regular file\$"
last="vtasklint fifo/sub/u1.c (found upward: skipped)"
run_t --no-cache "$T/fifo/sub/u1.c"
check "upward FIFO: no hang" test "$rc" -ne 124
check "upward FIFO: said" err_has "compile_commands\\.json' is not a regular file; ignored"
for bad in '' '{}' '[1]' '[{"file": "a.c"}]' 'not json'; do
  mkdir -p "$T/bad"
  printf '%s' "$bad" >"$T/bad/compile_commands.json"
  last="vtasklint -p bad ('$bad')"
  run_t --no-cache -p "$T/bad" "$P/src/u1.c"
  check "'$bad': no libclang line" err_lacks 'LIBCLANG|TOOLING|json-compilation-database'
  check "'$bad': at most one error line" test "$(grep -c 'error' "$T/err")" -le 2
done

finish
