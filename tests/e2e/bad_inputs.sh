#!/bin/sh
# bad_inputs.sh: the input classes of docs/robustness.md's table that no other script covers:
# a missing file, an empty one, a binary one, one that is not UTF-8, a FIFO, a device, a symlink
# loop inside a tree, a large generated file. Each gets its one line (or its findings), the
# documented exit status, and never a hang.
# Usage: sh bad_inputs.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

D="$T/in"
mkdir -p "$D"
cd "$D" || exit 1
trun() { timeout 120 "$VTL" "$@" >"$T/out" 2>"$T/err"; rc=$?; }

last="vtasklint missing.c"
trun missing.c -- "$INC"
check "missing: exit 2" status_is 2
check "missing: one line naming it" err_has "^vtasklint: error: cannot read 'missing\\.c': No such file or directory$"

: >empty.c
last="vtasklint empty.c"
trun empty.c -- "$INC"
check "empty: exit 0, nothing said" status_is 0
check "empty: no output" out_empty

head -c 4000 /bin/sh >binary.c
last="vtasklint binary.c"
trun binary.c -- "$INC"
check "binary: finishes with clang's errors as findings (exit 1)" status_is 1
check "binary: reported as clang-diagnostic-error" out_has "binary\\.c:[0-9]+:[0-9]+: error: .*\\[clang-diagnostic-error\\]"
check "binary: no raw control byte reaches the terminal" sh -c "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$T/out'"

printf '/* caf\351 */\n#include <vtask.h>\nvtask_t r(int);\nvoid f(void) { vtask_t t = r(0); vtask_await(t); vtask_await(t); /* \377 */ }\n' >latin1.c
last="vtasklint latin1.c"
trun latin1.c -- "$INC"
check "not UTF-8: the finding" out_has "latin1\\.c:4:50: warning: .*\\[vtask-double-await\\]"
check "not UTF-8: the bad byte shown as <FF>" out_has "/\\* <FF> \\*/"

mkfifo fifo.c
last="vtasklint fifo.c"
trun fifo.c -- "$INC"
check "FIFO: exit 2, no hang" status_is 2
check "FIFO: one line" err_has "^vtasklint: error: cannot read 'fifo\\.c': not a regular file$"
rm -f fifo.c

last="vtasklint /dev/zero"
trun /dev/zero -- "$INC"
check "device: exit 2, no hang" status_is 2
check "device: one line" err_has "^vtasklint: error: cannot read '/dev/zero': not a regular file$"

mkdir -p tree/sub
cp latin1.c tree/sub/a.c
ln -s .. tree/sub/up
ln -s . tree/self
last="vtasklint tree (symlink loops inside it)"
trun tree -- "$INC"
check "symlink loop: the file once" out_count "a\\.c:4:50: warning" 1
check "symlink loop: exit 1" status_is 1

awk 'BEGIN { print "#include <vtask.h>"; print "vtask_t r(int);";
  for (i = 0; i < 20000; i++) printf "void f%d(void) { vtask_t t = r(%d); vtask_await(t); vtask_await(t); }\n", i, i }' >big.c
last="vtasklint big.c (20,000 functions, 1.5 MB)"
trun big.c --no-cache -- "$INC"
check "large file: exit 1" status_is 1
check "large file: every finding" out_count "^big\\.c:[0-9]+:[0-9]+: warning: .*\\[vtask-double-await\\]" 20000

# A UTF-16 file: clang stops before the first token with an error that has no location. It
# used to be dropped with the driver's noise, and the file was reported clean with exit 0.
printf '\377\376' >utf16.c
printf '#include <vtask.h>\nvtask_t r(int);\nvoid f(void) { vtask_t t = r(1); vtask_await(t); vtask_await(t); }\n' |
  iconv -f UTF-8 -t UTF-16LE >>utf16.c
last="vtasklint utf16.c latin1.c (a UTF-16 file beside a good one)"
trun utf16.c latin1.c --no-cache -- "$INC"
check "UTF-16: clang's reason at the file's start" out_has "^utf16\\.c:1:1: error: UTF-16 \\(LE\\) byte order mark detected.*\\[clang-diagnostic-error\\]"
check "UTF-16: said once" out_count "^utf16\\.c:" 1
check "UTF-16: the good file's finding stays" out_has "^latin1\\.c:4:50: warning"
check "UTF-16: not clean" status_is 1

finish
