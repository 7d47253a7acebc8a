#!/bin/sh
# bazel.sh: the Bazel aspect (bazel/vtasklint.bzl) on the workspace testdata/bazel, with Debian's
# bazel-bootstrap, offline. The planted findings appear, text and SARIF, with the flags that gate
# them (local_defines, defines, copts) and with the configuration of each directory; a second
# build runs nothing; after `bazel clean` the disk cache serves every action; editing a header
# re-runs only the sources that include it, editing a configuration only the sources it governs;
# --@vtasklint//:fail_on_findings fails the build; with no configuration listed, each action gets
# vtasklint's defaults; --@vtasklint//:binary swaps the binary; a source that cannot be analysed
# fails. Everything Bazel writes (its output root, the disk cache, the workspace copy) lives in
# BUILD_DIR/bazel-e2e; the server is shut down at the end.
# In CI a missing bazel fails the test; elsewhere it is skipped (exit 77).
. "$(dirname "$0")/lib/harness.sh" "$@"

if ! command -v bazel >/dev/null 2>&1; then
  echo "bazel.sh: no bazel on PATH (Debian's bazel-bootstrap; sh tools/setup.sh test installs it)"
  [ -n "${CI:-}" ] && exit 1
  exit 77
fi

B=$(cd "$(dirname "$VTL")" && pwd)/bazel-e2e
WS=$B/ws
rm -rf "$B"
mkdir -p "$B"
# A copy, links resolved (vtask/vtask.h), so the edits below never touch the source tree.
cp -RL "$ROOT/testdata/bazel" "$WS"

# The user's ~/.bazelrc stays out; Debian's /etc/bazel/bazelrc (its install base) stays in.
# A server left behind by a killed test exits by itself after 10 idle minutes.
startup="--output_user_root=$B/root --nohome_rc --max_idle_secs=600"
flags="--config=vtasklint --override_repository=vtasklint=$ROOT/bazel --repo_env=VTASKLINT=$VTL
  --disk_cache=$B/disk-cache --symlink_prefix=/ --nosandbox_debug --color=no --curses=no
  --noshow_progress"
# Under the sanitizers, the actions get the suite's options (Bazel passes no environment).
for v in ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS; do
  eval "[ -n \"\${$v:-}\" ]" && flags="$flags --action_env=$v"
done
shutdown() { (cd "$WS" && timeout 300 bazel $startup shutdown) >/dev/null 2>&1; }
trap 'shutdown; rm -rf "$T"' EXIT

# bz N COMMAND ARGS...: one bazel command in the workspace (a loaded 2-core machine: 15 minutes
# at most); its output in $T/err, the execution log of what it ran in $B/log-N.json, its status
# in $rc. ARGS come after the common flags, so they win over what --config=vtasklint sets.
bz() {
  n=$1
  cmd=$2
  shift 2
  last="bazel $cmd $*"
  (cd "$WS" && exec timeout 900 bazel $startup "$cmd" $flags --execution_log_json_file="$B/log-$n.json" "$@") \
    >"$T/out" 2>"$T/err"
  rc=$?
}
build() { bz "$1" build //...; }

# ran [hit]: the sources whose vtasklint action the last command executed, or ("hit") that the
# cache served. The log is a sequence of JSON objects, each closed by a "}" at the start of a line.
ran() {
  awk -v want="${1:-run}" '
    /"progressMessage": "vtasklint / { src = $0; sub(/.*"vtasklint /, "", src); sub(/",?$/, "", src) }
    /"remoteCacheHit": true/ { hit = 1 }
    /^}/ { if (src != "" && (want == "hit") == hit) print src; src = ""; hit = 0 }' "$B/log-$n.json" | sort | tr '\n' ' '
}
ran_is() { [ "$(ran run)" = "$1" ]; }
hits_are() { [ "$(ran hit)" = "$1" ]; }
summary_has() { grep -q -E -- "$1" "$T/err"; }

OUT=""
outputs() { OUT=$(cd "$WS" && timeout 300 bazel $startup info bazel-bin $flags 2>/dev/null); }
# finding FILE RULE LINE [LEVEL]: the text findings of FILE (its path in the workspace) name RULE
# at LINE, as a warning or LEVEL.
finding() { grep -q -E "^$1:$3:[0-9]+: ${4:-warning}: .*\\[$2\\]" "$(result "$1").txt"; }
no_finding() { ! grep -q -E "\\[$2\\]" "$(result "$1").txt"; }
sarif_has() { grep -q "\"ruleId\": \"$2\"" "$(result "$1").sarif" && grep -q '"version": "2.1.0"' "$(result "$1").sarif"; }
# sarif_clean FILE: FILE's SARIF is JSON whose URIs are relative to the workspace (FILE itself
# appears so) and which names no path of the machine that ran it (no sandbox, no output base).
sarif_clean() {
  python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$(result "$1").sarif" &&
    grep -q "\"uri\": \"$1\"" "$(result "$1").sarif" && ! grep -q -e "$B" -e 'file://' "$(result "$1").sarif"
}
# result FILE: the output path of FILE's findings, without the extension (the target is named by
# the test: net/* belong to //net:net, app/main.c to //app:app, app/net_test.cc to //app:net_test,
# app/ok.c to //app:ok).
result() {
  case $1 in
  net/*) echo "$OUT/net/_vtasklint/net/$1" ;;
  app/main.c) echo "$OUT/app/_vtasklint/app/$1" ;;
  app/net_test.cc) echo "$OUT/app/_vtasklint/net_test/$1" ;;
  app/ok.c) echo "$OUT/app/_vtasklint/ok/$1" ;;
  esac
}

ALL="app/main.c app/net_test.cc app/ok.c net/conn.c net/poll.cc net/retry.c "

# 1. From nothing: every source analysed once, each planted finding found.
build 1
check "the first build succeeds" status_is 0
check "the first build analyses each source once" ran_is "$ALL"
outputs
check "bazel info names the output tree" test -d "$OUT"
check "net/conn.c: a double await under local_defines" finding net/conn.c vtask-double-await 8
check "net/retry.c: an unfinished result under copts, an error by .vtasklint.yaml" \
  finding net/retry.c vtask-blocking-unfinished 7 error
check "net/poll.cc: a discarded vtask in C++" finding net/poll.cc vtask-discarded 7
check "app/main.c: a double await under net's exported defines" finding app/main.c vtask-double-await 9
check "app/net_test.cc: a double await in a cc_test" finding app/net_test.cc vtask-double-await 8
check "app/.vtasklint.yaml governs app/main.c (no vtask-discarded)" no_finding app/main.c vtask-discarded
check "app/ok.c: no finding" test ! -s "$(result app/ok.c).txt"
check "SARIF beside the text: net/conn.c" sarif_has net/conn.c vtask-double-await
check "SARIF beside the text: app/net_test.cc" sarif_has app/net_test.cc vtask-double-await
check "SARIF URIs are relative to the workspace, with no machine's path" sarif_clean net/conn.c

# 2. Nothing changed: nothing runs.
build 2
check "the second build succeeds" status_is 0
check "the second build runs no vtasklint action" ran_is ""
check "the second build executes no process (only Bazel's internal one)" \
  summary_has "^INFO: [0-9]+ process(es)?: [0-9]+ internal\\.$"

# 3. Output tree and action cache gone: the disk cache (a remote cache's stand-in) serves all.
(cd "$WS" && timeout 300 bazel $startup clean) >"$T/out" 2>"$T/err"
build 3
check "after bazel clean, the build succeeds" status_is 0
check "after bazel clean, no vtasklint action runs" ran_is ""
check "after bazel clean, the disk cache serves every action" hits_are "$ALL"
outputs
check "a cached result is the same findings" finding net/conn.c vtask-double-await 8

# 4. One header edited: only its includers run again (net.h is not included by retry.c).
echo '/* edited */' >>"$WS/net/retry.h"
build 4
check "after editing net/retry.h, the build succeeds" status_is 0
check "only the includers of net/retry.h run again" ran_is "app/net_test.cc net/retry.c "
echo '/* edited */' >>"$WS/net/net.h"
build 5
check "only the includers of net/net.h run again" ran_is "app/main.c app/net_test.cc net/conn.c "

# 5. A configuration edited: only the sources it governs run again, and see it.
printf "Checks: '*'\n" >"$WS/app/.vtasklint.yaml"
build 6
check "after editing app/.vtasklint.yaml, the build succeeds" status_is 0
check "only the sources under app/ run again" ran_is "app/main.c app/net_test.cc app/ok.c "
check "app/main.c now reports the discarded vtask" finding app/main.c vtask-discarded 11

# 6. The failing mode: a source without findings passes, each one with findings fails.
bz 7 build --@vtasklint//:fail_on_findings //app:ok
check "with fail_on_findings, a target without findings builds" status_is 0
check "... and was analysed in that mode" ran_is "app/ok.c "
bz 8 build --keep_going --@vtasklint//:fail_on_findings //...
check "with fail_on_findings, findings fail the build" status_is 1
check "the failure names the source and shows its finding" \
  grep -q -E "^net/retry.c:7:10: error: .*\\[vtask-blocking-unfinished\\]" "$T/err"
check "the failure says why" grep -q "findings in 'net/retry.c' (--@vtasklint//:fail_on_findings)" "$T/err"

# 7. A source vtasklint cannot analyse (its configuration is broken) fails its action, with
# vtasklint's reason, also without fail_on_findings.
bz 11 build //broken:broken
check "a source that cannot be analysed fails the build" status_is 1
check "... and says which and why" grep -q "vtasklint: could not analyse 'broken/broken.c' (exit status 2)" "$T/err"
check "... with vtasklint's own message" grep -q "broken/.vtasklint.yaml:3:1: error: " "$T/err"

# 8. No configuration listed: each action gets the empty one (vtasklint's defaults), and no
# .vtasklint.yaml of the workspace is read. (.bazelrc is edited: Bazel 4.2 lets a Starlark flag
# that --config=vtasklint sets win over the same flag given after it on the command line.)
sed -i 's|--@vtasklint//:config=.*|--@vtasklint//:config=@vtasklint//:no_config|' "$WS/.bazelrc"
bz 9 build //net:net
check "with no configuration, the build succeeds" status_is 0
check "with no configuration, an unfinished result is a warning again" \
  finding net/retry.c vtask-blocking-unfinished 7

# 9. Another binary: --@vtasklint//:binary names a file of the workspace instead of @vtasklint_bin.
mkdir -p "$WS/tools"
cp "$VTL" "$WS/tools/vtasklint"
echo 'exports_files(["vtasklint"])' >"$WS/tools/BUILD"
bz 10 build --@vtasklint//:binary=//tools:vtasklint //app:ok
check "with --@vtasklint//:binary, the build succeeds" status_is 0
check "with --@vtasklint//:binary, the action runs again" ran_is "app/ok.c "
check "... with that binary" grep -q '"commandArgs": \["external/vtasklint/run_vtasklint.sh", "tools/vtasklint"' "$B/log-10.json"


finish
