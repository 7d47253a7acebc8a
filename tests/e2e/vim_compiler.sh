#!/bin/sh
# vim_compiler.sh: editors/vim/compiler/vtasklint.vim in a real Vim (Neovim, headless): its
# errorformat reads vtasklint's text format (snippets and all) and --format=concise into
# exactly one quickfix entry per finding and per note, each at its file, line and column; the
# summary line, snippet and caret lines give none. (Vim's default errorformat gives extra
# entries without a location for each snippet line: the reason for the plugin.)
. "$(dirname "$0")/lib/harness.sh" "$@"

D=$T/proj
mkdir -p "$D"
write_double_await "$D/a.c"
printf '#include <vtask.h>\nvtask_t read_async(int fd);\nvoid drop(int fd) {\n  read_async(fd);\n}\n' >"$D/b.c"

if ! command -v nvim >/dev/null 2>&1; then
  echo "FAIL: nvim is needed (sh tools/setup.sh installs neovim)"
  failed=$((failed + 1))
  finish
  exit
fi

# quickfix FILE: the quickfix entries the compiler's errorformat makes of FILE, one per line:
# file|line|col|type|valid
quickfix() {
  (cd "$D" && nvim -u NONE -i NONE --headless -es --cmd "set rtp^=$ROOT/editors/vim" -c "compiler vtasklint" \
    -c "cgetfile $1" \
    -c "call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . '|' . e.lnum . '|' . e.col . '|' . e.type . '|' . e.valid}), '$T/qf.out')" \
    -c 'qa!') >/dev/null 2>&1
  cat "$T/qf.out"
}

last="vtasklint a.c b.c -- ... (text format)"
run_in "$D" --no-cache a.c b.c -- -std=c17 "$INC"
check "text: exit 1" status_is 1
check "text: snippet lines present" out_has "^ +[0-9]+ \\| "
cat "$T/out" "$T/err" >"$T/text.txt"
want=$(printf 'a.c|6|3|w|1\na.c|5|3|n|1\nb.c|4|3|w|1')
check "text: one entry per finding and note, each jumpable, nothing else" \
  [ "$(quickfix "$T/text.txt")" = "$want" ]

last="vtasklint --format=concise a.c b.c -- ..."
run_in "$D" --no-cache --format=concise a.c b.c -- -std=c17 "$INC"
cat "$T/out" "$T/err" >"$T/concise.txt"
check "concise: one entry per finding" [ "$(quickfix "$T/concise.txt")" = "$(printf 'a.c|6|3|w|1\nb.c|4|3|w|1')" ]

last="vtasklint missing.c"
run_in "$D" --no-cache missing.c -- -std=c17
cat "$T/out" "$T/err" >"$T/err.txt"
check "vtasklint's own error: an entry (without a location)" \
  [ "$(quickfix "$T/err.txt" | grep -c '^|0|0|e|')" -ge 1 ]
finish
