#!/bin/sh
# untrusted_db.sh: a repository's compile_commands.json cannot make vtasklint write files (issue
# 12, item 16). Each option form that makes clang write (dependency files, -MJ, header include
# lists, serialized diagnostics, time traces, temporaries, -o) is given in a database entry that
# names a file (or, for the dependency file, a symlink to a victim); nothing may be written and
# the finding must still be reported. A compile_commands.json or .vtasklint.yaml found upward that
# another user owns, or that sits in a directory anyone can write, is ignored with a warning.
# Usage: sh untrusted_db.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

P="$T/proj"
mkdir -p "$P/src" "$P/w"
write_double_await "$P/src/u.c"
echo precious >"$T/victim"
# db ARGS: a database whose one entry compiles src/u.c with ARGS (a JSON array's inner text).
db() {
  printf '[{"directory": "%s", "file": "%s/src/u.c", "arguments": ["cc", "-std=c17", "-I%s/testdata/include", %s, "-c", "%s/src/u.c"]}]\n' \
    "$P/w" "$P" "$ROOT" "$1" "$P" >"$P/compile_commands.json"
}
nothing_written() { [ -z "$(ls -A "$P/w")" ] && [ ! -e "$T/written" ] && [ "$(cat "$T/victim")" = precious ]; }
form() {
  fname=$1
  db "$2"
  rm -rf "$P/w" "$T/written"
  mkdir -p "$P/w"
  last="vtasklint -p proj --no-cache (database entry with $fname)"
  run -p "$P" --no-cache
  check "$fname: exit 1 (the finding)" status_is 1
  check "$fname: the finding" out_has "u\\.c:6:3: warning: .*\\[vtask-double-await\\]"
  check "$fname: nothing written" nothing_written
}
W="$T/written"
form "-Wp,-MD,FILE" "\"-Wp,-MD,$W\""
form "-Wp,-MMD,FILE" "\"-Wp,-MMD,$W\""
form "-MD -MF FILE" "\"-MD\", \"-MF\", \"$W\""
form "-MMD -MFFILE" "\"-MMD\", \"-MF$W\""
form "-M -MF FILE" "\"-M\", \"-MF\", \"$W\""
form "-MD (next to the object)" "\"-MD\""
form "-MJ FILE" "\"-MJ\", \"$W\""
form "-MJFILE" "\"-MJ$W\""
form "-Xclang -header-include-file" "\"-H\", \"-Xclang\", \"-header-include-file\", \"-Xclang\", \"$W\""
form "-Xclang -dependency-file" "\"-Xclang\", \"-dependency-file\", \"-Xclang\", \"$W\", \"-Xclang\", \"-MT\", \"-Xclang\", \"x\""
form "-Xpreprocessor -MD" "\"-Xpreprocessor\", \"-MD\", \"-Xpreprocessor\", \"-MF\", \"-Xpreprocessor\", \"$W\""
form "--serialize-diagnostics FILE" "\"--serialize-diagnostics\", \"$W\""
form "--serialize-diagnostics=FILE" "\"--serialize-diagnostics=$W\""
form "-ftime-trace=FILE" "\"-ftime-trace=$W\""
form "-ftime-trace" "\"-ftime-trace\", \"-o\", \"$W.o\""
form "-save-temps" "\"-save-temps\""
form "-save-temps=obj" "\"-save-temps=obj\", \"-o\", \"$W\""
form "-o FILE" "\"-o\", \"$W\""
form "-oFILE" "\"-o$W\""
form "-fmodules -fmodules-cache-path" "\"-fmodules\", \"-fmodules-cache-path=$W\""
form "-fprofile-arcs -ftest-coverage" "\"-fprofile-arcs\", \"-ftest-coverage\""
printf -- '-MD -MF %s\n' "$W" >"$T/clang.cfg"
form "--config FILE" "\"--config\", \"$T/clang.cfg\""
form "--config=FILE" "\"--config=$T/clang.cfg\""
form "-mllvm -stats -info-output-file" "\"-mllvm\", \"-info-output-file=$W\", \"-Xclang\", \"-print-stats\""
# The dependency file through a symlink planted in the build directory.
db "\"-MD\", \"-MF\", \"$P/w/u.d\""
rm -rf "$P/w"
mkdir -p "$P/w"
ln -s "$T/victim" "$P/w/u.d"
last="vtasklint -p proj (the -MF target is a symlink to a victim)"
run -p "$P" --no-cache
check "-MF symlink: the victim is untouched" [ "$(cat "$T/victim")" = precious ]
check "-MF symlink: the finding" out_has "\\[vtask-double-await\\]"

# What still reaches libclang: a macro from -D and an include path from -isystem.
mkdir -p "$P/inc"
printf '#define TWICE 1\n' >"$P/inc/cfg.h"
cat >"$P/src/u.c" <<'SRC'
#include <vtask.h>
#include <cfg.h>
vtask_t read_async(int fd);
#if TWICE && FROM_D == 3
void twice(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t);
}
#endif
SRC
db "\"-DFROM_D=3\", \"-isystem\", \"$P/inc\", \"-Wall\", \"-fno-builtin\", \"-O2\", \"-pthread\""
last="vtasklint -p proj (-D, -isystem, -W, -f, -O, -pthread are kept)"
run -p "$P" --no-cache
check "kept options: the finding needs -D and -isystem" out_has "u\\.c:8:3: warning: .*\\[vtask-double-await\\]"

# ---- found upward: ownership and directories others can write ----
db "\"-DFROM_D=3\", \"-isystem\", \"$P/inc\""
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
  chown nobody "$P/compile_commands.json"
  last="vtasklint proj/src/u.c (compile_commands.json above it is owned by another user)"
  run_in "$P/src" u.c --no-cache
  check "db owned by another user: a warning naming it" err_has "warning: .*compile_commands\\.json.*owned by another user.*ignored"
  check "db owned by another user: not used (no -D, so no finding)" out_lacks "vtask-double-await"
  chown root "$P/compile_commands.json"
  printf "Checks: '-*'\n" >"$P/.vtasklint.yaml"
  chown nobody "$P/.vtasklint.yaml"
  last="vtasklint -p proj (its .vtasklint.yaml is owned by another user)"
  run -p "$P" --no-cache
  check "config owned by another user: a warning naming it" err_has "warning: .*\\.vtasklint\\.yaml.*owned by another user.*ignored"
  check "config owned by another user: not used (the finding)" out_has "\\[vtask-double-await\\]"
  check "config owned by another user: one warning" err_count "vtasklint\\.yaml" 1
  rm -f "$P/.vtasklint.yaml"
fi
chmod 0777 "$P"
last="vtasklint proj/src/u.c (compile_commands.json in a directory anyone can write)"
run_in "$P/src" u.c --no-cache
check "db in a world-writable directory: a warning" err_has "warning: .*compile_commands\\.json.*writable by others.*ignored"
check "db in a world-writable directory: not used" out_lacks "vtask-double-await"
printf "Checks: '-*'\n" >"$P/.vtasklint.yaml"
last="vtasklint -p proj (.vtasklint.yaml in a directory anyone can write)"
run -p "$P" --no-cache
check "config in a world-writable directory: a warning" err_has "warning: .*\\.vtasklint\\.yaml.*writable by others.*ignored"
check "config in a world-writable directory: not used (the finding)" out_has "\\[vtask-double-await\\]"
chmod 0755 "$P"
last="vtasklint -p proj (the same, the directory no longer world-writable)"
run -p "$P" --no-cache
check "config in a safe directory: used (no finding)" out_lacks "vtask-double-await"
check "config in a safe directory: no warning about its safety" err_lacks "ignored"

finish
