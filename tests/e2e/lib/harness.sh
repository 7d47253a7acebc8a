# harness.sh: what every end-to-end script shares. Sourced, not run (ctest runs only the *.sh
# files directly in tests/e2e/). A script calls `. "$(dirname "$0")/lib/harness.sh" "$@"` and
# then: `last=...` (the command as shown on failure), `run ARGS...`, `check NAME PREDICATE...`,
# and `finish` at the end, which prints "N passed, M failed" and sets the exit status.
set -u
VTL=$1
ROOT=$2
# Some checks run from another directory: make the paths absolute.
case $VTL in /*) ;; */*) VTL="$(pwd)/$VTL" ;; esac
case $ROOT in /*) ;; *) ROOT="$(cd "$ROOT" && pwd)" ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
INC="-I$ROOT/testdata/include"
passed=0
failed=0
last=""
rc=0

# write_double_await FILE [MACRO]: a unit whose twice() awaits one vtask twice (a finding at
# line 6, or at line 7 inside `#ifdef MACRO` when MACRO is given, so that a finding proves the
# unit got its -D).
write_double_await() {
  {
    printf '#include <vtask.h>\nvtask_t read_async(int fd);\n'
    [ -n "${2:-}" ] && printf '#ifdef %s\n' "$2"
    printf 'void twice(int fd) {\n  vtask_t t = read_async(fd);\n  vtask_await(t);\n  vtask_await(t);\n}\n'
    [ -n "${2:-}" ] && printf '#endif\n'
  } >"$1"
}

# run ARGS...: runs vtasklint; stdout in $T/out, stderr in $T/err, the exit status in $rc.
run() {
  "$VTL" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}

# run_in DIR ARGS...: the same, from inside DIR.
run_in() {
  dir=$1
  shift
  (cd "$dir" && exec "$VTL" "$@") >"$T/out" 2>"$T/err"
  rc=$?
}

# run_stdin INPUT ARGS...: the same, with INPUT on standard input.
run_stdin() {
  input=$1
  shift
  "$VTL" "$@" <"$input" >"$T/out" 2>"$T/err"
  rc=$?
}

# check NAME COMMAND...: one expectation about the last run; a failure shows what the tool said.
check() {
  name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
    echo "  command: $last"
    echo "  exit status: $rc"
    sed 's/^/  stdout: /' "$T/out" | head -40
    sed 's/^/  stderr: /' "$T/err" | head -20
  fi
}

# Predicates over the last run (extended regular expressions).
status_is() { [ "$rc" -eq "$1" ]; }
out_has() { grep -q -E -- "$1" "$T/out"; }
out_lacks() { ! grep -q -E -- "$1" "$T/out"; }
out_count() { [ "$(grep -c -E -- "$1" "$T/out")" -eq "$2" ]; }
out_empty() { [ ! -s "$T/out" ]; }
err_has() { grep -q -E -- "$1" "$T/err"; }
err_lacks() { ! grep -q -E -- "$1" "$T/err"; }
err_count() { [ "$(grep -c -E -- "$1" "$T/err")" -eq "$2" ]; }
err_lines() { [ "$(wc -l <"$T/err")" -eq "$1" ]; }
err_empty() { [ ! -s "$T/err" ]; }

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
