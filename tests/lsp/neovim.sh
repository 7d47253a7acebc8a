#!/bin/sh
# neovim.sh VTASKLINT ROOT: the end-to-end test with a real client (neovim_e2e.lua), on a copy
# of the example project with its compile_commands.json at the top (as `cmake -B build` plus a
# link would leave it). Skipped (77) when nvim is not installed (tools/setup.sh installs it),
# except in CI, where that fails.
set -u
VTL=$1
ROOT=$(cd "$2" && pwd)
case $VTL in /*) ;; *) VTL="$(pwd)/$VTL" ;; esac
if ! command -v nvim >/dev/null 2>&1; then
  # In CI a missing client is a broken set-up, not a reason to pass.
  [ -n "${CI:-}" ] && { echo "neovim.sh: nvim not installed (tools/setup.sh installs it)"; exit 1; }
  echo "neovim.sh: nvim not installed; skipped"
  exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cp -r "$ROOT/testdata/example-project" "$T/proj"
cp -r "$ROOT/testdata/include" "$T/include"
cat >"$T/proj/compile_commands.json" <<JSON
[
$(for f in cache conn log main reply; do
  printf '{"directory": "%s", "command": "cc -I%s/include -I%s/include -std=c17 -c src/%s.c", "file": "src/%s.c"},\n' \
    "$T/proj" "$T/proj" "$T" "$f" "$f"
done | sed '$ s/,$//')
]
JSON
cd "$T" || exit 1
HOME=$T XDG_STATE_HOME=$T XDG_DATA_HOME=$T XDG_CONFIG_HOME=$T VTL_EXE=$VTL VTL_FILE=$T/proj/src/conn.c \
  timeout 600 nvim --headless -u NONE -i NONE -n \
  -c "lua local ok, e = pcall(dofile, '$ROOT/tests/lsp/neovim_e2e.lua') if not ok then io.stderr:write('neovim e2e: ' .. tostring(e) .. '\\n') vim.cmd('cquit 2') end" </dev/null
rc=$?
echo
[ $rc -eq 0 ] || echo "neovim.sh: nvim exited with $rc"
exit $rc
