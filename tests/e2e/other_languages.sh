#!/bin/sh
# other_languages.sh: a database lists every compilation of a build, also those of assembler
# files (zstd's lib/decompress/huf_decompress_amd64.S), Fortran or Rust. libclang parses them as
# C and reports errors that are none, which made a clean build exit 1. Such entries are left
# out (--stats counts them), by extension or by their -x, and never lend their command to a
# header; a FILE named of such a language is one error line, the other FILEs still analysed.
# Usage: sh other_languages.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
mkdir -p "$P/src" "$P/build"
write_double_await "$P/src/a.c"
printf '.section .note.GNU-stack,"",%%progbits\n.text\n.globl fast\nfast:\n  movq %%rdi, %%rax\n  ret\n' >"$P/src/fast.S"
cp "$P/src/fast.S" "$P/src/plain.s"
printf '      program hello\n      print *, "hi"\n      end program hello\n' >"$P/src/hello.f90"
cp "$P/src/a.c" "$P/src/asm_by_x.c"
cat >"$P/build/compile_commands.json" <<EOF
[
 {"directory": "$P", "file": "src/a.c", "arguments": ["cc", "$INC", "-c", "src/a.c"]},
 {"directory": "$P", "file": "src/fast.S", "arguments": ["cc", "-O2", "-c", "src/fast.S"]},
 {"directory": "$P", "file": "src/plain.s", "arguments": ["cc", "-c", "src/plain.s"]},
 {"directory": "$P", "file": "src/hello.f90", "arguments": ["gfortran", "-c", "src/hello.f90"]},
 {"directory": "$P", "file": "src/asm_by_x.c", "arguments": ["cc", "-x", "assembler-with-cpp", "-c", "src/asm_by_x.c"]}
]
EOF
F='src/a\.c:6:3: warning: .*\[vtask-double-await\]'

last="vtasklint --stats -p build (a.c, two assembler files, Fortran, a .c compiled as assembler)"
run_in "$P" --no-cache --stats -p build
check "the C unit's finding" out_has "$F"
check "nothing else reported" out_count 'warning|error' 1
check "no error on the assembler files" err_lacks "error:"
check "exit 1 (the finding)" status_is 1
check "--stats: one unit, four entries left out" \
  err_has '^vtasklint: stats: 1 unit \(4 database entries of another language left out\),'

last="vtasklint -p build src/fast.S src/a.c"
run_in "$P" --no-cache -p build src/fast.S src/a.c
check "named: one line for the assembler file" err_has "^vtasklint: error: cannot analyse 'src/fast\\.S': it is assembler, not C or C\\+\\+\$"
check "named: the C file still analysed" out_has "$F"
check "named: exit 2" status_is 2

last="vtasklint src/hello.f90 -- (no database)"
run_in "$P" --no-cache src/hello.f90 --
check "Fortran named: one line" err_has "^vtasklint: error: cannot analyse 'src/hello\\.f90': it is Fortran, not C or C\\+\\+\$"
check "Fortran named: exit 2" status_is 2

last="vtasklint -x c src/a.c -- $INC (--language: the user says C)"
run_in "$P" --no-cache -x c src/a.c -- "$INC"
check "--language: analysed" out_has "$F"

printf '[{"directory": "%s", "file": "src/fast.S", "arguments": ["cc", "-c", "src/fast.S"]}]\n' "$P" >"$P/build/compile_commands.json"
last="vtasklint -p build (only an assembler entry)"
run_in "$P" --no-cache -p build
check "only assembler: the warning says why nothing is analysed" \
  err_has "compile_commands\\.json has no C or C\\+\\+ entries \\(1 of another language\\)"
check "only assembler: exit 0" status_is 0

# A header without an entry takes the command of a unit, never of the assembler entry.
printf 'static inline int twice(void) { return 2; }\n' >"$P/src/util.h"
cat >"$P/build/compile_commands.json" <<EOF
[
 {"directory": "$P", "file": "src/fast.S", "arguments": ["cc", "-x", "assembler-with-cpp", "-c", "src/fast.S"]},
 {"directory": "$P", "file": "src/a.c", "arguments": ["cc", "$INC", "-c", "src/a.c"]}
]
EOF
last="vtasklint -p build src/util.h"
run_in "$P" --no-cache -p build src/util.h
check "header: the C unit's command" err_has "'src/util\\.h' has no entry .*using the command of 'src/a\\.c'"
check "header: no error" err_lacks "error:"
finish
