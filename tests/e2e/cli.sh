#!/bin/sh
# cli.sh: the command line as a user meets it: exit status (0 clean, 1 findings, 2 could not do
# the job), the compiler-format lines on stdout, one-line errors on stderr, -p with a compilation
# database, the informational options, --checks and --exit-zero, clang's own errors, sorted
# output and findings inside macros. Each check prints nothing when it passes; a failing one
# prints what the tool said. Usage: sh cli.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"


out_has() { grep -q -- "$1" "$T/out"; }
out_lacks() { ! grep -q -- "$1" "$T/out"; }
out_has_fixed() { grep -q -F -- "$1" "$T/out"; }
err_has_fixed() { grep -q -F -- "$1" "$T/err"; }
err_lines_matching() { [ "$(grep -c -F -- "$1" "$T/err")" -eq "$2" ]; }

# ---- inputs ----

cat >"$T/clean.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
void *once(int fd) {
  vtask_t t = read_async(fd);
  return vtask_await(t);
}
EOF

cat >"$T/double.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
void twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
EOF

# A syntax error after a finding: clang's error is met first, the finding later, and the
# output must still come out in line order.
cat >"$T/broken.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
void twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
void broken(void) {
  int x = ;
}
EOF

# The second await comes from a macro body: reported where the macro is used (line 7).
cat >"$T/macro.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
#define AWAIT_TWICE(t) do { vtask_await(t); vtask_await(t); } while (0)
void through_macro(int fd) {
  vtask_t t = read_async(fd);
  (void)0;
  AWAIT_TWICE(t);
}
EOF

# Findings of three rules in three functions of one file: printed in line order.
cat >"$T/many.c" <<'EOF'
#include <vtask.h>
vtask_t read_async(int fd);
void third(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
void first(int fd) {
  vtask_t t = read_async(fd);
  vtask_get_result(t);
}
void second(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_as_task(t);
}
EOF

# A project with a compilation database: two files, "directory" resolves the relative -I.
mkdir -p "$T/proj/inc" "$T/nodb"
cp "$ROOT/testdata/include/vtask.h" "$T/proj/inc/"
cp "$T/double.c" "$T/proj/a.c"
sed 's/twice/again/' "$T/double.c" >"$T/proj/b.c"
cat >"$T/proj/compile_commands.json" <<EOF
[
  {"directory": "$T/proj", "arguments": ["cc", "-std=c17", "-Iinc", "-c", "a.c", "-o", "a.o"], "file": "a.c"},
  {"directory": "$T/proj", "arguments": ["cc", "-std=c17", "-Iinc", "-c", "b.c", "-o", "b.o"], "file": "b.c"}
]
EOF

# ---- exit status and output ----

last="vtasklint clean.c -- -std=c17 -I..."
run "$T/clean.c" -- -std=c17 "$INC"
check "clean file: exit 0" status_is 0
check "clean file: nothing on stdout" out_empty
check "clean file: nothing on stderr" err_empty

last="vtasklint double.c -- -std=c17 -I..."
run "$T/double.c" -- -std=c17 "$INC"
check "double await: exit 1" status_is 1
check "double await: compiler-format line" out_has "^$T/double.c:6:3: warning: .* \[vtask-double-await\]\$"
check "double await: source line" out_has_fixed "    6 |   vtask_await(t);"
check "double await: caret line" out_has_fixed "      |   ^~~~~~~~~~~~~~"
check "double await: note at the first await" out_has "^$T/double.c:5:3: note: "

# A missing input is reported once; the other inputs are still analysed and reported.
last="vtasklint missing.c double.c -- -std=c17 -I..."
run "$T/missing.c" "$T/double.c" -- -std=c17 "$INC"
check "missing file: exit 2" status_is 2
check "missing file: one stderr line names it" err_lines_matching "missing.c" 1
check "missing file: the good file's finding is printed" out_has "^$T/double.c:6:3: warning: .*\[vtask-double-await\]"

last="vtasklint --no-such-option"
run --no-such-option "$T/clean.c"
check "unknown option: exit 2" status_is 2
check "unknown option: one stderr line" err_lines 1
check "unknown option: named" err_has_fixed "--no-such-option"
check "unknown option: nothing on stdout" out_empty

last="vtasklint -p DIR-without-compile_commands.json"
run -p "$T/nodb"
check "-p without database: exit 2" status_is 2
check "-p without database: the path is named" err_has_fixed "$T/nodb"

last="vtasklint -p proj"
run -p "$T/proj"
check "-p: exit 1" status_is 1
check "-p: a.c analysed with its -I" out_has "^$T/proj/a.c:6:3: warning: .*\[vtask-double-await\]"
check "-p: b.c analysed with its -I" out_has "^$T/proj/b.c:6:3: warning: .*\[vtask-double-await\]"
check "-p: no clang errors (the relative -I was found)" out_lacks "clang-diagnostic-error"

# ---- informational options ----

last="vtasklint --help"
run --help
check "--help: exit 0" status_is 0
check "--help: mentions -p" out_has_fixed "-p BUILD_DIR"

last="vtasklint --version"
run --version
check "--version: exit 0" status_is 0
check "--version: names the tool" out_has "vtasklint"

last="vtasklint --list-rules"
run --list-rules
check "--list-rules: exit 0" status_is 0
for id in vtask-blocking-in-coroutine vtask-blocking-unfinished vtask-discarded vtask-double-await \
  vtask-stored-in-field vtask-use-after-await; do
  check "--list-rules: lists $id" out_has "^$id "
done

last="vtasklint --explain vtask-double-await"
run --explain vtask-double-await
check "--explain: exit 0" status_is 0
check "--explain: prints the rule's doc" out_has "^# vtask-double-await"
check "--explain: with its example" out_has "^## Example"
last="vtasklint --explain=vtask-double-await"
run --explain=vtask-double-await
check "--explain=: same doc" out_has "^# vtask-double-await"
last="vtasklint --explain no-such-rule"
run --explain no-such-rule
check "--explain unknown rule: exit 2" status_is 2

# ---- selecting rules and the exit status ----

last="vtasklint --checks='*,-vtask-double-await' double.c"
run --checks='*,-vtask-double-await' "$T/double.c" -- -std=c17 "$INC"
check "--checks: the rule is silenced" out_lacks "vtask-double-await"
check "--checks: nothing else to report, exit 0" status_is 0
# Near miss: enabling only that rule keeps it.
last="vtasklint --checks='-*,vtask-double-await' double.c"
run --checks='-*,vtask-double-await' "$T/double.c" -- -std=c17 "$INC"
check "--checks only it: still reported" out_has "\[vtask-double-await\]"
check "--checks only it: exit 1" status_is 1

# As clang-tidy's: a list of only exclusions applies on top of every rule (the rule pages
# recommend --checks=-RULE; it used to turn every rule off and exit 0).
last="vtasklint --checks=-vtask-discarded double.c"
run --checks=-vtask-discarded "$T/double.c" -- -std=c17 "$INC"
check "--checks=-RULE: the other rules still run" out_has "\[vtask-double-await\]"
check "--checks=-RULE: exit 1" status_is 1
check "--checks=-RULE: no warning" err_lacks "matches no rule"

last="vtasklint --checks=-* double.c"
run --checks='-*' "$T/double.c" -- -std=c17 "$INC"
check "--checks=-*: nothing runs, and it says so" err_has "--checks='-\\*' enables no rule; nothing is checked"
check "--checks=-*: '*' names rules, so no glob is called a typo" err_lacks "matches no rule"

# A misspelt rule in an exclusion would otherwise be ignored without a word (the rule runs).
last="vtasklint --checks=-vtask-double-awiat double.c"
run --checks=-vtask-double-awiat "$T/double.c" -- -std=c17 "$INC"
check "--checks=-TYPO: the glob is named" err_has "--checks: 'vtask-double-awiat' matches no rule"
check "--checks=-TYPO: the list as a whole still enables rules" err_lacks "enables no rule"

last="vtasklint --warnings-as-errors=vtask-duoble-await double.c"
run --warnings-as-errors=vtask-duoble-await "$T/double.c" -- -std=c17 "$INC"
check "--warnings-as-errors typo: warned" err_has "--warnings-as-errors: 'vtask-duoble-await' matches no rule"

last="vtasklint --exit-zero double.c"
run --exit-zero "$T/double.c" -- -std=c17 "$INC"
check "--exit-zero: exit 0" status_is 0
check "--exit-zero: the finding is still printed" out_has "\[vtask-double-await\]"

# ---- clang's errors, order, macros ----

last="vtasklint broken.c -- -std=c17 -I..."
run "$T/broken.c" -- -std=c17 "$INC"
check "syntax error: exit 1" status_is 1
check "syntax error: reported as clang-diagnostic-error" out_has "^$T/broken.c:9:[0-9]*: error: .*\[clang-diagnostic-error\]\$"
check "syntax error: rule findings elsewhere still reported" out_has "^$T/broken.c:6:3: warning: .*\[vtask-double-await\]"

# lines_ascending: the warning and error lines of the last run have non-decreasing line numbers.
lines_ascending() {
  grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' "$T/out" | cut -d: -f2 >"$T/lines"
  [ -s "$T/lines" ] && sort -n -c "$T/lines" 2>/dev/null
}
check "syntax error: output sorted by line" lines_ascending
first_is_line_6() { [ "$(head -n 1 "$T/lines")" = 6 ]; }
check "syntax error: the line-6 finding comes before the line-9 error" first_is_line_6

last="vtasklint many.c -- -std=c17 -I..."
run "$T/many.c" -- -std=c17 "$INC"
check "several findings: exit 1" status_is 1
check "several findings: sorted by line" lines_ascending
three_findings() { [ "$(wc -l <"$T/lines")" -ge 3 ]; }
check "several findings: one per function at least" three_findings

# Files come out in name order whatever order they were given in.
last="vtasklint many.c double.c -- -std=c17 -I..."
run "$T/many.c" "$T/double.c" -- -std=c17 "$INC"
files_in_order() {
  grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' "$T/out" | cut -d: -f1 >"$T/files"
  [ -s "$T/files" ] && sort -c "$T/files" 2>/dev/null
}
check "two files: sorted by file" files_in_order

last="vtasklint macro.c -- -std=c17 -I..."
run "$T/macro.c" -- -std=c17 "$INC"
check "macro: exit 1" status_is 1
check "macro: reported at the use site" out_has "^$T/macro.c:7:[0-9]*: warning: .*\[vtask-double-await\]"
check "macro: not at the definition" out_lacks "^$T/macro.c:3:[0-9]*: warning: "

# ---- one macro use that generates several functions: each finding is its own ----

cat >"$T/gen.c" <<'EOF2'
#include <vtask.h>
vtask_t read_async(int fd);
#define DEFINE_READER(name) \
  void name(int fd) {       \
    vtask_t t = read_async(fd); \
    vtask_await(t);         \
    vtask_await(t);         \
  }
#define GEN3(n) DEFINE_READER(a##n) DEFINE_READER(b##n) DEFINE_READER(c##n)
GEN3(1)
EOF2
last="vtasklint gen.c -- -std=c17 -I..."
run --no-cache "$T/gen.c" -- -std=c17 "$INC"
check "generated: exit 1" status_is 1
check "generated: three findings at the use" [ "$(grep -c "^$T/gen.c:10:1: warning: " "$T/out")" -eq 3 ]
check "generated: the macro and the function named" out_has "^$T/gen.c:7:5: note: expanded from macro 'DEFINE_READER' in 'b1'\$"

# ---- --stats: what the engine did, one line on stderr ----

# A function with nothing to track counts as analysed, also when the text alone spared it
# (flow/mentions.c) and under --dump-cfg, which spares nothing: both said 2 functions before
# (the spared one counted, the lowered one with no vtask not).
printf 'int add(int a, int b) { return a + b; }\n' >"$T/plain.c"
STATS_RE="vtasklint: stats: 3 units, 3 functions analysed, 0 skipped as too deep; at most 1 path state at one point; 0 dropped at the bound"
last="vtasklint --stats --no-cache double.c clean.c plain.c -- -std=c17 -I..."
run --stats --no-cache "$T/double.c" "$T/clean.c" "$T/plain.c" -- -std=c17 "$INC"
check "stats: findings unchanged" status_is 1
check "stats: one line" err_lines_matching "$STATS_RE" 1
last="vtasklint --stats --dump-cfg double.c clean.c plain.c -- -std=c17 -I..."
run --stats --dump-cfg "$T/double.c" "$T/clean.c" "$T/plain.c" -- -std=c17 "$INC"
check "stats with --dump-cfg: the same figures" err_lines_matching "$STATS_RE" 1
check "stats with --dump-cfg: plain.c's graph printed" err_has '^function add$'

finish
