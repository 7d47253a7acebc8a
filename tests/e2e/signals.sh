#!/bin/sh
# signals.sh: workers never outlive vtasklint (issue 12, item 5) and a process limit costs
# workers, not units (item 6). SIGTERM, SIGINT and SIGHUP to vtasklint while a worker is busy
# on a hanging unit kill and reap that worker, print the finished units' findings as a whole
# document and end with the signal; kill -9 of vtasklint takes its workers with it
# (PR_SET_PDEATHSIG). When fork fails for some worker slots (VTASKLINT_TEST_FORK_LIMIT, a test
# hook), the run continues with the workers it has and says so once.
# Usage: sh signals.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

D="$T/src"
mkdir -p "$D"
printf '#pragma clang __debug overflow_stack\nint y;\n' >"$D/hang.c"
cat >"$D/good.c" <<'SRC'
#include <vtask.h>
vtask_t read_async(int fd);
void twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
SRC

# workers_of PID: the pids of PID's children.
workers_of() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' '; }
# wait_busy PID: until PID has two workers and has been running a second (good.c done).
wait_busy() {
  i=0
  while [ $i -lt 100 ]; do
    [ "$(workers_of "$1" | wc -l)" -ge 1 ] && [ $i -ge 20 ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
alive() { for p in $1; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
gone_within() { # PIDS SECONDS
  i=0
  while [ $i -lt $(($2 * 10)) ]; do
    alive "$1" || return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

for sig in TERM INT HUP KILL; do
  last="vtasklint -j2 --timeout=0 --format=json hang.c good.c, then kill -$sig"
  env --default-signal "$VTL" -j2 --timeout=0 --no-cache --format=json "$D/good.c" "$D/hang.c" -- -std=c17 "$INC" \
    >"$T/out" 2>"$T/err" &
  vpid=$!
  wait_busy "$vpid"
  ws=$(workers_of "$vpid")
  check "SIG$sig: a worker was busy" [ -n "$ws" ]
  kill -s "$sig" "$vpid"
  wait "$vpid"
  rc=$?
  check "SIG$sig: vtasklint ended by the signal" [ "$rc" -gt 128 ]
  check "SIG$sig: its workers are gone within 5 s" gone_within "$ws" 5
  if [ "$sig" != KILL ]; then
    check "SIG$sig: one line saying so" err_has "^vtasklint: error: interrupted by signal"
    check "SIG$sig: no 'crashed' lines for the killed workers" err_lacks "crashed"
    well_formed() { python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" 2>/dev/null || grep -q '^\[' "$T/out"; }
    check "SIG$sig: the output is a whole JSON document" well_formed
    check "SIG$sig: the finished unit's finding is in it" out_has "vtask-double-await"
  fi
  for p in $ws; do kill -9 "$p" 2>/dev/null; done
done

# ---- fork failures ----
i=0
while [ $i -lt 6 ]; do
  cp "$D/good.c" "$D/g$i.c"
  i=$((i + 1))
done
last="VTASKLINT_TEST_FORK_LIMIT=1 vtasklint -j3 g0.c ... g5.c"
export VTASKLINT_TEST_FORK_LIMIT=1
run -j3 --no-cache "$D"/g?.c -- -std=c17 "$INC"
check "fork limit: exit 1 (findings, no unit failed)" status_is 1
check "fork limit: every unit analysed" out_count "\\[vtask-double-await\\]" 6
check "fork limit: said once" err_count "warning: cannot start another worker process" 1
check "fork limit: no unit failed" err_lacks "cannot analyse"

last="VTASKLINT_TEST_FORK_LIMIT=0 vtasklint -j2 g0.c g1.c (no worker at all)"
export VTASKLINT_TEST_FORK_LIMIT=0
run -j2 --no-cache "$D/g0.c" "$D/g1.c" -- -std=c17 "$INC"
check "no worker at all: exit 2" status_is 2
check "no worker at all: each unit says why" err_count "cannot analyse .*cannot start a worker process" 2
unset VTASKLINT_TEST_FORK_LIMIT

# A real process limit (RLIMIT_NPROC, which counts threads too), as nobody, when possible.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && command -v prlimit >/dev/null &&
  id nobody >/dev/null 2>&1 && [ -z "$(ps -o pid= -u nobody 2>/dev/null)" ] &&
  ! grep -q __asan_init "$VTL" 2>/dev/null; then # LeakSanitizer needs a thread of its own at exit
  # nobody may not reach the checkout (a clone in a 0700 `mktemp -d` directory): the binary and
  # the headers are copied where it can.
  cp "$VTL" "$T/vtasklint-nobody"
  cp -r "$ROOT/testdata/include" "$T/inc-nobody"
  chmod 0755 "$T"
  chmod -R a+rX "$D" "$T/inc-nobody" "$T/vtasklint-nobody"
  last="(as nobody, prlimit --nproc=3) vtasklint -j4 g0.c ... g5.c"
  (cd "$D" && exec setpriv --reuid=nobody --regid=nogroup --clear-groups prlimit --nproc=3 \
    "$T/vtasklint-nobody" -j4 --no-cache g0.c g1.c g2.c g3.c g4.c g5.c -- -std=c17 "-I$T/inc-nobody") >"$T/out" 2>"$T/err"
  rc=$?
  chmod 0700 "$T"
  check "RLIMIT_NPROC: exit 1 (no unit failed)" status_is 1
  check "RLIMIT_NPROC: every unit analysed" out_count "\\[vtask-double-await\\]" 6
  check "RLIMIT_NPROC: said once" err_count "warning: cannot start another worker process" 1
fi

finish
