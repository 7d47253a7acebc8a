#!/usr/bin/env python3
"""gha.py: checks vtasklint's GitHub Action and example workflow, and runs them here.

There is no GitHub runner in CI, so this does the part of one that the files depend on:

  gha.py check ACTION_YML WORKFLOW_YML
      the files' structure as GitHub reads it (a composite action's keys, its steps, every
      ${{ }} expression naming a declared input, a known context or an earlier step; no
      expression spliced into a script; the workflow's permissions, the action's inputs it
      passes, an upload-sarif step that also runs after a failure, on the SARIF file written).
  gha.py run WORKFLOW_YML ACTION_DIR WORKSPACE TEMP SUMMARY_JSON [--with KEY=VALUE]...
      runs the workflow's first job: `run:` steps with bash as GitHub does (bash --noprofile
      --norc -eo pipefail), the action's composite steps with its inputs, GITHUB_OUTPUT and
      GITHUB_PATH; actions/checkout is the WORKSPACE already there, and upload-sarif is
      replaced by a check that its file is SARIF 2.1.0. --with overrides the action's inputs.
      Writes each step's outcome and the action's outputs to SUMMARY_JSON; exits 0 when the
      job succeeded, 1 when it failed.

Only the expressions the files use are understood; anything else is an error, so a change to
the files that this runner cannot follow fails the test instead of being ignored.
"""
import json
import os
import re
import subprocess
import sys

from ci_yaml import err, errors, load

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
STEP_KEYS_COMPOSITE = {"name", "id", "if", "run", "shell", "env", "working-directory", "uses",
                       "with", "continue-on-error"}
STEP_KEYS_WORKFLOW = STEP_KEYS_COMPOSITE | {"timeout-minutes"}
# The conditions understood, as functions of (the job has failed so far).
CONDITIONS = {
    None: lambda failed: not failed,
    "success()": lambda failed: not failed,
    "failure()": lambda failed: failed,
    "always()": lambda failed: True,
    "success() || failure()": lambda failed: True,
}


def strings(node):
    """Every string in a YAML tree."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def condition(step, where):
    cond = step.get("if")
    if isinstance(cond, str):
        m = EXPR.fullmatch(cond.strip())
        cond = m.group(1) if m else cond.strip()
    if cond not in CONDITIONS:
        err(f"{where}: condition {cond!r} is not one this runner understands")
        return CONDITIONS[None]
    return CONDITIONS[cond]


# ---- check ----

def check_steps(steps, where, keys, ids):
    if not isinstance(steps, list) or not steps:
        err(f"{where}: steps must be a non-empty list")
        return
    for i, s in enumerate(steps):
        w = f"{where}.steps[{i}]"
        if not isinstance(s, dict):
            err(f"{w}: not a mapping")
            continue
        for k in s:
            if k not in keys:
                err(f"{w}: unknown key {k!r}")
        if ("run" in s) == ("uses" in s):
            err(f"{w}: needs exactly one of run and uses")
        if "run" in s:
            if EXPR.search(s["run"]):
                err(f"{w}: an expression inside run: (pass it through env:)")
        if "id" in s:
            if s["id"] in ids:
                err(f"{w}: id {s['id']!r} used twice")
            ids.append(s["id"])
        for k in ("env", "with"):
            if k in s and not isinstance(s[k], dict):
                err(f"{w}: {k} must be a mapping")
        condition(s, w)


def check_expressions(node, where, allowed):
    for text in strings(node):
        for e in EXPR.findall(text):
            if not any(re.fullmatch(p, e) for p in allowed):
                err(f"{where}: expression ${{{{ {e} }}}} names nothing declared")


def check_action(a, path):
    for k in ("name", "description", "runs"):
        if k not in a:
            err(f"{path}: no {k!r}")
    runs = a.get("runs") or {}
    if runs.get("using") != "composite":
        err(f"{path}: runs.using must be 'composite'")
    inputs = a.get("inputs") or {}
    for name, spec in inputs.items():
        if not isinstance(spec, dict) or "description" not in spec:
            err(f"{path}: input {name!r} has no description")
        elif "default" in spec and not isinstance(spec["default"], str):
            err(f"{path}: input {name!r}: a default must be a string (GitHub passes strings)")
    ids = []
    steps = runs.get("steps")
    check_steps(steps, f"{path}: runs", STEP_KEYS_COMPOSITE, ids)
    for i, s in enumerate(steps or []):
        if isinstance(s, dict) and "run" in s and "shell" not in s:
            err(f"{path}: runs.steps[{i}]: a composite run step needs shell")
    allowed = [r"inputs\.(%s)" % "|".join(map(re.escape, inputs)) if inputs else r"(?!)",
               r"github\.(action_path|workspace)", r"runner\.temp",
               r"steps\.(%s)\.outputs\.[A-Za-z0-9_-]+" % "|".join(map(re.escape, ids)) if ids else r"(?!)"]
    check_expressions(a, path, allowed)
    for name, spec in (a.get("outputs") or {}).items():
        if not isinstance(spec, dict) or "value" not in spec or "description" not in spec:
            err(f"{path}: output {name!r} needs description and value")
    return inputs


def is_local_action(uses):
    return not (uses.startswith("actions/") or uses.startswith("github/"))


def check_workflow(w, path, inputs):
    on = w.get("on", w.get(True))  # YAML 1.1 reads a bare `on` as true
    if not on:
        err(f"{path}: no 'on' trigger")
    perms = w.get("permissions") or {}
    if perms.get("security-events") != "write":
        err(f"{path}: permissions.security-events must be 'write' to upload SARIF")
    jobs = w.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        err(f"{path}: no jobs")
        return
    for jname, job in jobs.items():
        where = f"{path}: jobs.{jname}"
        if "runs-on" not in job:
            err(f"{where}: no runs-on")
        ids = []
        check_steps(job.get("steps"), where, STEP_KEYS_WORKFLOW, ids)
        sarif, uploads, mine = None, [], []
        for s in job.get("steps") or []:
            uses = s.get("uses", "")
            if uses and is_local_action(uses):
                mine.append(s)
                for k in s.get("with") or {}:
                    if k not in inputs:
                        err(f"{where}: the action has no input {k!r}")
                sarif = (s.get("with") or {}).get("sarif-file", inputs.get("sarif-file", {}).get("default"))
            if uses.startswith("github/codeql-action/upload-sarif@"):
                uploads.append(s)
        if len(mine) != 1:
            err(f"{where}: expected one step using the vtasklint action, found {len(mine)}")
        if len(uploads) != 1:
            err(f"{where}: expected one upload-sarif step, found {len(uploads)}")
            continue
        up = uploads[0]
        if (up.get("with") or {}).get("sarif_file") != sarif:
            err(f"{where}: upload-sarif's sarif_file is not the file the action writes ({sarif!r})")
        if not condition(up, where)(True):
            err(f"{where}: upload-sarif does not run after a failed step")


def cmd_check(action_path, workflow_path):
    inputs = check_action(load(action_path), action_path)
    check_workflow(load(workflow_path), workflow_path, inputs)
    for e in errors:
        print(e)
    print("ok" if not errors else f"{len(errors)} problem(s)")
    return 0 if not errors else 1


# ---- run ----

class Runner:
    def __init__(self, action_dir, workspace, temp):
        self.action_dir = action_dir
        self.workspace = workspace
        self.temp = temp
        self.path_adds = []
        self.log = []
        self.counter = 0

    def expand(self, text, ctx):
        def one(m):
            e = m.group(1)
            parts = e.split(".")
            if parts[0] == "inputs" and len(parts) == 2 and parts[1] in ctx["inputs"]:
                return ctx["inputs"][parts[1]]
            if e == "github.action_path":
                return ctx["action_path"]
            if e == "github.workspace":
                return self.workspace
            if e == "runner.temp":
                return self.temp
            if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
                return ctx["steps"].get(parts[1], {}).get(parts[3], "")
            sys.exit(f"gha.py: cannot evaluate ${{{{ {e} }}}}")
        return EXPR.sub(one, str(text))

    def env(self, extra):
        env = dict(os.environ)
        env["PATH"] = os.pathsep.join(list(reversed(self.path_adds)) + [env.get("PATH", "")])
        env.update({"GITHUB_WORKSPACE": self.workspace, "RUNNER_TEMP": self.temp, "CI": "true",
                    "GITHUB_ACTIONS": "true"})
        env.update(extra)
        return env

    def run_script(self, step, ctx, where):
        self.counter += 1
        script = os.path.join(self.temp, f"step{self.counter}.sh")
        out = os.path.join(self.temp, f"step{self.counter}.output")
        path_file = os.path.join(self.temp, f"step{self.counter}.path")
        with open(script, "w", encoding="utf-8") as f:
            f.write(step["run"])
        for p in (out, path_file):
            open(p, "w", encoding="utf-8").close()
        extra = {k: self.expand(v, ctx) for k, v in (step.get("env") or {}).items()}
        extra.update({"GITHUB_OUTPUT": out, "GITHUB_PATH": path_file,
                      "GITHUB_ACTION_PATH": ctx["action_path"]})
        cwd = os.path.join(self.workspace, self.expand(step.get("working-directory", "."), ctx))
        shell = step.get("shell", "bash")
        if shell != "bash":
            sys.exit(f"gha.py: {where}: shell {shell!r} is not supported here")
        print(f"::: {where}: {step.get('name', step['run'].splitlines()[0])}", flush=True)
        rc = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                             cwd=cwd, env=self.env(extra))
        outputs = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    outputs[k] = v
        with open(path_file, encoding="utf-8") as f:
            self.path_adds += [line.strip() for line in f if line.strip()]
        return rc, outputs

    def run_steps(self, steps, ctx, where, failed_before=False):
        """Runs steps, recording each outcome and each id's outputs in ctx; true when one failed."""
        local_failed = False
        for i, s in enumerate(steps):
            w = f"{where}[{i}]"
            if not condition(s, w)(failed_before or local_failed):
                self.log.append({"step": w, "name": s.get("name"), "outcome": "skipped"})
                continue
            outputs = {}
            if "run" in s:
                rc, outputs = self.run_script(s, ctx, w)
            else:
                rc, outputs = self.uses(s, ctx, w)
            outcome = "success" if rc == 0 else "failure"
            self.log.append({"step": w, "name": s.get("name", s.get("uses")), "outcome": outcome,
                             "outputs": outputs})
            if s.get("id"):
                ctx["steps"][s["id"]] = outputs
            if rc != 0:
                local_failed = True
        return local_failed

    def uses(self, s, ctx, where):
        uses = s["uses"]
        if uses.startswith("actions/checkout@"):
            print(f"::: {where}: checkout (the workspace is already there)", flush=True)
            return 0, {}
        if uses.startswith("github/codeql-action/upload-sarif@"):
            return self.upload(s, ctx, where), {}
        if not is_local_action(uses):
            sys.exit(f"gha.py: {where}: no stand-in for {uses}")
        action = load(os.path.join(self.action_dir, "action.yml"))
        given = {k: self.expand(v, ctx) for k, v in (s.get("with") or {}).items()}
        given.update(self.overrides)
        inputs = {k: given.get(k, spec.get("default", "")) for k, spec in action["inputs"].items()}
        actx = {"inputs": inputs, "action_path": self.action_dir, "steps": {}}
        failed = self.run_steps(action["runs"]["steps"], actx, f"{where}/action")
        outputs = {k: self.expand(v["value"], actx) for k, v in (action.get("outputs") or {}).items()}
        return (1 if failed else 0), outputs

    def upload(self, s, ctx, where):
        name = self.expand((s.get("with") or {}).get("sarif_file", ""), ctx)
        path = os.path.join(self.workspace, name)
        print(f"::: {where}: upload-sarif stand-in: checking {name}", flush=True)
        try:
            with open(path, encoding="utf-8") as f:
                sarif = json.load(f)
        except (OSError, ValueError) as e:
            print(f"upload-sarif: {name}: {e}")
            return 1
        if sarif.get("version") != "2.1.0" or not sarif.get("runs"):
            print(f"upload-sarif: {name}: not SARIF 2.1.0 with a run")
            return 1
        self.uploaded = {"file": name, "results": [r.get("ruleId") for r in sarif["runs"][0].get("results", [])]}
        return 0


def cmd_run(workflow_path, action_dir, workspace, temp, summary, overrides):
    wf = load(workflow_path)
    job = next(iter(wf["jobs"].values()))
    r = Runner(os.path.abspath(action_dir), os.path.abspath(workspace), os.path.abspath(temp))
    r.overrides = dict(o.split("=", 1) for o in overrides)
    r.uploaded = None
    ctx = {"inputs": {}, "action_path": "", "steps": {}}
    failed = r.run_steps(job["steps"], ctx, "job")
    if errors:
        for e in errors:
            print(e)
        return 2
    with open(summary, "w", encoding="utf-8") as f:
        json.dump({"job": "failure" if failed else "success", "steps": r.log,
                   "uploaded": r.uploaded}, f, indent=1)
    print(f"job: {'failure' if failed else 'success'}")
    return 1 if failed else 0


def main(argv):
    if len(argv) == 3 and argv[0] == "check":
        return cmd_check(argv[1], argv[2])
    if len(argv) >= 6 and argv[0] == "run":
        rest = argv[6:]
        if len(rest) % 2 or any(rest[i] != "--with" for i in range(0, len(rest), 2)):
            sys.exit("gha.py: run: trailing arguments must be --with KEY=VALUE")
        return cmd_run(*argv[1:6], rest[1::2])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
