#!/bin/sh
# Pathological nesting that clang accepts must be analysed, not crash: 6000 nested ifs (libclang's
# own 8 MiB parse thread overflows on it), an else-if chain of 5000, a sum of 50000 terms, a
# nested conditional 6000 deep, and an && chain of 20000. Each function also hides one real
# double await, which must still be found.
set -u
VTL=$1
ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
awk 'BEGIN {
  print "#include <vtask.h>";
  print "vtask_t read_async(int);";
  printf "int nested(int x) { vtask_t t = read_async(x); vtask_await(t);";
  for (i = 0; i < 6000; i++) printf " if (x > %d)", i;
  print " x++; vtask_await(t); return x; }";
  printf "int chain(int x) { vtask_t t = read_async(x); if (x == 0) vtask_await(t);";
  for (i = 1; i < 5000; i++) printf " else if (x == %d) x++;", i;
  print " vtask_await(t); return x; }";
  printf "int sum(int x) { vtask_t t = read_async(x); vtask_await(t); return vtask_await(t) != 0";
  for (i = 0; i < 50000; i++) printf " + x * %d", i;
  print "; }";
  printf "int cond(int x) { vtask_t t = read_async(x); vtask_await(t); vtask_await(t); return ";
  for (i = 0; i < 6000; i++) printf "x == %d ? %d : ", i, i;
  print "0; }";
  printf "int land(int x) { vtask_t t = read_async(x); vtask_await(t); vtask_await(t); return x";
  for (i = 0; i < 20000; i++) printf " && x > %d", i;
  print "; }";
}' > "$T/deep.c"
out=$("$VTL" "$T/deep.c" -- -std=c17 "-I$ROOT/testdata/include" 2>"$T/err")
rc=$?
n=$(printf '%s\n' "$out" | grep -c 'warning: .*\[vtask-double-await\]')
if [ "$rc" -eq 1 ] && [ "$n" -eq 5 ]; then
  echo "1 passed, 0 failed"
  exit 0
fi
echo "deep nesting: exit $rc, $n of 5 double awaits found"
cat "$T/err"
printf '%s\n' "$out" | cut -c1-200 | head -40
echo "0 passed, 1 failed"
exit 1
