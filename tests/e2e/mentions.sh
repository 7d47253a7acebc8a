#!/bin/sh
# mentions.sh: the C functions vtasklint spares (flow/mentions.h: their text spells nothing a
# vtask can be held by) never include one that holds a vtask, in the cases a fixture cannot
# show: a body whose text is in another file, and a worker's index kept across units whose
# preprocessing differs.
. "$(dirname "$0")/lib/harness.sh" "$@"

# ---- 1. an #include inside a body: the included text decides ----
mkdir -p "$T/inc"
cat >"$T/inc/body.inc" <<'SRC'
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
SRC
cat >"$T/inc/plain.inc" <<'SRC'
  fd++;
SRC
cat >"$T/inc/decls.h" <<'SRC'
#include <vtask.h>
vtask_t read_async(int fd);
SRC
# main.c itself spells nothing of the model's, so only the included text can tell.
cat >"$T/inc/main.c" <<'SRC'
#include "decls.h"
void included_body(int fd) {
#include "body.inc"
}
void included_plain(int fd) {
#include "plain.inc"
}
SRC
last="vtasklint inc/main.c (its function's body is #included)"
run "$T/inc/main.c" --no-cache -- "$INC"
check "body in an included file: exit 1" status_is 1
check "body in an included file: its double await found" out_has "body\\.inc:3:3: warning: .*\\[vtask-double-await\\]"
check "body in an included file: nothing else" out_count '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' 1

# ---- 2. one worker, two units: a header's declaration is active in the second only ----
# The worker keeps what it learnt of the header from the first unit, where the alias sat in
# code the preprocessor left out (and job_any's declaration was met); the second unit must
# still learn it.
mkdir -p "$T/two"
cat >"$T/two/jobs.h" <<'SRC'
#include <vtask.h>
vtask_t job_any(void);
#ifdef WITH_JOBS
typedef vtask_t job_t;
job_t job_start(int n);
#endif
SRC
cat >"$T/two/a.c" <<'SRC'
#include "jobs.h"
int first(int x) { return x; }
SRC
cat >"$T/two/b.c" <<'SRC'
#include "jobs.h"
void second(int n) {
  job_start(n);
}
SRC
cat >"$T/two/compile_commands.json" <<SRC
[
  {"directory": "$T/two", "file": "a.c", "arguments": ["cc", "-c", "$INC", "a.c"]},
  {"directory": "$T/two", "file": "b.c", "arguments": ["cc", "-c", "$INC", "-DWITH_JOBS", "b.c"]}
]
SRC
last="vtasklint -j1 -p two (a.c without WITH_JOBS, then b.c with it)"
run -j1 --no-cache -p "$T/two"
check "second unit: exit 1" status_is 1
check "second unit: the alias's call is found dropped" out_has "b\\.c:3:3: warning: .*\\[vtask-discarded\\]"
check "second unit: one finding" out_count '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' 1

# ---- 3. one worker, a generic header: a macro names what it declares ----
# h.h declares TASKNAME, which each includer defines: what a walk found in it for a.c (ta)
# does not hold for b.c (tb), though the text is the same.
mkdir -p "$T/gen"
printf 'typedef int job_t __attribute__((annotate("vtask::single_use")));\ntypedef job_t TASKNAME;\n' >"$T/gen/h.h"
printf '#define TASKNAME ta\n#include "h.h"\n#include "h.h"\nta mka(int);\nvoid fa(void) { mka(1); }\n' >"$T/gen/a.c"
printf '#define TASKNAME tb\n#include "h.h"\ntb mkb(int);\nvoid fb(void) { mkb(1); }\n' >"$T/gen/b.c"
last="vtasklint -j1 gen/a.c gen/b.c (a header whose typedef's name is a macro)"
run -j1 --no-cache "$T/gen/a.c" "$T/gen/b.c" -- -std=c17
check "generic header: a.c's finding" out_has "a\\.c:5:17: warning: .*\\[vtask-discarded\\]"
check "generic header: b.c's finding" out_has "b\\.c:4:17: warning: .*\\[vtask-discarded\\]"

finish
