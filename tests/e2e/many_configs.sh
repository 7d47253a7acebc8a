#!/bin/sh
# many_configs.sh: a run that meets many distinct configurations (issue 12, item 1). Twenty
# directories, each with its own .vtasklint.yaml, alternately disabling every rule and enabling
# only vtask-double-await, plus one directory without a file: every unit must run with its own
# directory's configuration (settings.c once grew its array of entries while jobs pointed into
# it: a use-after-free, findings from directories whose configuration disables every rule,
# missing findings elsewhere). Run under AddressSanitizer by `tools/setup.sh sanitize`.
# Usage: sh many_configs.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

P="$T/proj"
mkdir -p "$P/none"
cat >"$P/none/u.c" <<'SRC'
#include <vtask.h>
vtask_t read_async(int fd);
void drop(int fd) {
  read_async(fd);
}
void twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
SRC
i=0
while [ $i -lt 20 ]; do
  mkdir -p "$P/d$i"
  cp "$P/none/u.c" "$P/d$i/u.c"
  if [ $((i % 2)) -eq 0 ]; then
    printf "Checks: '-*'\n# %s\n" "$i" >"$P/d$i/.vtasklint.yaml"
  else
    printf "Checks: '-*,vtask-double-await'\n# %s\n" "$i" >"$P/d$i/.vtasklint.yaml"
  fi
  i=$((i + 1))
done

for j in 1 3; do
  last="vtasklint -j$j --no-cache proj/ -- -std=c17 -I..."
  run -j$j --no-cache "$P" -- -std=c17 "$INC"
  check "-j$j: exit 1 (findings)" status_is 1
  check "-j$j: no tool error" err_lacks "vtasklint: error|AddressSanitizer|runtime error|LeakSanitizer"
  check "-j$j: the directory without a file has both findings" out_count "/none/u\\.c:[0-9]+:[0-9]+: warning" 2
  check "-j$j: ten double-await findings from the odd directories" out_count "/d[0-9]*[13579]/u\\.c:9:.*\\[vtask-double-await\\]" 10
  check "-j$j: nothing from the even directories (every rule disabled)" out_lacks "/d[0-9]*[02468]/u\\.c:"
  check "-j$j: no vtask-discarded where only vtask-double-await is enabled" out_count "vtask-discarded" 1
done

# The cache key reads the unit's configuration too.
last="vtasklint --cache-dir=C proj/ (twice)"
run --cache-dir="$T/cache" "$P" -- -std=c17 "$INC"
cp "$T/out" "$T/cold"
run --cache-dir="$T/cache" "$P" -- -std=c17 "$INC"
check "cache: warm run exit 1" status_is 1
check "cache: warm run same findings" cmp -s "$T/out" "$T/cold"
check "cache: ten double-await findings" out_count "\\[vtask-double-await\\]" 11

finish
