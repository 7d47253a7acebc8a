#!/bin/sh
# formats.sh: the output formats as their readers see them: the JSON document's version and
# its failed units (docs/json-format.md); concise read by Neovim's default errorformat into one
# quickfix entry per finding; text without snippets; a GitLab Code Quality report's required
# fields and fingerprints across a line shift; --output-file and its errors. Documents are read
# back with python3's json module.
# Usage: sh formats.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

if ! command -v python3 >/dev/null 2>&1; then
  echo "FAIL: python3 is needed (sh tools/setup.sh installs it)"
  exit 1
fi

# py CODE ARGS...: a python3 check over the last run's stdout (sys.argv[1]); an assertion's
# message goes to the failure report.
py() {
  code=$1
  shift
  python3 -c "$code" "$T/out" "$@" 2>>"$T/err"
}

D="$T/proj"
mkdir -p "$D"
write_double_await "$D/good.c"
write_double_await "$D/bad.c"

# ---- json: versioned, with the units that failed ----

last="VTASKLINT_TEST_CRASH=bad.c vtasklint --format=json good.c bad.c nope.c -- ..."
(cd "$D" && VTASKLINT_TEST_CRASH=bad.c exec "$VTL" --no-cache --format=json good.c bad.c nope.c -- -std=c17 "$INC") \
  >"$T/out" 2>"$T/err"
rc=$?
check "json with a crashed unit: exit 2" status_is 2
check "json: the crash is one line on stderr" err_count "cannot analyse 'bad.c'" 1
json_failures() {
  py '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 1, d.get("format_version")
assert d["tool"] == "vtasklint"
assert [x["file"] for x in d["diagnostics"]] == ["good.c"], d["diagnostics"]
f = d["failures"]
assert len(f) == 2, f
assert "file" not in f[0] and f[0]["message"].startswith("cannot read '"'"'nope.c'"'"'"), f[0]
assert f[1]["file"] == "bad.c", f[1]
assert f[1]["message"].startswith("cannot analyse '"'"'bad.c'"'"': the analysis crashed"), f[1]
'
}
check "json: format_version 1, the good unit's finding, the unreadable input and the crashed unit as failures" json_failures

last="vtasklint --format=json good.c -- ..."
run_in "$D" --no-cache --format=json good.c -- -std=c17 "$INC"
check "json clean of failures: exit 1" status_is 1
json_no_failures() {
  py '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["failures"] == [], d["failures"]
assert len(d["diagnostics"]) == 1
'
}
check "json: an empty failures list when every unit was analysed" json_no_failures

# ---- concise: one line per finding, one quickfix entry each in (Neo)vim ----

printf '#include <vtask.h>\nvtask_t read_async(int fd);\nvoid b(int fd) {\n  read_async(fd);\n}\n' >"$D/two.c"
last="vtasklint --format=concise good.c two.c -- ..."
run_in "$D" --no-cache --format=concise good.c two.c -- -std=c17 "$INC"
check "concise: exit 1" status_is 1
check "concise: two lines, one per finding" out_count "." 2
check "concise: the note folded into its finding's line" \
  out_has "^good\\.c:6:3: warning: .* \\[vtask-double-await\\] \\(note: good\\.c:5:3: first awaited here\\)\$"
check "concise: no snippet" out_lacks " \\| "
if ! command -v nvim >/dev/null 2>&1; then
  echo "FAIL: nvim is needed (sh tools/setup.sh installs neovim)"
  failed=$((failed + 1))
else
  cp "$T/out" "$T/qf.txt"
  quickfix() {
    (cd "$D" && nvim -u NONE -i NONE --headless -es -c "cgetfile $T/qf.txt" \
      -c "call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . '|' . e.lnum . '|' . e.col . '|' . e.valid}), '$T/qf.out')" \
      -c 'qa!') >/dev/null 2>&1 &&
      [ "$(cat "$T/qf.out")" = "$(printf 'good.c|6|3|1\ntwo.c|4|3|1')" ]
  }
  check "concise: Neovim's default errorformat reads exactly the two findings, each jumpable" quickfix
fi

last="vtasklint --no-snippet good.c -- ..."
run_in "$D" --no-cache --no-snippet good.c -- -std=c17 "$INC"
check "--no-snippet: exit 1" status_is 1
check "--no-snippet: the finding and its note, nothing else" out_count "." 2
check "--no-snippet: the note on its own line" out_has "^good\\.c:5:3: note: first awaited here\$"
check "--no-snippet: no source line" out_lacks " \\| "

# ---- gitlab: Code Quality, paths from the repository's top level ----

G="$T/repo"
mkdir -p "$G/.git" "$G/src"
printf '#include <vtask.h>\nvtask_t read_async(int fd);\nvoid twice(int fd) {\n  vtask_t t = read_async(fd);\n  vtask_await(t);\n  vtask_await(t);\n}\nvoid again(int fd) {\n  vtask_t t = read_async(fd);\n  vtask_await(t);\n  vtask_await(t);\n}\n' >"$G/src/g.c"
gitlab_ok() {
  py '
import json, sys
issues = json.load(open(sys.argv[1]))
assert isinstance(issues, list) and len(issues) == 2, issues
for i in issues:
    for k in ("description", "check_name", "fingerprint", "severity"):
        assert isinstance(i[k], str) and i[k], (k, i)
    assert i["severity"] in ("info", "minor", "major", "critical", "blocker"), i
    assert i["location"]["path"] == "src/g.c", i["location"]
    assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["lines"]["begin"] >= 1
assert len(set(i["fingerprint"] for i in issues)) == 2, "equal findings share a fingerprint"
open(sys.argv[2], "w").write("\n".join(sorted(i["fingerprint"] for i in issues)))
print(sorted(i["location"]["lines"]["begin"] for i in issues), file=open(sys.argv[3], "w"))
' "$1" "$2"
}
last="(cd repo/src && vtasklint --format=gitlab g.c -- ...)"
run_in "$G/src" --no-cache --format=gitlab g.c -- -std=c17 "$INC"
check "gitlab: exit 1" status_is 1
check "gitlab: the required fields, paths from the top level, distinct fingerprints" gitlab_ok "$T/fp1" "$T/lines1"
printf '\n\n\n' | cat - "$G/src/g.c" >"$T/shifted.c" && mv "$T/shifted.c" "$G/src/g.c"
last="(cd repo/src && vtasklint --format=gitlab g.c -- ...) after three lines inserted at the top"
run_in "$G/src" --no-cache --format=gitlab g.c -- -std=c17 "$INC"
check "gitlab after a line shift: the required fields" gitlab_ok "$T/fp2" "$T/lines2"
same_fingerprints() { ! cmp -s "$T/lines1" "$T/lines2" && cmp -s "$T/fp1" "$T/fp2"; }
check "gitlab: the lines moved, the fingerprints did not" same_fingerprints

# ---- --output-file ----

last="vtasklint --output-file=report.txt good.c -- ..."
run_in "$D" --no-cache --output-file=report.txt good.c -- -std=c17 "$INC"
check "--output-file: exit 1" status_is 1
check "--output-file: nothing on stdout" out_empty
report_has() { grep -q -E -- "$1" "$D/report.txt"; }
check "--output-file: the finding in the file" report_has "^good\\.c:6:3: warning: .*\\[vtask-double-await\\]\$"
check "--output-file: the summary still on stderr" err_has "^1 warning and 0 errors generated\\.\$"

# The file is emptied when the report is written, not when it is opened: a header the unit
# includes, named as the output by mistake, used to be truncated before the parse (its
# declarations gone, the finding lost). A longer old report leaves no tail behind.
mkdir -p "$D/inc"
cp "$ROOT/testdata/include/vtask.h" "$D/inc/vtask.h"
last="vtasklint --output-file=inc/vtask.h good.c -- -Iinc (the output is a header good.c includes)"
run_in "$D" --no-cache --output-file=inc/vtask.h good.c -- -std=c17 -Iinc
check "--output-file=a header: the unit still saw the header (the finding)" \
  grep -q -E "^good\\.c:6:3: warning: .*\\[vtask-double-await\\]" "$D/inc/vtask.h"
check "--output-file=a header: no clang error from an emptied header" err_has "^1 warning and 0 errors generated"
head -c 100000 /dev/zero | tr '\0' x >"$D/report.txt"
run_in "$D" --no-cache --output-file=report.txt good.c -- -std=c17 "$INC"
check "--output-file over a longer file: nothing of the old contents is left" \
  sh -c "! grep -q xxxx '$D/report.txt'"

last="vtasklint --output-file=no/such/dir/r.json good.c"
run_in "$D" --no-cache --format=json --output-file=no/such/dir/r.json good.c -- -std=c17 "$INC"
check "--output-file in a missing directory: exit 2" status_is 2
check "--output-file in a missing directory: one line, nothing analysed" err_lines 1
check "--output-file in a missing directory: the reason" \
  err_has "^vtasklint: error: --output-file: cannot write 'no/such/dir/r\\.json': No such file or directory\$"

last="vtasklint --output-file=. good.c"
run_in "$D" --no-cache --output-file=. good.c -- -std=c17 "$INC"
check "--output-file that is a directory: exit 2, one line" err_lines 1
check "--output-file that is a directory: the reason" err_has "^vtasklint: error: --output-file: cannot write '\\.': Is a directory\$"

cp "$D/good.c" "$T/good.keep"
last="vtasklint --output-file=good.c good.c"
run_in "$D" --no-cache --output-file=good.c good.c -- -std=c17 "$INC"
check "--output-file naming an input: exit 2" status_is 2
check "--output-file naming an input: one line" err_has "^vtasklint: error: --output-file: 'good\\.c' is the input 'good\\.c'; not overwriting it\$"
input_kept() { cmp -s "$D/good.c" "$T/good.keep"; }
check "--output-file naming an input: the input untouched" input_kept

if [ -w /dev/full ]; then
  last="vtasklint --output-file=/dev/full good.c"
  run_in "$D" --no-cache --output-file=/dev/full good.c -- -std=c17 "$INC"
  check "--output-file on a full disk: exit 2" status_is 2
  check "--output-file on a full disk: one line naming the file" \
    err_has "^vtasklint: error: --output-file: cannot write the findings to '/dev/full': No space left on device\$"
fi

finish
