#!/usr/bin/env python3
"""lsp_latency.py [VTASKLINT] [-n EDITS] [--file PATH ...]: how long `vtasklint --lsp` takes from an edit to its
diagnostics (docs/performance.md, "The language server"). Two files, each opened once and then
edited N times (default 20): a C++20 unit including <future>, <vector> and <string>, and a C
unit including <vtask.h>. Each edit toggles a second get() of a std::future (or a second
vtask_await), so every edit changes the findings; the time is from writing the didChange to
reading the publishDiagnostics of that version. Prints the first analysis (the parse that builds
the preamble) and the median, minimum and maximum of the edits. Targets (issue 13): C++ 150 ms,
C 30 ms (medians). A measurement, never a test: the machine may be loaded; say so with the
figures. With --file, each PATH of a real project (with its compile_commands.json above it) is
opened and edited instead, by adding and removing a comment line at its end."""
import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lsp"))
from lspclient import Server, uri  # noqa: E402

CXX = """#include <future>
#include <string>
#include <vector>

int compute(int x);

std::string summary(const std::vector<int> &xs) {
  std::future<int> f = std::async(std::launch::async, compute, static_cast<int>(xs.size()));
  int n = f.get();
  // EDIT
  return std::to_string(n);
}
"""
C = """#include <vtask.h>
vtask_t read_async(int fd);
int twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  // EDIT
  return 0;
}
"""


def measure(s, path, text, edit, n):
    u = uri(path)
    t0 = time.monotonic()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": u, "languageId": "cpp" if path.endswith("cpp") else "c",
                                                       "version": 1, "text": text}})
    first = s.diagnostics(u, 1, timeout=600)
    t_open = time.monotonic() - t0
    line = text.split("\n").index("  // EDIT")
    times, counts, parts = [], set(), []
    for v in range(2, n + 2):
        new = edit if v % 2 == 0 else "// EDIT"
        old_len = len("  // EDIT") if v == 2 or v % 2 == 0 else len("  " + edit)
        change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": old_len}},
                  "text": "  " + new}
        t0 = time.monotonic()
        s.notify("textDocument/didChange", {"textDocument": {"uri": u, "version": v}, "contentChanges": [change]})
        p = s.diagnostics(u, v, timeout=600)
        times.append(time.monotonic() - t0)
        counts.add(len(p["diagnostics"]))
        tr = s.wait(lambda m: m.get("method") == "$/logTrace" and " version %d:" % v in m["params"]["message"])
        m = re.search(r"(re)?parse ([0-9.]+) ms, analysis ([0-9.]+) ms \(CPU ([0-9.]+) ms\)", tr["params"]["message"])
        parts.append((float(m.group(2)), float(m.group(3)), float(m.group(4))))
    return t_open, times, len(first["diagnostics"]), counts, parts


def measure_file(vtl, path, n):
    """A file of a real project (its compile_commands.json found upward, as an editor's would
    be): opened, then edited n times by adding and removing a comment line at its end."""
    text = open(path, encoding="utf-8", errors="replace").read()
    if not text.endswith("\n"):
        text += "\n"
    last = text.count("\n")
    s = Server(os.path.abspath(vtl), cwd=os.path.dirname(path))
    s.initialize(trace="messages")
    load = os.getloadavg()
    u = uri(path)
    t0 = time.monotonic()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": u, "languageId": "cpp" if path.endswith(
        ("cpp", "cc", "cxx")) else "c", "version": 1, "text": text}})
    first = s.diagnostics(u, 1, timeout=600)
    t_open = time.monotonic() - t0
    times, cpu = [], []
    for v in range(2, n + 2):
        if v % 2 == 0:
            change = {"range": {"start": {"line": last, "character": 0}, "end": {"line": last, "character": 0}},
                      "text": "// edited\n"}
        else:
            change = {"range": {"start": {"line": last, "character": 0}, "end": {"line": last + 1, "character": 0}},
                      "text": ""}
        t0 = time.monotonic()
        s.notify("textDocument/didChange", {"textDocument": {"uri": u, "version": v}, "contentChanges": [change]})
        s.diagnostics(u, v, timeout=600)
        times.append((time.monotonic() - t0) * 1000)
        tr = s.wait(lambda m: m.get("method") == "$/logTrace" and " version %d:" % v in m["params"]["message"])
        m = re.search(r"\(CPU ([0-9.]+) ms\)", tr["params"]["message"])
        cpu.append(float(m.group(1)))
    full = any(m.get("method") == "window/logMessage" and "function bodies" in m["params"]["message"] for m in s.seen)
    s.shutdown()
    print("vtasklint --lsp on %s (load average %.2f %.2f %.2f, %d cores):\n  first analysis %.0f ms, %d findings; "
          "edit -> diagnostics: median %.1f ms (min %.1f, max %.1f); worker CPU median %.1f ms; %s"
          % (path, load[0], load[1], load[2], os.cpu_count(), t_open * 1000, len(first["diagnostics"]),
             statistics.median(times), min(times), max(times), statistics.median(cpu),
             "the worker logged a parse with the preamble's bodies (the file's code may need them)" if full
             else "no parse with the preamble's bodies logged"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vtasklint", nargs="?", default=os.path.join(HERE, "..", "build", "vtasklint"))
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--file", action="append", default=[],
                    help="a file of a real project instead of the two built-in ones (repeatable)")
    a = ap.parse_args()
    if a.file:
        for f in a.file:
            measure_file(a.vtasklint, os.path.abspath(f), a.n)
        return
    root = os.path.abspath(os.path.join(HERE, ".."))
    t = tempfile.mkdtemp(prefix="vtl-lsp-bench-")
    try:
        cxx, c = os.path.join(t, "u.cpp"), os.path.join(t, "u.c")
        with open(cxx, "w") as f:
            f.write(CXX)
        with open(c, "w") as f:
            f.write(C)
        inc = os.path.join(root, "testdata", "include")
        db = [{"directory": t, "command": "c++ -std=c++20 -c u.cpp", "file": "u.cpp"},
              {"directory": t, "command": "cc -std=c17 -I%s -c u.c" % inc, "file": "u.c"}]
        with open(os.path.join(t, "compile_commands.json"), "w") as f:
            json.dump(db, f)
        s = Server(os.path.abspath(a.vtasklint), cwd=t)
        s.initialize(trace="messages")
        load = os.getloadavg()
        print("vtasklint --lsp: edit -> publishDiagnostics, %d edits per file (load average %.2f %.2f %.2f, %d cores)"
              % (a.n, load[0], load[1], load[2], os.cpu_count()))
        for name, path, text, edit, target in (
                ("C++20 with <future> <vector> <string>", cxx, CXX, "n += f.get();", 150),
                ("C with <vtask.h>", c, C, "vtask_await(t);", 30)):
            t_open, times, nfirst, counts, parts = measure(s, path, text, edit, a.n)
            ms = [x * 1000 for x in times]
            med = statistics.median
            print("  %s:\n    first analysis %.0f ms; edit -> diagnostics: median %.1f ms (min %.1f, max %.1f; "
                  "target %d ms)\n    in the worker (medians): reparse %.1f ms, analysis %.1f ms, CPU %.1f ms; "
                  "findings per version %s" % (name, t_open * 1000, med(ms), min(ms), max(ms), target,
                                               med(p[0] for p in parts), med(p[1] for p in parts),
                                               med(p[2] for p in parts), sorted(counts | {nfirst})))
        s.shutdown()
    finally:
        shutil.rmtree(t, ignore_errors=True)


main()
