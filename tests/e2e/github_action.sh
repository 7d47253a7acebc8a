#!/bin/sh
# github_action.sh: the GitHub Action (action.yml) and the example workflow that uploads its
# SARIF (docs/examples/github/vtasklint.yml). No GitHub runner is available here, so
# tests/e2e/lib/gha.py checks the files' structure as GitHub reads them and then runs the
# workflow's job itself: the configure step, the action's composite steps (install, build this
# repository's vtasklint in a scratch directory, run it) and, in place of upload-sarif, a check
# that the file it would upload is SARIF holding the findings. The job runs on a copy of
# testdata/example-project (five findings), with fail-on-findings, on a clean file and on a
# missing one. The checker is also shown to catch broken files.
# Usage: sh github_action.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
GHA="$ROOT/tests/e2e/lib/gha.py"
ACTION="$ROOT/action.yml"
WORKFLOW="$ROOT/docs/examples/github/vtasklint.yml"

if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "FAIL: python3 with the yaml module is needed (apt-get install python3-yaml; tools/setup.sh does)"
  exit 1
fi

# gha ARGS...: the checker or runner; its output in $T/out, the exit status in $rc.
gha() {
  last="python3 gha.py $*"
  python3 "$GHA" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}
# summary EXPR: a Python expression over the last run's summary `s` is true.
summary() { python3 -c "import json,sys; s=json.load(open('$T/summary.json')); sys.exit(0 if ($1) else 1)"; }
# step NAME: the outcome of the step so named in the last run.
step() { echo "[x['outcome'] for x in s['steps'] if x['name'] == '$1']"; }

# ---- the files as GitHub reads them ----

gha check "$ACTION" "$WORKFLOW"
check "action.yml and the workflow are well formed" status_is 0
check "the checker says ok" out_has '^ok$'

# The checker can fail: each broken copy is refused, naming the problem.
python3 - "$ACTION" "$WORKFLOW" "$T" <<'PY'
import sys, yaml
action, workflow, t = sys.argv[1:]
a = yaml.safe_load(open(action))
b = yaml.safe_load(open(action)); del b["runs"]["steps"][2]["shell"]
yaml.safe_dump(b, open(f"{t}/no-shell.yml", "w"))
b = yaml.safe_load(open(action)); b["runs"]["steps"][2]["run"] += "echo ${{ inputs.args }}\n"
yaml.safe_dump(b, open(f"{t}/spliced.yml", "w"))
b = yaml.safe_load(open(action)); b["runs"]["steps"][2]["env"]["X"] = "${{ inputs.nosuch }}"
yaml.safe_dump(b, open(f"{t}/undeclared.yml", "w"))
w = yaml.safe_load(open(workflow)); del w["jobs"]["vtasklint"]["steps"][3]["if"]
yaml.safe_dump(w, open(f"{t}/no-if.yml", "w"))
w = yaml.safe_load(open(workflow)); w["jobs"]["vtasklint"]["steps"][3]["with"]["sarif_file"] = "other.sarif"
yaml.safe_dump(w, open(f"{t}/other-file.yml", "w"))
PY
gha check "$T/no-shell.yml" "$WORKFLOW"
check "a composite run step without shell is refused" out_has 'runs.steps\[2\]: a composite run step needs shell'
gha check "$T/spliced.yml" "$WORKFLOW"
check "an expression spliced into a script is refused" out_has 'an expression inside run:'
gha check "$T/undeclared.yml" "$WORKFLOW"
check "an undeclared input is refused" out_has 'inputs.nosuch .* names nothing declared'
gha check "$ACTION" "$T/no-if.yml"
check "an upload that a failure would skip is refused" out_has 'upload-sarif does not run after a failed step'
gha check "$ACTION" "$T/other-file.yml"
check "an upload of another file is refused" out_has "sarif_file is not the file the action writes"
check "a refused file fails the check" status_is 1

# ---- the job, run here ----

mkdir -p "$T/ws" "$T/temp"
cp -r "$ROOT/testdata/example-project" "$ROOT/testdata/include" "$T/ws/"
W="$T/ws/example-project"
(cd "$W" && git init -q && git add . &&
  git -c user.name=t -c user.email=t@example.org commit -q -m example) || echo "FAIL: git init"

gha run "$WORKFLOW" "$ROOT" "$W" "$T/temp" "$T/summary.json"
check "the job succeeds (findings go to code scanning)" status_is 0
check "the action built vtasklint and ran it" summary "$(step 'Build vtasklint') == ['success'] and $(step 'Run vtasklint') == ['success']"
check "the action's exit-code output is 1 (findings)" summary "[x['outputs'] for x in s['steps'] if x['step'] == 'job[2]'][0] == {'sarif-file': 'vtasklint.sarif', 'exit-code': '1'}"
check "the uploaded SARIF holds the example's five findings" summary "sorted(s['uploaded']['results']) == sorted(['vtask-blocking-unfinished', 'vtask-double-await', 'vtask-discarded', 'vtask-use-after-await', 'vtask-stored-in-field'])"
check "its locations are relative to the repository" python3 -c "
import json, sys
r = json.load(open('$W/vtasklint.sarif'))['runs'][0]['results']
sys.exit(0 if all(not l['physicalLocation']['artifactLocation']['uri'].startswith(('/', 'file:')) for x in r for l in x['locations']) else 1)"

gha run "$WORKFLOW" "$ROOT" "$W" "$T/temp" "$T/summary.json" --with fail-on-findings=true
check "fail-on-findings: the job fails" status_is 1
check "fail-on-findings: the run step is the one that failed" summary "$(step 'Run vtasklint') == ['failure']"
check "fail-on-findings: the SARIF is still uploaded" summary "$(step 'Upload SARIF') == ['success'] and len(s['uploaded']['results']) == 5"

gha run "$WORKFLOW" "$ROOT" "$W" "$T/temp" "$T/summary.json" --with paths=src/log.c
check "a clean file: the job succeeds" status_is 0
check "a clean file: exit-code 0 and nothing uploaded as a finding" summary "[x['outputs']['exit-code'] for x in s['steps'] if x['step'] == 'job[2]'] == ['0'] and s['uploaded']['results'] == []"

gha run "$WORKFLOW" "$ROOT" "$W" "$T/temp" "$T/summary.json" --with paths="src/log.c src/nosuch.c"
check "an input vtasklint cannot read: the job fails" status_is 1
check "an input vtasklint cannot read: exit-code 2" summary "[x['outputs']['exit-code'] for x in s['steps'] if x['step'] == 'job[2]'] == ['2']"
check "an input vtasklint cannot read: the upload still runs" summary "$(step 'Upload SARIF') == ['success']"
check "an input vtasklint cannot read: its reason is in the log" err_has "vtasklint: error: cannot read 'src/nosuch\.c'"

finish
