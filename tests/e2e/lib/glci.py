#!/usr/bin/env python3
"""glci.py: checks the example GitLab CI job and runs it here, as a GitLab runner would.

There is no GitLab runner in CI (Debian has none), so this does the part of one the file
depends on:

  glci.py check CI_YML
      the file's structure: GitLab's top-level and job keywords only; for each job a script,
      and a Code Quality report (artifacts.reports.codequality) collected also when the job
      fails (artifacts.when: always), named by the script's --output-file; findings (exit
      status 1) allowed to fail and an analysis that could not be completed (2) not.
  glci.py run CI_YML PROJECT_DIR SUMMARY_JSON [--var NAME=VALUE]...
      runs the file's one job in PROJECT_DIR: its variables (expanded as GitLab expands them,
      --var overriding them as a pipeline variable would), before_script and script in one
      bash with `set -eo pipefail`. An apt-get line is not run (no network, no root needed):
      instead each package it names must be installed here or known to apt. Then the job's
      status as GitLab decides it from the exit status and allow_failure, and the Code Quality
      report checked against GitLab's format. Writes the status, the exit status and the
      report's entries to SUMMARY_JSON; exits 0 when the check passes.
"""
import json
import os
import re
import shlex
import subprocess
import sys

from ci_yaml import err, errors, load

GLOBAL_KEYS = {"default", "include", "stages", "variables", "workflow", "image", "services",
               "cache", "before_script", "after_script"}
JOB_KEYS = {"after_script", "allow_failure", "artifacts", "before_script", "cache", "coverage",
            "dependencies", "environment", "extends", "hooks", "id_tokens", "image", "inherit",
            "interruptible", "needs", "parallel", "release", "resource_group", "retry", "rules",
            "script", "secrets", "services", "stage", "tags", "timeout", "trigger", "variables",
            "when"}
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def jobs_of(doc):
    return {k: v for k, v in doc.items() if k not in GLOBAL_KEYS and not str(k).startswith(".")}


def exit_codes(job):
    af = job.get("allow_failure", False)
    if isinstance(af, dict):
        codes = af.get("exit_codes", [])
        return set(codes if isinstance(codes, list) else [codes])
    return "all" if af is True else set()


def report_name(job):
    return ((job.get("artifacts") or {}).get("reports") or {}).get("codequality")


def check(path):
    doc = load(path)
    jobs = jobs_of(doc)
    if not jobs:
        err(f"{path}: no job")
    for name, job in jobs.items():
        w = f"{path}: {name}"
        if not isinstance(job, dict):
            err(f"{w}: not a mapping")
            continue
        for k in job:
            if k not in JOB_KEYS:
                err(f"{w}: unknown job keyword {k!r}")
        for k in ("before_script", "script"):
            v = job.get(k, [])
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                err(f"{w}: {k} must be a list of strings")
        if not job.get("script"):
            err(f"{w}: no script")
        for k, v in (job.get("variables") or {}).items():
            if not isinstance(v, (str, int)):
                err(f"{w}: variable {k} must be a string")
        report = report_name(job)
        if not report:
            err(f"{w}: no artifacts.reports.codequality")
            continue
        if (job.get("artifacts") or {}).get("when") != "always":
            err(f"{w}: artifacts.when is not 'always': a job with findings would lose its report")
        if not any(f"--output-file={report}" in line or re.search(rf">\s*{re.escape(report)}\b", line)
                   for line in job.get("script", [])):
            err(f"{w}: no script line writes {report}")
        codes = exit_codes(job)
        if codes != "all" and 1 not in codes:
            err(f"{w}: findings (exit status 1) fail the job; allow_failure: exit_codes: 1")
        if codes == "all" or 2 in codes:
            err(f"{w}: an analysis that could not be completed (exit status 2) must fail the job")
    for e in errors:
        print(e)
    print("ok" if not errors else f"{len(errors)} problem(s)")
    return 0 if not errors else 1


def expand(value, env):
    """$NAME and ${NAME} as GitLab expands them in variables (an unknown name is empty)."""
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: env.get(m.group(1), ""), str(value))


def apt_packages(line):
    """The packages of an `apt-get install` line, or None when the line is not apt-get."""
    words = shlex.split(line)
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        words.pop(0)
    if not words or words[0] != "apt-get":
        return None
    if "install" not in words:
        return []
    return [w for w in words[words.index("install") + 1:] if not w.startswith("-")]


def known_package(p):
    if subprocess.call(["dpkg-query", "-W", p], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
        return True
    out = subprocess.run(["apt-cache", "policy", p], capture_output=True, text=True).stdout
    return "Candidate:" in out and "(none)" not in out


def validate_report(path):
    """GitLab's Code Quality format: a JSON array of issues; the problems found."""
    problems = []
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        return None, [f"{path}: {e}"]
    if not isinstance(doc, list):
        return None, [f"{path}: not a JSON array"]
    seen = set()
    for i, x in enumerate(doc):
        w = f"{path}[{i}]"
        for k in ("description", "check_name", "fingerprint", "severity"):
            if not isinstance(x.get(k), str) or not x.get(k):
                problems.append(f"{w}: no {k}")
        if x.get("severity") not in SEVERITIES:
            problems.append(f"{w}: severity {x.get('severity')!r}")
        loc = x.get("location") or {}
        p = loc.get("path")
        if not isinstance(p, str) or p.startswith("/") or p.startswith("./"):
            problems.append(f"{w}: location.path {p!r} is not relative to the repository")
        begin = (loc.get("lines") or {}).get("begin")
        if not isinstance(begin, int) or begin < 1:
            problems.append(f"{w}: location.lines.begin {begin!r}")
        if x.get("fingerprint") in seen:
            problems.append(f"{w}: fingerprint repeated")
        seen.add(x.get("fingerprint"))
    return doc, problems


def run(path, project, summary, overrides):
    doc = load(path)
    name, job = next(iter(jobs_of(doc).items()))
    project = os.path.abspath(project)
    env = dict(os.environ)
    env.update({"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": project, "CI_JOB_NAME": name})
    for k, v in list((doc.get("variables") or {}).items()) + list((job.get("variables") or {}).items()):
        env[k] = expand(v, env)
    for o in overrides:
        k, v = o.split("=", 1)
        env[k] = v
    lines, stand_ins = ["set -eo pipefail"], []
    for line in job.get("before_script", []) + job["script"]:
        pkgs = apt_packages(line)
        if pkgs is None:
            lines.append(f"echo {shlex.quote('$ ' + line)}")
            lines.append(line)
            continue
        missing = [p for p in pkgs if not known_package(p)]
        stand_ins.append({"line": line, "missing": missing})
        print(f"$ {line}\n(not run: {len(pkgs)} package(s) checked, {len(missing)} unknown {missing})", flush=True)
    script = os.path.join(project, "..", f".glci-{name}.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    rc = subprocess.call(["bash", "--noprofile", "--norc", script], cwd=project, env=env)
    codes = exit_codes(job)
    if rc == 0:
        status = "passed"
    elif codes == "all" or rc in codes:
        status = "passed with warnings"
    else:
        status = "failed"
    report = {"file": report_name(job), "entries": None, "problems": []}
    if report["file"] and (status != "failed" or (job.get("artifacts") or {}).get("when") in ("always", "on_failure")):
        doc_r, problems = validate_report(os.path.join(project, report["file"]))
        report["entries"] = doc_r
        report["problems"] = problems
    result = {"status": status, "exit_status": rc, "apt": stand_ins, "report": report}
    with open(summary, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    print(f"job {name}: {status} (exit status {rc})")
    for p in report["problems"]:
        print(p)
    ok = not report["problems"] and all(not s["missing"] for s in stand_ins)
    return 0 if ok else 1


def main(argv):
    if len(argv) == 2 and argv[0] == "check":
        return check(argv[1])
    if len(argv) >= 4 and argv[0] == "run":
        rest = argv[4:]
        if len(rest) % 2 or any(rest[i] != "--var" for i in range(0, len(rest), 2)):
            sys.exit("glci.py: run: trailing arguments must be --var NAME=VALUE")
        return run(argv[1], argv[2], argv[3], rest[1::2])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
