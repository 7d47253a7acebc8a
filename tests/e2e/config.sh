#!/bin/sh
# config.sh: the .vtasklint.yaml configuration file (spec section 4b, analyzer/driver/config.h)
# as a user meets it: Checks from the nearest file (a subdirectory's own file replaces its
# parent's), --config overriding the search, --checks appended after the file's list,
# WarningsAsErrors, HeaderFilter, one-line errors for a malformed file, warnings for unknown
# keys, --dump-config reading back to the same dump, Awaitables declaring the user's own C type,
# and Profiles switching a library off or tuning its double-await rule.
# Each check prints nothing when it passes; a failing one prints what the tool said.
# Usage: sh config.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"


# re TEXT: TEXT with the extended-regex metacharacters escaped.
re() { printf '%s\n' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'; }

# A finding of RULE at FILE:LINE (any column), as a warning or as SEV.
at() { echo "(^|/)$(re "$1"):$2:[0-9]+: ${4:-warning}: .*\\[$3\\]\$"; }

# ---- inputs ----

# Two rules' findings in one file: a discarded vtask (line 4) and a double await (line 9).
cat >"$T/two_rules.c" <<'EOF'
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
EOF

# ---- 1. Checks from the nearest .vtasklint.yaml ----

D="$T/proj"
mkdir -p "$D/lib" "$D/app/deep"
cp "$T/two_rules.c" "$D/top.c"
cp "$T/two_rules.c" "$D/lib/lib.c"
cp "$T/two_rules.c" "$D/app/app.c"
cp "$T/two_rules.c" "$D/app/deep/deep.c"
cp "$T/two_rules.c" "$T/outside.c"
printf "Checks: '*,-vtask-discarded'\n" >"$D/.vtasklint.yaml"
# app/ has its own file: it replaces proj/'s for everything below app/.
printf "Checks: '*,-vtask-double-await'\n" >"$D/app/.vtasklint.yaml"

last="vtasklint proj/top.c proj/lib/lib.c proj/app/app.c proj/app/deep/deep.c outside.c -- -std=c17 -I..."
run "$D/top.c" "$D/lib/lib.c" "$D/app/app.c" "$D/app/deep/deep.c" "$T/outside.c" -- -std=c17 "$INC"
check "Checks: exit 1" status_is 1
check "Checks: proj/top.c, vtask-discarded silenced" out_lacks "$(at "$D/top.c" 4 vtask-discarded)"
check "Checks: proj/top.c, vtask-double-await kept" out_has "$(at "$D/top.c" 9 vtask-double-await)"
check "Checks: proj/lib/lib.c (parent's file), vtask-discarded silenced" out_lacks "$(at "$D/lib/lib.c" 4 vtask-discarded)"
check "Checks: proj/lib/lib.c, vtask-double-await kept" out_has "$(at "$D/lib/lib.c" 9 vtask-double-await)"
check "Checks: proj/app/app.c (own file), vtask-double-await silenced" out_lacks "$(at "$D/app/app.c" 9 vtask-double-await)"
check "Checks: proj/app/app.c, the parent's list does not apply (vtask-discarded kept)" out_has "$(at "$D/app/app.c" 4 vtask-discarded)"
check "Checks: proj/app/deep/deep.c, app's file is the nearest" out_lacks "$(at "$D/app/deep/deep.c" 9 vtask-double-await)"
check "Checks: proj/app/deep/deep.c, vtask-discarded kept" out_has "$(at "$D/app/deep/deep.c" 4 vtask-discarded)"
check "Checks: a file outside the project, both rules" out_has "$(at "$T/outside.c" 4 vtask-discarded)"
check "Checks: a file outside the project, both rules (double await)" out_has "$(at "$T/outside.c" 9 vtask-double-await)"
check "Checks: exactly 6 findings" out_count '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' 6

# From inside the project, with a relative path.
last="cd proj && vtasklint top.c -- -std=c17 -I..."
run_in "$D" top.c -- -std=c17 "$INC"
check "Checks, relative path: vtask-discarded silenced" out_lacks "vtask-discarded"
check "Checks, relative path: vtask-double-await kept" out_has "^top\\.c:9:[0-9]+: warning: .*\\[vtask-double-await\\]\$"

# A file that disables everything it reports: exit 0.
mkdir -p "$T/quiet"
cp "$T/two_rules.c" "$T/quiet/q.c"
printf "Checks: '-*'\n" >"$T/quiet/.vtasklint.yaml"
last="vtasklint quiet/q.c (Checks: '-*') -- -std=c17 -I..."
run "$T/quiet/q.c" -- -std=c17 "$INC"
check "Checks '-*': exit 0" status_is 0
check "Checks '-*': nothing on stdout" out_empty

# ---- 2. --config overrides the search ----

printf "Checks: '-*,vtask-discarded'\n" >"$T/only_discarded.yaml"
last="vtasklint --config only_discarded.yaml proj/top.c proj/app/app.c -- -std=c17 -I..."
run --config "$T/only_discarded.yaml" "$D/top.c" "$D/app/app.c" -- -std=c17 "$INC"
check "--config: proj/top.c gets the given file (vtask-discarded on)" out_has "$(at "$D/top.c" 4 vtask-discarded)"
check "--config: proj/top.c gets the given file (vtask-double-await off)" out_lacks "$(at "$D/top.c" 9 vtask-double-await)"
check "--config: proj/app/app.c too, its own file is not read" out_has "$(at "$D/app/app.c" 4 vtask-discarded)"
check "--config: proj/app/app.c, vtask-double-await off" out_lacks "$(at "$D/app/app.c" 9 vtask-double-await)"

last="vtasklint --config=only_discarded.yaml proj/top.c -- -std=c17 -I..."
run --config="$T/only_discarded.yaml" "$D/top.c" -- -std=c17 "$INC"
check "--config=FILE: same effect" out_has "$(at "$D/top.c" 4 vtask-discarded)"
check "--config=FILE: vtask-double-await off" out_lacks "vtask-double-await"

last="vtasklint --config missing.yaml proj/top.c -- -std=c17 -I..."
run --config "$T/missing.yaml" "$D/top.c" -- -std=c17 "$INC"
check "--config of a missing file: exit 2" status_is 2
check "--config of a missing file: it is named" err_has "$(re "$T/missing.yaml")"

# ---- 3. --checks is appended after the file's Checks ----

last="vtasklint --checks=vtask-discarded proj/top.c -- -std=c17 -I..."
run --checks=vtask-discarded "$D/top.c" -- -std=c17 "$INC"
check "--checks after the file: vtask-discarded re-enabled" out_has "$(at "$D/top.c" 4 vtask-discarded)"
check "--checks after the file: vtask-double-await still on (file's '*')" out_has "$(at "$D/top.c" 9 vtask-double-await)"

last="vtasklint --checks=-vtask-double-await proj/top.c -- -std=c17 -I..."
run --checks=-vtask-double-await "$D/top.c" -- -std=c17 "$INC"
check "--checks after the file: both off, exit 0" status_is 0
check "--checks after the file: both off, nothing reported" out_empty

last="vtasklint --config only_discarded.yaml --checks=vtask-double-await proj/top.c -- -std=c17 -I..."
run --config "$T/only_discarded.yaml" --checks=vtask-double-await "$D/top.c" -- -std=c17 "$INC"
check "--checks after --config's file: vtask-double-await re-enabled" out_has "$(at "$D/top.c" 9 vtask-double-await)"
check "--checks after --config's file: vtask-discarded still on" out_has "$(at "$D/top.c" 4 vtask-discarded)"

# ---- 4. WarningsAsErrors ----

mkdir -p "$T/wae"
cp "$T/two_rules.c" "$T/wae/w.c"
printf "Checks: '*'\nWarningsAsErrors: 'vtask-double-await'\n" >"$T/wae/.vtasklint.yaml"
last="vtasklint wae/w.c -- -std=c17 -I..."
run "$T/wae/w.c" -- -std=c17 "$INC"
check "WarningsAsErrors: the double await is an error" out_has "$(at "$T/wae/w.c" 9 vtask-double-await error)"
check "WarningsAsErrors: not also a warning" out_lacks "$(at "$T/wae/w.c" 9 vtask-double-await)"
check "WarningsAsErrors: the other rule stays a warning" out_has "$(at "$T/wae/w.c" 4 vtask-discarded)"
check "WarningsAsErrors: exit 1" status_is 1

# ---- 5. HeaderFilter ----

H="$T/hf"
mkdir -p "$H/src" "$H/include" "$H/vendor"
for d in include vendor; do
  cat >"$H/$d/$d.h" <<EOF
#include <vtask.h>
vtask_t read_async(int fd);
static inline void ${d}_twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOF
done
cat >"$H/src/m.c" <<'EOF'
#include "../include/include.h"
#include "../vendor/vendor.h"
void twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOF
last="cd hf && vtasklint src/m.c -- -std=c17 -I... (no HeaderFilter)"
run_in "$H" src/m.c -- -std=c17 "$INC"
check "no HeaderFilter: include/include.h's finding" out_has "^include/include\\.h:6:[0-9]+: warning: "
check "no HeaderFilter: vendor/vendor.h's finding" out_has "^vendor/vendor\\.h:6:[0-9]+: warning: "

printf "HeaderFilter: '^(src|include)/'\n" >"$H/.vtasklint.yaml"
last="cd hf && vtasklint src/m.c -- -std=c17 -I... (HeaderFilter: '^(src|include)/')"
run_in "$H" src/m.c -- -std=c17 "$INC"
check "HeaderFilter: a header inside the filter is reported" out_has "^include/include\\.h:6:[0-9]+: warning: .*\\[vtask-double-await\\]\$"
check "HeaderFilter: a header outside it is not" out_lacks "vendor\\.h:[0-9]+:[0-9]+: warning"
check "HeaderFilter: the main file's finding stays" out_has "^src/m\\.c:6:[0-9]+: warning: .*\\[vtask-double-await\\]\$"
check "HeaderFilter: exit 1" status_is 1

printf "HeaderFilter: 'vendor'\n" >"$H/.vtasklint.yaml"
last="cd hf && vtasklint src/m.c -- -std=c17 -I... (HeaderFilter: 'vendor')"
run_in "$H" src/m.c -- -std=c17 "$INC"
check "HeaderFilter 'vendor': vendor.h reported" out_has "^vendor/vendor\\.h:6:[0-9]+: warning: "
check "HeaderFilter 'vendor': include.h not" out_lacks "include\\.h:[0-9]+:[0-9]+: warning"
check "HeaderFilter 'vendor': the main file's finding stays" out_has "^src/m\\.c:6:[0-9]+: warning: "

# ---- 6. malformed files ----

M="$T/bad"
mkdir -p "$M"
cp "$T/two_rules.c" "$M/m.c"
cp "$T/two_rules.c" "$M/n.c"
# malformed NAME LINE: the run on two files under a malformed .vtasklint.yaml; the error names
# the file at LINE.
malformed() {
  name=$1
  line=$2
  last="vtasklint -j2 bad/m.c bad/n.c -- -std=c17 -I... ($name)"
  run -j2 "$M/m.c" "$M/n.c" -- -std=c17 "$INC"
  check "$name: exit 2" status_is 2
  check "$name: exactly one line on stderr" err_lines 1
  check "$name: PATH:LINE:COL: error: naming the file" err_has "^$(re "$M/.vtasklint.yaml"):$line:[0-9]+: error: ."
  check "$name: nothing on stdout" out_empty
}

printf "Checks: [unclosed\n" >"$M/.vtasklint.yaml"
malformed "bad YAML (unclosed flow sequence)" "[12]"

printf "Checks: 'a'\n  - what\n" >"$M/.vtasklint.yaml"
malformed "bad YAML (a sequence inside a scalar)" "2"

printf "Checks: '*'\nProfiles: { cppcoro: { double-await: twice } }\n" >"$M/.vtasklint.yaml"
malformed "Profiles: { cppcoro: { double-await: twice } }" 2
check "double-await: twice: the bad value is named" err_has "twice"

printf "Profiles:\n  no-such-library: on\n" >"$M/.vtasklint.yaml"
malformed "an unknown profile" 2
check "unknown profile: named" err_has "no-such-library"

printf "Checks: [vtask-discarded]\n" >"$M/.vtasklint.yaml"
malformed "Checks given as a list" 1

printf "Awaitables:\n  - Type: 'job_t'\n    FieldsAllowed: maybe\n" >"$M/.vtasklint.yaml"
malformed "FieldsAllowed: maybe" 3

printf "Checks: [unclosed\n" >"$T/bad.yaml"
last="vtasklint --config bad.yaml proj/top.c -- -std=c17 -I..."
run --config "$T/bad.yaml" "$D/top.c" -- -std=c17 "$INC"
check "--config of a malformed file: exit 2" status_is 2
check "--config of a malformed file: exactly one line on stderr" err_lines 1
check "--config of a malformed file: PATH:LINE:COL: error:" err_has "$(re "$T/bad.yaml"):[0-9]+:[0-9]+: error: "

printf "Profiles: { cppcoro: { double-await: twice } }\n" >"$M/.vtasklint.yaml"
last="vtasklint --dump-config bad/m.c (malformed)"
run --dump-config "$M/m.c"
check "--dump-config of a malformed file: exit 2" status_is 2
check "--dump-config of a malformed file: PATH:LINE:COL: error:" err_has "^$(re "$M/.vtasklint.yaml"):1:[0-9]+: error: "

# ---- 7. unknown keys: a warning, the run goes on ----

printf "Checks: '*,-vtask-discarded'\nCheckz: 'typo'\nProfiles:\n  cppcoro: { double-await: error, colour: blue }\n" >"$M/.vtasklint.yaml"
last="vtasklint -j2 bad/m.c bad/n.c -- -std=c17 -I... (unknown keys)"
run -j2 "$M/m.c" "$M/n.c" -- -std=c17 "$INC"
check "unknown key: warning for the top-level key, once" err_count "^$(re "$M/.vtasklint.yaml"):2:1: warning: unknown key 'Checkz'\$" 1
check "unknown key: warning for a nested key, once" err_count "^$(re "$M/.vtasklint.yaml"):4:[0-9]+: warning: unknown key 'colour'\$" 1
check "unknown key: no error" err_lacks ": error: "
check "unknown key: the run proceeds (exit 1)" status_is 1
check "unknown key: the rest of the file applies (vtask-discarded off)" out_lacks "vtask-discarded"
check "unknown key: findings reported" out_has "$(at "$M/m.c" 9 vtask-double-await)"
check "unknown key: both files analysed" out_has "$(at "$M/n.c" 9 vtask-double-await)"

# ---- 8. --dump-config reads back to the same dump ----

cat >"$T/full.yaml" <<'EOF'
Checks: '*,-vtask-discarded'
WarningsAsErrors: "vtask-double-await,vtask-stored-*"
HeaderFilter: '^(src|inc''lude)/.*\.h$'
Profiles:
  std-future: off
  asio: on
  cppcoro: { double-await: error }
  folly: { fields: allowed }
  libuv: { enabled: false }
Awaitables:
  - Type: 'job_t'
    Await: [job_wait, job_wait_for]
    GetResult: [job_result]
    Wait: [job_join]
    Query: [job_done]
    Transfer: [job_detach]
    CreateCompleted: [job_ready]
    FieldsAllowed: true
  - Type: 'struct req'
    Await: ["req: wait # not a comment"]
EOF
# dump_round_trip NAME ARGS...: dumps with ARGS, reads the dump back with --config, dumps again.
dump_round_trip() {
  name=$1
  shift
  last="vtasklint --dump-config $*"
  run --dump-config "$@"
  check "$name: exit 0" status_is 0
  check "$name: prints something" test -s "$T/out"
  grep -v '^#' "$T/out" >"$T/dump1.body"
  cp "$T/out" "$T/dump1.yaml"
  last="vtasklint --config dump1.yaml --dump-config"
  run --config "$T/dump1.yaml" --dump-config
  check "$name: the dump is accepted back (exit 0)" status_is 0
  check "$name: no warnings about its keys" err_lacks "warning"
  grep -v '^#' "$T/out" >"$T/dump2.body"
  same_dump() { cmp -s "$T/dump1.body" "$T/dump2.body"; }
  check "$name: dumps identically (comment lines aside)" same_dump
}
dump_round_trip "--dump-config of a full file" --config "$T/full.yaml"
check "--dump-config: the checks are kept" grep -q "vtask-discarded" "$T/dump1.body"
check "--dump-config: the quote inside HeaderFilter is kept" grep -q -F "inc''lude" "$T/dump1.body"
check "--dump-config: the awaitable's names are kept" grep -q "job_wait_for" "$T/dump1.body"
check "--dump-config: a name with ': ' and ' #' is kept" grep -q -F "req: wait # not a comment" "$T/dump1.body"
check "--dump-config: the profile setting is kept" grep -q "std-future" "$T/dump1.body"

# The dump of the full file, passed back, has the same effect on a run.
mkdir -p "$T/rt"
cp "$T/two_rules.c" "$T/rt/r.c"
run --config "$T/full.yaml" "$T/rt/r.c" -- -std=c17 "$INC"
cp "$T/out" "$T/rt/out.full"
last="vtasklint --config dump1.yaml rt/r.c -- -std=c17 -I..."
run --config "$T/dump1.yaml" "$T/rt/r.c" -- -std=c17 "$INC"
same_run() { cmp -s "$T/out" "$T/rt/out.full" && grep -q "error: .*vtask-double-await" "$T/out"; }
check "--dump-config: the dump, passed back, gives the same findings" same_run

dump_round_trip "--dump-config of the nearest file" "$D/app/app.c"
check "--dump-config of the nearest file: app's Checks" grep -q -F -- "-vtask-double-await" "$T/dump1.body"

mkdir -p "$T/empty"
last="cd empty && vtasklint --dump-config"
run_in "$T/empty" --dump-config
check "--dump-config with no file: exit 0" status_is 0
cp "$T/out" "$T/defaults.yaml"
dump_round_trip "--dump-config of the defaults" --config "$T/defaults.yaml"

# ---- 9. Awaitables: the user's own C type ----

A="$T/aw"
mkdir -p "$A"
cat >"$A/job.c" <<'EOF'
typedef struct job { void *impl; unsigned token; } job_t;
job_t job_start(int n);
void job_wait(job_t j);
void *job_result(job_t j);
int job_done(job_t j);
void twice(int n) {
  job_t j = job_start(n);
  job_wait(j);
  job_wait(j);
}
void *unguarded(int n) {
  job_t j = job_start(n);
  return job_result(j);
}
void *guarded(int n) {
  job_t j = job_start(n);
  if (job_done(j))
    return job_result(j);
  job_wait(j);
  return 0;
}
void once(int n) {
  job_t j = job_start(n);
  job_wait(j);
}
struct keeper {
  job_t current;
  job_t *borrowed;
};
EOF
last="vtasklint aw/job.c -- -std=c17 (no configuration)"
run "$A/job.c" -- -std=c17
check "no Awaitables: job_t is not tracked (exit 0)" status_is 0
check "no Awaitables: nothing reported" out_empty

cat >"$A/.vtasklint.yaml" <<'EOF'
Awaitables:
  - Type: 'job_t'
    Await: [job_wait]
    GetResult: [job_result]
    Query: [job_done]
EOF
last="vtasklint aw/job.c -- -std=c17 (Awaitables: job_t)"
run "$A/job.c" -- -std=c17
check "Awaitables: job_wait twice is vtask-double-await" out_has "$(at "$A/job.c" 9 vtask-double-await)"
check "Awaitables: unguarded job_result is vtask-blocking-unfinished" out_has "$(at "$A/job.c" 13 vtask-blocking-unfinished)"
check "Awaitables: a job_t field is vtask-stored-in-field" out_has "$(at "$A/job.c" 27 vtask-stored-in-field)"
check "Awaitables: the guarded result, the single wait and the pointer field are quiet" out_count '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' 3
check "Awaitables: exit 1" status_is 1

cat >"$A/.vtasklint.yaml" <<'EOF'
Awaitables:
  - Type: 'job_t'
    Await: [job_wait]
    GetResult: [job_result]
    Query: [job_done]
    FieldsAllowed: true
EOF
last="vtasklint aw/job.c -- -std=c17 (Awaitables: job_t, FieldsAllowed: true)"
run "$A/job.c" -- -std=c17
check "FieldsAllowed: true: the field is quiet" out_lacks "vtask-stored-in-field"
check "FieldsAllowed: true: the double await is still reported" out_has "$(at "$A/job.c" 9 vtask-double-await)"
check "FieldsAllowed: true: the unguarded result too" out_has "$(at "$A/job.c" 13 vtask-blocking-unfinished)"

# The C tag spelling names the same type.
cat >"$A/.vtasklint.yaml" <<'EOF'
Awaitables:
  - Type: 'struct job'
    Await: [job_wait]
    GetResult: [job_result]
    Query: [job_done]
EOF
last="vtasklint aw/job.c -- -std=c17 (Awaitables: 'struct job')"
run "$A/job.c" -- -std=c17
check "Type: 'struct job': the double await through the typedef" out_has "$(at "$A/job.c" 9 vtask-double-await)"
check "Type: 'struct job': the field" out_has "$(at "$A/job.c" 27 vtask-stored-in-field)"

# ---- 10. Profiles ----

cat >"$T/fut.cpp" <<'EOF'
#include <future>
std::future<int> start(int n);
int twice(int n) {
  std::future<int> f = start(n);
  int a = f.get();
  return a + f.get();
}
EOF
last="vtasklint fut.cpp -- -std=c++20 -I... (std-future on by default)"
run "$T/fut.cpp" -- -std=c++20 "$INC"
check "std-future by default: get() twice is reported" out_has "$(at "$T/fut.cpp" 6 vtask-double-await)"

printf "Profiles: { std-future: off }\n" >"$T/fut_off.yaml"
last="vtasklint --config fut_off.yaml fut.cpp -- -std=c++20 -I..."
run --config "$T/fut_off.yaml" "$T/fut.cpp" -- -std=c++20 "$INC"
check "std-future: off: get() twice is silent" out_empty
check "std-future: off: exit 0" status_is 0

cat >"$T/co.cpp" <<'EOF'
#include <cppcoro/task.hpp>
cppcoro::task<int> compute(int n);
cppcoro::task<int> twice(int n) {
  auto t = compute(n);
  int a = co_await t;
  int b = co_await t;
  co_return a + b;
}
EOF
last="vtasklint co.cpp -- -std=c++20 -I... (cppcoro default: after-move)"
run "$T/co.cpp" -- -std=c++20 "$INC"
check "cppcoro by default: a sequential re-await is legal" out_empty
check "cppcoro by default: exit 0" status_is 0

printf "Profiles: { cppcoro: { double-await: error } }\n" >"$T/co_err.yaml"
last="vtasklint --config co_err.yaml co.cpp -- -std=c++20 -I..."
run --config "$T/co_err.yaml" "$T/co.cpp" -- -std=c++20 "$INC"
check "cppcoro double-await: error: the re-await is vtask-double-await" out_has "$(at "$T/co.cpp" 6 vtask-double-await)"
check "cppcoro double-await: error: exit 1" status_is 1

finish
