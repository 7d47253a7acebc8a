#!/bin/sh
# big_database.sh: a compilation database of 80,000 entries is read in linear time (issue 12,
# item 4: de-duplicating entries compared every pair, 52 s even when one file was named). The
# run must give the entry's own command (the -D it needs). How long it takes is not asserted
# here (a timed test fails on a loaded machine: this one did, at 10 s); it takes under 1 s, the
# quadratic version 27 s, and ctest's timeout catches a regression of that size as a hang.
# Usage: sh big_database.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

P="$T/big"
mkdir -p "$P/src"
write_double_await "$P/src/u.c" MINE
awk -v d="$P" -v inc="$ROOT/testdata/include" 'BEGIN {
  printf "[";
  for (i = 0; i < 80000; i++)
    printf "%s{\"directory\":\"%s\",\"file\":\"src/f%d.c\",\"arguments\":[\"cc\",\"-c\",\"src/f%d.c\"]}", (i ? "," : ""), d, i, i;
  printf ",{\"directory\":\"%s\",\"file\":\"src/u.c\",\"arguments\":[\"cc\",\"-DMINE\",\"-I%s\",\"-c\",\"src/u.c\"]}", d, inc;
  printf ",{\"directory\":\"%s\",\"file\":\"src/u.c\",\"arguments\":[\"cc\",\"-I%s\",\"-c\",\"src/u.c\"]}]\n", d, inc;
}' >"$P/compile_commands.json"

last="vtasklint -p big big/src/u.c (80,002 entries)"
run -p "$P" "$P/src/u.c" --no-cache
check "80k entries: exit 1" status_is 1
check "80k entries: the entry's own command (-DMINE, the first of two duplicates)" out_has "u\\.c:7:3: warning: .*\\[vtask-double-await\\]"

finish
