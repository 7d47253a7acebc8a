#!/bin/sh
# honest.sh: every failure names its real cause in one line, and nothing analysed is never
# silent (issue 12, items 7, 9, 10, 11, 12, 14, 15): output errors (a full disk, a closed pipe)
# exit 2 also with --exit-zero; --timeout rejects nan, inf and overflow; `-- @FILE` response
# files are expanded and a missing one is an error; a database entry naming a deleted file, a
# relative "directory", a missing -include, a path holding ": "; an empty directory, an empty
# shard, a configuration enabling no rule; directory walks report what they cannot search and do
# not follow symlinks out of the tree unless --follow-symlinks.
# Usage: sh honest.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

D="$T/src"
mkdir -p "$D"
write_double_await "$D/u.c" NEEDED
finding() { out_has "u\\.c:7:3: warning: .*\\[vtask-double-await\\]"; }

# ---- item 11: output errors ----
last="vtasklint u.c --exit-zero -- -DNEEDED > /dev/full"
"$VTL" "$D/u.c" --exit-zero -- -DNEEDED "$INC" >/dev/full 2>"$T/err"
rc=$?
: >"$T/out"
check "full disk: exit 2 despite --exit-zero" status_is 2
check "full disk: one line naming the cause" err_has "^vtasklint: error: cannot write the findings to standard output: No space left on device$"
last="vtasklint u.c --exit-zero -- -DNEEDED | (closed pipe)"
{ "$VTL" "$D/u.c" --exit-zero -- -DNEEDED "$INC" 2>"$T/err"; echo $? >"$T/rc"; } | true
rc=$(cat "$T/rc")
check "closed pipe: exit 2, not death by SIGPIPE" status_is 2
check "closed pipe: one line naming the cause" err_has "^vtasklint: error: cannot write the findings to standard output: Broken pipe$"

# ---- item 14: --timeout ----
for v in nan inf -inf 1e999 -1 2e6 ""; do
  last="vtasklint --timeout='$v' u.c"
  run --timeout="$v" "$D/u.c" -- "$INC"
  check "--timeout='$v': exit 2" status_is 2
  check "--timeout='$v': one line" err_lines 1
  check "--timeout='$v': says why" err_has "^vtasklint: error: --timeout: '.*' is not a number of seconds"
done

# ---- item 10: response files after -- ----
printf -- '-DNEEDED "-I%s"\n' "$ROOT/testdata/include" >"$T/args.rsp"
printf -- '@%s -std=c17\n' "$T/args.rsp" >"$T/outer.rsp"
last="vtasklint u.c -- @outer.rsp (which names @args.rsp)"
run "$D/u.c" -- "@$T/outer.rsp"
check "response file: expanded (the finding needs -DNEEDED)" finding
check "response file: exit 1" status_is 1
last="vtasklint u.c -- @missing.rsp"
run "$D/u.c" -- "@$T/missing.rsp"
check "missing response file: exit 2" status_is 2
check "missing response file: one line naming it" err_has "^vtasklint: error: cannot read response file '$T/missing.rsp': No such file or directory$"

# ---- item 9: database entries ----
P="$T/proj"
mkdir -p "$P/build" "$P/src" "$P/x: y"
cp "$D/u.c" "$P/src/u.c"
cp "$D/u.c" "$P/src/gone.c"
cp "$D/u.c" "$P/x: y/gone.c"
printf '[{"directory": "..", "file": "src/u.c", "arguments": ["cc", "-DNEEDED", "-I%s", "-c", "src/u.c"]},
 {"directory": "%s", "file": "src/gone.c", "arguments": ["cc", "-c", "src/gone.c"]},
 {"directory": "%s", "file": "x: y/gone.c", "arguments": ["cc", "-c", "x: y/gone.c"]}]\n' \
  "$ROOT/testdata/include" "$P" "$P" >"$P/build/compile_commands.json"
rm "$P/src/gone.c" "$P/x: y/gone.c"
last="vtasklint -p proj/build (a relative directory, deleted entries)"
run_in "$T" -p "$P/build" --no-cache
check "relative \"directory\": resolved against the database's directory (the finding)" out_has "src/u\\.c:7:3: warning"
check "deleted entry: exit 2" status_is 2
check "deleted entry: says the file does not exist" err_has "^vtasklint: error: cannot analyse '.*src/gone\\.c': cannot read it: No such file or directory \\(compile_commands\\.json names a file that does not exist\\)$"
check "path with ': ': the reason is whole" err_has "^vtasklint: error: cannot analyse '.*x: y/gone\\.c': cannot read it: No such file or directory"
check "no guessing" err_lacks "is the file also among"

last="vtasklint u.c -- -include missing/dir/x.h"
run "$D/u.c" --no-cache -- -include "$T/missing/dir/x.h" "$INC"
check "missing -include: exit 2" status_is 2
check "missing -include: names it" err_has "^vtasklint: error: cannot analyse '.*u\\.c': -include '$T/missing/dir/x\\.h': No such file or directory$"

mkdir -p "$T/badjson"
printf '[{"directory": 3\n' >"$T/badjson/compile_commands.json"
last="vtasklint -p badjson (a malformed compile_commands.json)"
run -p "$T/badjson"
check "malformed database: exit 2" status_is 2
check "malformed database: one line" err_lines 1
check "malformed database: names the file, line and column" err_has "^vtasklint: error: $T/badjson/compile_commands\\.json:1:17: Unexpected token"

last="vtasklint u.c -- -std=c99x"
run "$D/u.c" --no-cache -- -std=c99x "$INC"
check "invalid -std=: exit 2" status_is 2
check "invalid -std=: says so" err_has "^vtasklint: error: cannot analyse '.*u\\.c': invalid value 'c99x' in '-std=c99x'$"
echo garbage >"$T/bad.pch"
last="vtasklint u.c -- -include-pch bad.pch"
run "$D/u.c" --no-cache -- -include-pch "$T/bad.pch" "$INC"
check "bad PCH: exit 2" status_is 2
check "bad PCH: says so" err_has "^vtasklint: error: cannot analyse '.*u\\.c': -include-pch '.*bad\\.pch': not a precompiled header"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
  mkdir -p "$T/perm"
  cp "$D/u.c" "$T/perm/u.c"
  chmod 0755 "$T" "$T/perm"
  chmod 0000 "$T/perm/u.c"
  last="(as nobody) vtasklint perm/u.c (mode 000)"
  (cd "$T/perm" && exec setpriv --reuid=nobody --regid=nogroup --clear-groups "$VTL" u.c --no-cache -- "$INC") \
    >"$T/out" 2>"$T/err"
  rc=$?
  check "permission denied: exit 2" status_is 2
  check "permission denied: says so" err_has "^vtasklint: error: cannot analyse 'u\\.c': cannot read it: Permission denied$"
  chmod 0700 "$T"
fi

# Out of memory in a worker: named as such (it was "signal 6"), the other units still analysed.
# Not under the sanitizers, which reserve terabytes of address space.
if ! grep -q __asan_init "$VTL" 2>/dev/null; then
  # 600 vtasks each consumed under its own condition: the engine's path states grow to their
  # memory budget (256 MiB), more than the limit leaves.
  awk 'BEGIN { print "#include <vtask.h>"; print "vtask_t read_async(int);"; print "void f(int c) {";
    for (i = 0; i < 600; i++) printf "  vtask_t t%d = read_async(%d);\n", i, i;
    for (i = 0; i < 600; i++) printf "  if (c > %d) vtask_await(t%d);\n", i, i; print "}" }' >"$T/big.c"
  last="ulimit -v 400000; vtasklint -j1 big.c u.c -- -DNEEDED"
  (ulimit -v 400000 && exec "$VTL" -j1 --no-cache "$T/big.c" "$D/u.c" -- -DNEEDED "$INC") >"$T/out" 2>"$T/err"
  rc=$?
  check "out of memory: exit 2" status_is 2
  check "out of memory: named" err_has "^vtasklint: error: cannot analyse '.*big\\.c': out of memory"
  check "out of memory: the other unit analysed" finding
fi

# ---- item 12: nothing analysed is never silent ----

# A function skipped as nested too deeply (VTASKLINT_TEST_MAX_DEPTH, a test hook, lowers the
# bound so that 300 nested ifs exceed it) leaves exit 2 with one line, not a clean exit 0.
awk 'BEGIN { print "#include <vtask.h>"; print "vtask_t read_async(int);";
  printf "int deep(int x) { vtask_t t = read_async(x);"; for (i = 0; i < 300; i++) printf " if (x > %d)", i;
  print " x++; vtask_await(t); return x; }";
  print "int flat(int x) { return x; }" }' >"$T/deep.c"
export VTASKLINT_TEST_MAX_DEPTH=100
last="VTASKLINT_TEST_MAX_DEPTH=100 vtasklint deep.c"
run "$T/deep.c" --no-cache -- "$INC"
unset VTASKLINT_TEST_MAX_DEPTH
check "skipped function: exit 2, not 0" status_is 2
check "skipped function: the note names it" out_has "deep\\.c:3:5: note: 'deep' is nested more than 100 levels deep"
check "skipped function: one line counting them" err_has "^vtasklint: error: 1 function nested too deeply was skipped, not analysed"
# The same depth in a C function that spells nothing a vtask can be held by: nothing is left
# unanalysed (flow/mentions.h: it cannot hold one), so nothing is said.
awk 'BEGIN { print "#include <vtask.h>";
  printf "int deep(int x) {"; for (i = 0; i < 300; i++) printf " if (x > %d)", i; print " x++; return x; }" }' >"$T/deep_plain.c"
export VTASKLINT_TEST_MAX_DEPTH=100
last="VTASKLINT_TEST_MAX_DEPTH=100 vtasklint deep_plain.c"
run "$T/deep_plain.c" --no-cache -- "$INC"
unset VTASKLINT_TEST_MAX_DEPTH
check "deep function without vtasks: exit 0" status_is 0
check "deep function without vtasks: no note" out_lacks "nested more than"
mkdir -p "$T/empty"
last="vtasklint empty/"
run "$T/empty" -- "$INC"
check "empty directory: exit 0" status_is 0
check "empty directory: one line saying so" err_has "^vtasklint: warning: no C or C\\+\\+ sources found in directory '.*empty'"
check "empty directory: only that line" err_lines 1
last="vtasklint --shard=3/3 u.c"
run --shard=3/3 "$D/u.c" -- "$INC"
check "empty shard: one line saying so" err_has "^vtasklint: warning: --shard=3/3 has no units \\(there are 1 in all\\)"
mkdir -p "$T/cfg"
cp "$D/u.c" "$T/cfg/u.c"
printf "Checks: '-*,vtask-no-such-rule'\n" >"$T/cfg/.vtasklint.yaml"
last="vtasklint cfg/u.c (its .vtasklint.yaml enables no rule)"
run "$T/cfg/u.c" --no-cache -- -DNEEDED "$INC"
check "Checks enabling no rule: one warning naming the file" err_has "^$T/cfg/\\.vtasklint\\.yaml: warning: Checks '-\\*,vtask-no-such-rule' enables no rule"
check "Checks enabling no rule: exit 0" status_is 0

# ---- items 7 and 15: directory walks ----
W="$T/walk"
mkdir -p "$W/tree/sub" "$T/outside"
cp "$D/u.c" "$W/tree/a.c"
cp "$D/u.c" "$T/outside/o.c"
ln -s "$T/outside" "$W/tree/link_out"
ln -s "$T/outside/o.c" "$W/tree/file_out.c"
ln -s "$W/tree/sub" "$W/tree/link_in"
# a path longer than PATH_MAX (4096) below the tree
long=$(printf '%0200d' 0)
(cd "$W/tree/sub" && i=0 && while [ $i -lt 22 ]; do mkdir "$long" && cd "$long" || exit 1; i=$((i + 1)); done && cp "$D/u.c" deep.c)
last="vtasklint walk/tree -- -DNEEDED"
run "$W/tree" --no-cache -- -DNEEDED "$INC"
check "walk: the tree's own file analysed" out_has "tree/a\\.c:7:3: warning"
check "walk: symlinks out of the tree not followed" out_lacks "o\\.c:"
check "walk: said once" err_count "warning: .*2 symlinks leading out of the directory not followed \\(see --follow-symlinks\\)" 1
check "walk: a path longer than PATH_MAX is an error line" err_has "^vtasklint: error: cannot read '.*0000': File name too long$"
check "walk: exit 2" status_is 2
last="vtasklint --follow-symlinks walk/tree -- -DNEEDED"
run --follow-symlinks "$W/tree" --no-cache -- -DNEEDED "$INC"
check "--follow-symlinks: followed" out_has "o\\.c:7:3: warning"
check "--follow-symlinks: no symlink warning" err_lacks "symlink"

finish
