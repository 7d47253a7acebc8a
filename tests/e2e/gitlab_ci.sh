#!/bin/sh
# gitlab_ci.sh: the example GitLab CI job (docs/examples/gitlab/vtasklint.gitlab-ci.yml). No
# GitLab runner is available here, so tests/e2e/lib/glci.py checks the file's structure and then
# runs the job as a runner would: its variables, before_script (the apt-get lines replaced by a
# check that their packages exist; the clone from a local copy of this repository, tagged) and
# script, on a copy of testdata/example-project; then the job's status from allow_failure and
# the Code Quality report checked against GitLab's format. Findings: passed with warnings and
# the five findings in the report; a clean file: passed; a file that cannot be read: failed, and
# the report still collected. The checker is also shown to catch broken files.
# Usage: sh gitlab_ci.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
GL="$ROOT/tests/e2e/lib/glci.py"
CI_YML="$ROOT/docs/examples/gitlab/vtasklint.gitlab-ci.yml"

if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "FAIL: python3 with the yaml module is needed (apt-get install python3-yaml; tools/setup.sh does)"
  exit 1
fi

gl() {
  last="python3 glci.py $*"
  python3 "$GL" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}
summary() { python3 -c "import json,sys; s=json.load(open('$T/summary.json')); sys.exit(0 if ($1) else 1)"; }

# ---- the file's structure ----

gl check "$CI_YML"
check "the example job is well formed" status_is 0
check "the checker says ok" out_has '^ok$'

python3 - "$CI_YML" "$T" <<'PY'
import sys, yaml
src, t = sys.argv[1:]
def broken(name, change):
    d = yaml.safe_load(open(src)); change(d["vtasklint"]); yaml.safe_dump(d, open(f"{t}/{name}.yml", "w"))
broken("no-always", lambda j: j["artifacts"].pop("when"))
broken("fails-on-findings", lambda j: j.pop("allow_failure"))
broken("allows-2", lambda j: j.update(allow_failure=True))
broken("other-report", lambda j: j["artifacts"]["reports"].update(codequality="other.json"))
broken("typo", lambda j: j.update(scirpt=["true"]))
PY
gl check "$T/no-always.yml"
check "a report lost when the job fails is refused" out_has "artifacts.when is not 'always'"
gl check "$T/fails-on-findings.yml"
check "findings failing the job is refused" out_has 'findings \(exit status 1\) fail the job'
gl check "$T/allows-2.yml"
check "an incomplete analysis allowed to fail is refused" out_has 'exit status 2\) must fail the job'
gl check "$T/other-report.yml"
check "a report no script line writes is refused" out_has 'no script line writes other\.json'
gl check "$T/typo.yml"
check "an unknown job keyword is refused" out_has "unknown job keyword 'scirpt'"
check "a refused file fails the check" status_is 1

# ---- the job, run here ----

# The clone's source: this repository at a tag (a copy of the tree when it is not a git work tree).
SRC="$T/vtasklint.git"
if git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null 2>&1; then
  git clone -q "$ROOT" "$SRC" 2>"$T/err" || echo "FAIL: git clone $ROOT"
else
  mkdir -p "$SRC"
  (cd "$ROOT" && tar --exclude='./build*' -cf - .) | tar -C "$SRC" -xf -
  git -C "$SRC" init -q && git -C "$SRC" add . &&
    git -C "$SRC" -c user.name=t -c user.email=t@example.org commit -q -m src
fi
git -C "$SRC" tag vtl-test
mkdir -p "$T/ws"
cp -r "$ROOT/testdata/example-project" "$ROOT/testdata/include" "$T/ws/"
W="$T/ws/example-project"
(cd "$W" && git init -q && git add . &&
  git -c user.name=t -c user.email=t@example.org commit -q -m example) || echo "FAIL: git init"
VARS="--var VTASKLINT_GIT=$SRC --var VTASKLINT_REF=vtl-test"

# shellcheck disable=SC2086
gl run "$CI_YML" "$W" "$T/summary.json" $VARS
check "findings: the job passes with a warning" summary "s['status'] == 'passed with warnings' and s['exit_status'] == 1"
check "the apt-get lines name packages that exist" summary "s['apt'] and all(not a['missing'] for a in s['apt'])"
check "the report is valid Code Quality" summary "s['report']['problems'] == []"
check "the report holds the example's five findings" summary "sorted(x['check_name'] for x in s['report']['entries']) == sorted(['vtask-blocking-unfinished', 'vtask-double-await', 'vtask-discarded', 'vtask-use-after-await', 'vtask-stored-in-field'])"
check "the report's paths are the repository's" summary "sorted(set(x['location']['path'] for x in s['report']['entries'])) == ['src/cache.c', 'src/conn.c', 'src/main.c', 'src/reply.c']"
check "vtasklint was built where the cache keeps it" test -x "$W/.vtasklint/build/vtasklint"

# shellcheck disable=SC2086
gl run "$CI_YML" "$W" "$T/summary.json" $VARS --var VTASKLINT_ARGS=src/log.c
check "a clean file: the job passes" summary "s['status'] == 'passed' and s['exit_status'] == 0"
check "a clean file: an empty report" summary "s['report']['entries'] == []"

# shellcheck disable=SC2086
gl run "$CI_YML" "$W" "$T/summary.json" $VARS --var VTASKLINT_ARGS=src/nosuch.c
check "a file that cannot be read: the job fails" summary "s['status'] == 'failed' and s['exit_status'] == 2"
check "a file that cannot be read: the report is still collected, and valid" summary "s['report']['entries'] is not None and s['report']['problems'] == []"
check "a file that cannot be read: the reason is in the log" err_has "vtasklint: error: cannot read 'src/nosuch\\.c'"

finish
