#!/bin/sh
# sarif.sh: --format=sarif as GitHub code scanning reads it, validated against the OASIS SARIF
# 2.1.0 JSON schema (testdata/schemas/, with python3-jsonschema): URIs relative to the git top
# level (or --sarif-root) with originalUriBaseIds defining SRCROOT, UTF-16 columns on a line
# with non-ASCII characters before the finding, every ruleId described in the driver's rules
# with a helpUri to its page, and units that failed as toolExecutionNotifications of an
# unsuccessful invocation. Usage: sh sarif.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "FAIL: python3 with jsonschema is needed (sh tools/setup.sh installs python3-jsonschema)"
  exit 1
fi
SCHEMA="$ROOT/testdata/schemas/sarif-schema-2.1.0.json"

# py CODE ARGS...: a python3 check over the last run's stdout (sys.argv[1]).
py() {
  code=$1
  shift
  python3 -c "$code" "$T/out" "$@" 2>>"$T/err"
}

# valid: the last stdout is a SARIF log the OASIS schema accepts.
valid() {
  py '
import json, sys, jsonschema
schema = json.load(open(sys.argv[2]))
log = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.path))
for e in errors[:5]:
    print("schema: %s at %s" % (e.message[:200], "/".join(map(str, e.path))), file=sys.stderr)
assert not errors
' "$SCHEMA"
}

# A repository (a .git directory is all git's rule needs) with the run started in sub/.
R="$T/repo"
mkdir -p "$R/.git" "$R/sub" "$R/include"
cp "$ROOT/testdata/include/vtask.h" "$R/include/"
# Line 6 has U+00E9 U+20AC U+1F600 before the second await: byte column 19, UTF-16 column 14.
printf '#include <vtask.h>\nvtask_t read_async(int fd);\nvoid twice(int fd) {\n  vtask_t t = read_async(fd);\n  vtask_await(t);\n  /* \303\251\342\202\254\360\237\230\200 */ vtask_await(t);\n}\n' >"$R/sub/a.c"
printf '// NOLINTBEGIN(vtask-discarded)\nint x;\n' >"$R/sub/nolint.c"
printf 'void broken(void) {\n  int x = ;\n}\n' >"$R/sub/broken.c"
write_double_await "$R/sub/crash.c"

last="(cd repo/sub && vtasklint --format=text a.c -- -I../include)"
run_in "$R/sub" --no-cache a.c -- -std=c17 -I../include
check "text: the second await at byte column 19" out_has "^a\\.c:6:19: warning: .*\\[vtask-double-await\\]\$"

last="(cd repo/sub && VTASKLINT_TEST_CRASH=crash.c vtasklint --format=sarif a.c nolint.c broken.c crash.c -- -I../include)"
(cd "$R/sub" && VTASKLINT_TEST_CRASH=crash.c exec "$VTL" --no-cache --format=sarif a.c nolint.c broken.c crash.c \
  -- -std=c17 -I../include) >"$T/out" 2>"$T/err"
rc=$?
check "sarif with a crashed unit: exit 2" status_is 2
check "sarif: valid against the OASIS SARIF 2.1.0 schema" valid
"$VTL" --list-rules | awk '{print $1}' >"$T/rules"
sarif_content() {
  py '
import json, os, sys
log = json.load(open(sys.argv[1]))
repo, root = sys.argv[2], sys.argv[3]
rules_listed = open(sys.argv[4]).read().split()
run = log["runs"][0]
assert run["columnKind"] == "utf16CodeUnits", run["columnKind"]
assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + repo + "/", run["originalUriBaseIds"]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
for want in rules_listed + ["clang-diagnostic-error", "vtasklint-nolint", "vtask-analysis"]:
    assert want in ids, "no rule %s in %s" % (want, ids)
base = "https://github.com/vtasklint/vtasklint/blob/main/docs/"
formats = open(os.path.join(root, "docs/formats.md")).read()
for r in rules:
    uri = r["helpUri"]
    assert uri.startswith(base), uri
    page, _, anchor = uri[len(base):].partition("#")
    assert os.path.isfile(os.path.join(root, "docs", page)), "no page " + page
    if anchor:
        assert ("## `%s`" % anchor) in formats, "no section for " + anchor
    if r["id"] in rules_listed:
        assert page == "rules/%s.md" % r["id"], uri
res = run["results"]
got = sorted(set(r["ruleId"] for r in res))
assert got == ["clang-diagnostic-error", "vtask-double-await", "vtasklint-nolint"], got
for r in res:
    assert ids[r["ruleIndex"]] == r["ruleId"], r
    al = r["locations"][0]["physicalLocation"]["artifactLocation"]
    assert al["uriBaseId"] == "SRCROOT" and al["uri"].startswith("sub/"), al
da = [r for r in res if r["ruleId"] == "vtask-double-await"][0]
reg = da["locations"][0]["physicalLocation"]["region"]
line = open(os.path.join(repo, "sub/a.c"), "rb").read().split(b"\n")[5]
want = len(line[:18].decode("utf-8").encode("utf-16-le")) // 2 + 1
assert want == 14 and reg["startColumn"] == want, (reg, want)
assert reg["endColumn"] == want + len("vtask_await(t)"), reg
assert da["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 3
inv = run["invocations"][0]
assert inv["executionSuccessful"] is False, inv
n = inv["toolExecutionNotifications"]
assert len(n) == 1 and n[0]["level"] == "error", n
assert n[0]["message"]["text"].startswith("cannot analyse '"'"'crash.c'"'"': the analysis crashed"), n
assert n[0]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "sub/crash.c", "uriBaseId": "SRCROOT"}, n
' "$R" "$ROOT" "$T/rules"
}
check "sarif: SRCROOT is the git top level, URIs below it, UTF-16 columns, every ruleId in rules with helpUri, the crash a notification" sarif_content

last="(cd repo/sub && vtasklint --format=sarif --sarif-root=. a.c -- ...)"
run_in "$R/sub" --no-cache --format=sarif --sarif-root=. a.c -- -std=c17 -I../include
check "--sarif-root: exit 1" status_is 1
check "--sarif-root: valid" valid
sarif_root_given() {
  py '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + sys.argv[2] + "/sub/", run["originalUriBaseIds"]
al = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
assert al == {"uri": "a.c", "uriBaseId": "SRCROOT"}, al
assert run["invocations"][0]["executionSuccessful"] is True
' "$R"
}
check "--sarif-root: URIs relative to it, a successful invocation" sarif_root_given

last="vtasklint --format=sarif --sarif-root=missing a.c"
run_in "$R/sub" --no-cache --format=sarif --sarif-root=missing a.c -- -std=c17 -I../include
check "--sarif-root that is not a directory: exit 2" status_is 2
check "--sarif-root that is not a directory: one line naming it" err_lines 1
check "--sarif-root that is not a directory: the reason" err_has "^vtasklint: error: --sarif-root: cannot use 'missing': No such file or directory\$"
check "--sarif-root that is not a directory: nothing on stdout" out_empty

# Outside any repository: URIs relative to the working directory; a file above it is absolute.
N="$T/norepo"
mkdir -p "$N/w"
write_double_await "$N/w/b.c"
write_double_await "$N/up.c"
last="(cd norepo/w && vtasklint --format=sarif b.c ../up.c -- ...)"
run_in "$N/w" --no-cache --format=sarif b.c ../up.c -- -std=c17 "$INC"
check "no repository: valid" valid
no_repo() {
  py '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + sys.argv[2] + "/w/", run["originalUriBaseIds"]
als = sorted((r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]), key=str)
assert {"uri": "b.c", "uriBaseId": "SRCROOT"} in als, als
assert {"uri": "file://" + sys.argv[2] + "/up.c"} in als, als
' "$N"
}
check "no repository: URIs relative to the working directory, one above it absolute" no_repo

finish
