#!/bin/sh
# precommit.sh: the repository's .pre-commit-hooks.yaml through Debian's pre-commit, offline:
# `pre-commit try-repo <this repository> vtasklint --all-files` in a throwaway git repository
# whose compile_commands.json gives the units their -I. A planted double await fails the hook and
# the finding is shown; a clean file passes it; a header reaches vtasklint and is clean. The hook
# is `language: system`: the vtasklint under test is put first on PATH. The project's database is
# build/compile_commands.json, found as clangd finds it.
# pre-commit missing is a failure, not a skip (tools/setup.sh installs it).
# Usage: sh precommit.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

if ! command -v pre-commit >/dev/null 2>&1; then
  echo "FAIL: pre-commit is not installed (apt-get install pre-commit; tools/setup.sh does)"
  exit 1
fi

# try-repo clones the hook repository: the source root when it is a git work tree with a commit
# (CI's fresh clone, a developer's checkout), else a repository made here of the hook file alone.
HOOKS="$ROOT"
if ! git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null 2>&1; then
  HOOKS="$T/hooks"
  mkdir -p "$HOOKS"
  cp "$ROOT/.pre-commit-hooks.yaml" "$HOOKS/"
  git -C "$HOOKS" init -q && git -C "$HOOKS" add . && git -C "$HOOKS" commit -q -m hooks
fi

export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export PRE_COMMIT_HOME="$T/pre-commit-home" PRE_COMMIT_COLOR=never
mkdir -p "$T/bin"
ln -s "$VTL" "$T/bin/vtasklint"
PATH="$T/bin:$PATH"

# ---- the throwaway project ----

P="$T/proj"
mkdir -p "$P/src" "$P/include"
cp "$ROOT/testdata/include/vtask.h" "$P/include/"
write_double_await "$P/src/bad.c"
cat >"$P/src/good.c" <<'C'
#include <vtask.h>
vtask_t read_async(int fd);
void *once(int fd) {
  vtask_t t = read_async(fd);
  return vtask_await(t);
}
C
# The database where a CMake configure into build/ puts it: the hook finds it with no args.
mkdir -p "$P/build"
cat >"$P/build/compile_commands.json" <<JSON
[
  {"directory": "$P", "file": "src/bad.c", "arguments": ["cc", "-std=c17", "-Iinclude", "-c", "src/bad.c"]},
  {"directory": "$P", "file": "src/good.c", "arguments": ["cc", "-std=c17", "-Iinclude", "-c", "src/good.c"]}
]
JSON
printf 'build/\n' >"$P/.gitignore"
git -C "$P" init -q
git -C "$P" add .

# precommit ARGS...: pre-commit try-repo in the project; its output in $T/out, stderr in $T/err.
precommit() {
  last="pre-commit try-repo $HOOKS vtasklint $*"
  (cd "$P" && exec pre-commit try-repo "$HOOKS" vtasklint "$@") >"$T/out" 2>"$T/err"
  rc=$?
}

# ---- the planted mistake fails the hook ----

precommit --all-files
check "a finding fails the hook" status_is 1
check "the hook is reported as failed" out_has '^vtasklint\.+Failed$'
check "vtasklint's exit status is shown" out_has 'exit code: 1$'
check "the finding names the planted mistake" out_has '(^|/)src/bad\.c:6:3: warning: .*\[vtask-double-await\]$'
check "nothing else is found (the header and the clean file are clean)" out_count ': (warning|error): ' 1

# ---- a clean file passes ----

precommit --files src/good.c
check "a clean file passes the hook" status_is 0
check "the hook is reported as passed" out_has '^vtasklint\.+Passed$'
check "no finding is shown" out_lacks ': (warning|error): '

precommit --files include/vtask.h
check "a header alone passes the hook" status_is 0
check "the header was given to the hook" out_has '^vtasklint\.+Passed$'

# ---- files the hook does not take ----

printf 'not C\n' >"$P/notes.txt"
git -C "$P" add notes.txt
precommit --files notes.txt
check "a text file is not given to vtasklint" out_has '^vtasklint\.+\(no files to check\)Skipped$'

finish
