#!/bin/sh
# multi_entry.sh: a file with several compile_commands.json entries is analysed once per
# distinct command, as clang-tidy analyses each entry: a bug behind a macro only a later entry
# defines is found; entries that reach libclang identically (they differ only in -o) are one
# unit; a finding every command sees is reported once.
# Usage: sh multi_entry.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
mkdir -p "$P"
{
  printf '#include <vtask.h>\nvtask_t read_async(int fd);\n'
  printf 'void always(int fd) {\n  vtask_t t = read_async(fd);\n  vtask_await(t);\n  vtask_await(t);\n}\n'
  printf '#ifdef SHARED_BUILD\nvoid only_shared(int fd) {\n  vtask_t t = read_async(fd);\n  vtask_await(t);\n  vtask_await(t);\n}\n#endif\n'
} >"$P/u.c"
entry() { printf '{"directory": "%s", "file": "u.c", "arguments": ["cc", "-std=c17", "%s"%s, "-c", "u.c", "-o", "%s"]}' "$P" "$INC" "$1" "$2"; }
{
  echo "["
  entry "" static/u.o; echo ","
  entry "" static2/u.o; echo ","          # the same command but for -o: one unit
  entry ', "-DSHARED_BUILD"' shared/u.o   # a later entry defines the macro
  echo "]"
} >"$P/compile_commands.json"
ALWAYS='u\.c:6:3: warning: .*\[vtask-double-await\]'
SHARED='u\.c:12:3: warning: .*\[vtask-double-await\]'

last="vtasklint -p proj --stats"
run --no-cache -p "$P" --stats
check "the later entry's finding" out_has "$SHARED"
check "the common finding once" out_count "$ALWAYS" 1
check "two units (the -o twin is one)" err_has '^vtasklint: stats: 2 units,'
check "summary counts each finding once" err_has '^2 warnings and 0 errors generated\.$'

last="vtasklint -p proj u.c"
run --no-cache -p "$P" "$P/u.c" --stats
check "FILE: every entry too" out_has "$SHARED"
check "FILE: the common finding once" out_count "$ALWAYS" 1
check "FILE: two units" err_has '^vtasklint: stats: 2 units,'

last="vtasklint -p proj -j2 and -j1: the same bytes"
run --no-cache -p "$P" -j1
cp "$T/out" "$T/j1"
run --no-cache -p "$P" -j2
check "-j1 and -j2 agree" cmp -s "$T/j1" "$T/out"

finish
