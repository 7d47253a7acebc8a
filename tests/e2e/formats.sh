#!/bin/sh
# formats.sh: the output formats as their readers see them: the JSON document's version and
# its failed units (docs/json-format.md). Documents are read back with python3's json module.
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

finish
