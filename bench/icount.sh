#!/bin/sh
# icount.sh OUTDIR CMD...: the instructions CMD executes, with every process it forks, counted
# by valgrind's callgrind (the same count on a loaded machine as on an idle one), printed as
# one number; the profiles stay in OUTDIR (cg.PID), for callgrind_annotate.
#
# A forked child's profile starts with everything its parent executed before fork(): summed
# as they are, the profiles of vtasklint and its workers count the parent's start (dynamic
# linking, the compilation database) once more per worker. So a process's costs are zeroed at
# its first call of prctl, which a worker makes first thing (worker_main in driver/pool.c) and
# vtasklint's parent does not (its profile shows no call); the parse floor, which forks
# nothing, is counted whole.
#   sh bench/icount.sh /tmp/cg-floor build/bench/vtl_parse_floor BUILD_DIR
#   sh bench/icount.sh /tmp/cg-vtl build/vtasklint -j1 --no-cache --no-pch -p BUILD_DIR
set -eu
[ $# -ge 2 ] || { echo "usage: icount.sh OUTDIR CMD..." >&2; exit 2; }
command -v valgrind >/dev/null || { echo "icount.sh: valgrind is not installed" >&2; exit 2; }
d=$1
shift
rm -rf "$d"
mkdir -p "$d"
valgrind --tool=callgrind --trace-children=yes --zero-before=prctl \
  --callgrind-out-file="$d/cg.%p" "$@" >/dev/null 2>"$d/log" || true
tot=0
for f in "$d"/cg.*; do
  n=$(sed -n 's/^summary: //p' "$f" | head -n 1)
  [ -n "$n" ] && tot=$((tot + n))
done
echo "$tot"
