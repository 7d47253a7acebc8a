#!/bin/sh
# header_lang.sh: a header without its own database entry takes its language (and command) as
# clangd chooses: a unit that includes it, else a same-named source, else the database's
# majority; -x/--language forces it (issue 14, item 2). The C++ headers here are named .h and
# sit next to a .c, the nearest sibling that used to make them C.
# Usage: sh header_lang.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"
P="$T/proj"
mkdir -p "$P/src" "$P/include"
# cxx_header FILE CLASS: a C++ header whose member takes one std::future's result twice (line 8)
cxx_header() {
  cat >"$1" <<EOF2
#pragma once
#include <future>
class $2 {
public:
  int twice() {
    std::future<int> f = std::async([] { return 1; });
    int a = f.get();
    return a + f.get();
  }
};
EOF2
}
cxx_header "$P/include/widget.h" Widget  # included by src/b.cpp through -Iinclude
cxx_header "$P/src/local.h" Local        # included by src/b.cpp as "local.h"
cxx_header "$P/include/gadget.h" Gadget  # included by nobody; src/gadget.cpp shares its name
cxx_header "$P/include/lone.h" Lone      # neither: the majority (C++) decides
echo 'int helper(void) { return 0; }' >"$P/include/helper.c"
echo 'int c_only(void) { return 0; }' >"$P/src/a.c"
printf '#include "widget.h"\n#include "local.h"\nint use() { Widget w; Local l; return w.twice() + l.twice(); }\n' >"$P/src/b.cpp"
echo 'int gadget() { return 0; }' >"$P/src/gadget.cpp"
cat >"$P/compile_commands.json" <<EOF
[{"directory": "$P", "file": "include/helper.c", "arguments": ["cc", "-std=c17", "-c", "include/helper.c"]},
 {"directory": "$P", "file": "src/a.c", "arguments": ["cc", "-std=c17", "-Iinclude", "-c", "src/a.c"]},
 {"directory": "$P", "file": "src/b.cpp", "arguments": ["c++", "-std=c++17", "-Iinclude", "-c", "src/b.cpp"]},
 {"directory": "$P", "file": "src/gadget.cpp", "arguments": ["c++", "-std=c++17", "-c", "src/gadget.cpp"]}]
EOF
found() { out_has "$1:8:16: warning: .*\\[vtask-double-await\\]"; }

last="vtasklint include/widget.h (included by src/b.cpp through -Iinclude)"
run_in "$P" --no-cache include/widget.h
check "includer: parsed as C++, the finding" found 'include/widget\.h'
check "includer: no clang error" out_lacks 'clang-diagnostic-error'
check "includer: the note says why" err_has "^vtasklint: note: 'include/widget\\.h' has no entry in 'compile_commands\\.json'; using the command of 'src/b\\.cpp' \\(which includes it; as C\\+\\+\\)\$"

last="vtasklint src/local.h (included as \"local.h\" from its own directory)"
run_in "$P" --no-cache src/local.h
check "quoted include from the unit's directory" found 'src/local\.h'
check "not src/a.c's command" err_has "using the command of 'src/b\\.cpp' \\(which includes it"

last="vtasklint include/gadget.h (same-named source)"
run_in "$P" --no-cache include/gadget.h
check "same-named source: C++" found 'include/gadget\.h'
check "same-named source: said" err_has "using the command of 'src/gadget\\.cpp' \\(its same-named source; as C\\+\\+\\)"

last="vtasklint include/lone.h (the majority: 2 C++ units of 4, a tie goes to C++)"
run_in "$P" --no-cache include/lone.h
check "majority: C++" found 'include/lone\.h'
check "majority: said" err_has "as C\\+\\+, the database's majority\\)"

last="vtasklint include (a directory: each header chooses the same way)"
run_in "$P" --no-cache include
check "directory: widget.h as C++" found 'include/widget\.h'
check "directory: gadget.h as C++" found 'include/gadget\.h'
check "directory: no clang error" out_lacks 'clang-diagnostic-error'

last="vtasklint -x c include/widget.h (forced to C)"
run_in "$P" --no-cache -x c include/widget.h
# The forced language wins over the borrowed command: its -std= of the other language is left
# out (it used to make clang refuse the whole command, exit 2), and the C++ header is read as C.
check "-x c: the includer's -std=c++17 is left out" err_lacks "not allowed with"
check "-x c: the header parsed as C, as asked" out_has "include/widget\\.h:[0-9]+:[0-9]+: error: .*\\[clang-diagnostic-error\\]"

# A C database: a .hpp is C++ by its extension, and -x c++ makes a .h C++, each with the C
# unit's command minus its -std=c17 (.hpp used to be parsed as C: 'unknown type name
# namespace'; -x c++ failed with exit 2 on '-std=c17' not allowed with C++).
Q="$T/cdb"
mkdir -p "$Q"
echo 'int c_only(void) { return 0; }' >"$Q/a.c"
cxx_header "$Q/lib.hpp" Lib
cxx_header "$Q/lib.h" LibH
printf '[{"directory": "%s", "file": "a.c", "arguments": ["cc", "-std=c17", "-c", "a.c"]}]\n' "$Q" >"$Q/compile_commands.json"
last="vtasklint lib.hpp (a C database)"
run_in "$Q" --no-cache lib.hpp
check ".hpp in a C database: as C++" found 'lib\.hpp'
check ".hpp in a C database: no clang error" out_lacks 'clang-diagnostic-error'
check ".hpp in a C database: the note says why" err_has "as C\\+\\+, by its extension\\)"
last="vtasklint -x c++ lib.h (a C database)"
run_in "$Q" --no-cache -x c++ lib.h
check "-x c++ in a C database: the finding" found 'lib\.h'
check "-x c++ in a C database: exit 1, not 2" status_is 1

printf '#include <future>\nint twice() { std::future<int> f = std::async([] { return 1; }); int a = f.get(); return a + f.get(); }\n' >"$T/cxx_in.c"
last="vtasklint --language=c++ cxx_in.c -- -std=c++17"
run --no-cache --language=c++ "$T/cxx_in.c" -- -std=c++17
check "--language=c++ on a .c" out_has 'cxx_in\.c:2:[0-9]+: warning: .*\[vtask-double-await\]'
last="vtasklint cxx_in.c -- -std=c++17 (by extension: C)"
run --no-cache "$T/cxx_in.c" -- -std=c++17
check "without it, C" err_has "not allowed with 'C'"

last="vtasklint -x java"
run -x java "$T/cxx_in.c"
check "-x: a bad value" err_has "^vtasklint: error: -x: 'java' is not one of c, c\\+\\+\$"

finish
