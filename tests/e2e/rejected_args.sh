#!/bin/sh
# rejected_args.sh: a command clang's driver refuses names clang's reason (issue 14, item 3).
# libclang gives only an error code for it; vtasklint finds the argument by elimination
# (analyzer/driver/rejected.c). The other units are still analysed.
# Usage: sh rejected_args.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

write_double_await "$T/a.c"
cat >"$T/b.cpp" <<'EOF2'
int main() { return 0; }
EOF2
cp "$T/b.cpp" "$T/c.c"

last="vtasklint a.c b.cpp -- -std=c17"
run --no-cache "$T/a.c" "$T/b.cpp" -- -std=c17 "$INC"
check "exit 2" status_is 2
check "clang's reason for b.cpp" err_has "cannot analyse '[^']*b\.cpp': invalid argument '-std=c17' not allowed with 'C\+\+'\$"
check "one error line" err_count 'error:' 1
check "a.c still analysed" out_has 'a\.c:6:3: warning: .*\[vtask-double-await\]'

last="vtasklint c.c -- -x c -std=c++17 (the standard is named, not -x)"
run --no-cache "$T/c.c" -- -x c -std=c++17
check "C with a C++ standard" err_has "invalid argument '-std=c\+\+17' not allowed with 'C'\$"

last="vtasklint b.cpp -- -target nonsense-arch (an option with its value)"
run --no-cache "$T/b.cpp" -- -target nonsense-arch
check "names the option and its value" err_has "cannot analyse '[^']*b\.cpp': clang rejects the argument '-target nonsense-arch'\$"

# From a compilation database, too.
mkdir -p "$T/db"
cp "$T/b.cpp" "$T/db/b.cpp"
printf '[{"directory": "%s", "file": "b.cpp", "arguments": ["c++", "-std=gnu17", "-c", "b.cpp"]}]\n' "$T/db" >"$T/db/compile_commands.json"
last="vtasklint -p db"
run --no-cache -p "$T/db"
check "database: clang's reason" err_has "cannot analyse '[^']*b\.cpp': invalid argument '-std=gnu17' not allowed with 'C\+\+'\$"
check "database: exit 2" status_is 2

finish
