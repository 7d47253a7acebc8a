#!/bin/sh
# workers.sh: units run in reused worker processes. A worker that dies (here: made to crash on
# one unit through a test hook) costs only its unit, the others are still reported; workers
# that retire after a number of units (shortened by a hook) are replaced; -j1 and -j2 print the
# same bytes whatever the workers did.
. "$(dirname "$0")/lib/harness.sh" "$@"

mkdir -p "$T/src"
i=1
while [ $i -le 9 ]; do
  cat >"$T/src/u$i.c" <<EOT
#include <vtask.h>
vtask_t read_async(int fd);
void f$i(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOT
  i=$((i + 1))
done

last="vtasklint -j1 src (reference)"
run --no-cache -j1 "$T/src" -- -std=c17 "$INC"
cp "$T/out" "$T/ref"
check "reference: exit 1" status_is 1
check "reference: nine findings" out_count 'warning: .*\[vtask-double-await\]' 9

last="VTASKLINT_TEST_WORKER_UNITS=2 vtasklint -j2 src"
export VTASKLINT_TEST_WORKER_UNITS=2
run --no-cache -j2 "$T/src" -- -std=c17 "$INC"
unset VTASKLINT_TEST_WORKER_UNITS
check "short-lived workers: exit 1" status_is 1
check "short-lived workers: same output as -j1" cmp -s "$T/out" "$T/ref"
check "short-lived workers: no error line" err_count 'vtasklint: error' 0

last="VTASKLINT_TEST_CRASH=u4.c vtasklint -j2 src"
export VTASKLINT_TEST_CRASH=u4.c
run --no-cache -j2 "$T/src" -- -std=c17 "$INC"
unset VTASKLINT_TEST_CRASH
check "crashing worker: exit 2" status_is 2
check "crashing worker: one error line naming the unit" err_count "cannot analyse '.*u4\\.c': the analysis crashed \\(signal [0-9]+" 1
check "crashing worker: the other eight units reported" out_count 'warning: .*\[vtask-double-await\]' 8
check "crashing worker: u4.c has no finding" out_lacks 'u4\.c:'

last="VTASKLINT_TEST_CRASH=u4.c vtasklint -j1 src"
export VTASKLINT_TEST_CRASH=u4.c
run --no-cache -j1 "$T/src" -- -std=c17 "$INC"
unset VTASKLINT_TEST_CRASH
check "crashing worker, -j1: exit 2" status_is 2
check "crashing worker, -j1: the units after it still reported" out_has 'u9\.c:6:3: warning'

finish
