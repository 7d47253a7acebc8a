#!/bin/sh
# paths.sh: how findings name files. A --stdin-filename unit's findings carry the name exactly
# as given (an editor matches them to its buffer by that string), in every format; the default
# --path-style=relative names files below the working directory relative to it and others
# absolute; --path-style=absolute names every file absolutely, failures included. And --quiet,
# which also silences the note lines. Usage: sh paths.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

W="$T/work"
mkdir -p "$W/src" "$W/other"
write_double_await "$W/src/a.c"
write_double_await "$W/outside.c"
# The editor's buffer differs from the file on disk: its finding is at line 7, not 6.
{ echo '/* unsaved */'; cat "$W/src/a.c"; } >"$T/buffer.c"

# ---- --stdin-filename: the name as given ----

for given in "src/a.c" "./src/../src/a.c" "$W/src/a.c"; do
  last="(cd work && vtasklint --stdin-filename='$given' - < buffer)"
  (cd "$W" && exec "$VTL" --stdin-filename="$given" - -- -std=c17 "$INC") <"$T/buffer.c" >"$T/out" 2>"$T/err"
  rc=$?
  re=$(printf '%s' "$given" | sed 's/[.[\*^$/]/\\&/g')
  check "stdin '$given': exit 1" status_is 1
  check "stdin '$given': the finding names the file as given" out_has "^$re:7:3: warning: .*\\[vtask-double-await\\]\$"
  check "stdin '$given': so does its note" out_has "^$re:6:3: note: first awaited here\$"
  check "stdin '$given': the snippet is the buffer's line" out_has "^ +7 \\|   vtask_await\\(t\\);\$"
done

given="../work/src/a.c"
last="(cd other && vtasklint --stdin-filename=$given --format=... - < buffer)"
for fmt in concise github json; do
  (cd "$W/other" && exec "$VTL" --format=$fmt --stdin-filename="$given" - -- -std=c17 "$INC") <"$T/buffer.c" >"$T/out" 2>"$T/err"
  rc=$?
  check "stdin from a sibling directory, $fmt: exit 1" status_is 1
  case $fmt in
  concise) check "concise: the name as given" out_has "^\\.\\./work/src/a\\.c:7:3: warning: .*\\(note: \\.\\./work/src/a\\.c:6:3: first awaited here\\)\$" ;;
  github) check "github: the name as given" out_has "^::warning file=\\.\\./work/src/a\\.c,line=7," ;;
  json) check "json: the name as given" out_has "^      \"file\": \"\\.\\./work/src/a\\.c\",\$" ;;
  esac
done

# ---- --path-style ----

last="(cd work && vtasklint src/a.c outside.c ...) from work/src"
run_in "$W/src" --no-cache --no-snippet a.c ../outside.c -- -std=c17 "$INC"
check "relative (default): a file below the working directory is relative to it" out_has "^a\\.c:6:3: warning: "
check "relative (default): a file above it is absolute" out_has "^$W/outside\\.c:6:3: warning: "

last="(cd work/src && vtasklint --path-style=relative a.c ../outside.c)"
run_in "$W/src" --no-cache --no-snippet --path-style=relative a.c ../outside.c -- -std=c17 "$INC"
check "--path-style=relative is the default" out_has "^a\\.c:6:3: warning: "

last="(cd work && VTASKLINT_TEST_CRASH=crash.c vtasklint --path-style=absolute --format=json src/a.c crash.c)"
write_double_await "$W/crash.c"
(cd "$W" && VTASKLINT_TEST_CRASH=crash.c exec "$VTL" --no-cache --path-style=absolute --format=json src/a.c crash.c \
  -- -std=c17 "$INC") >"$T/out" 2>"$T/err"
rc=$?
check "absolute, json: exit 2 (the crash)" status_is 2
check "absolute, json: the finding's file" out_has "^      \"file\": \"$W/src/a\\.c\",\$"
check "absolute, json: its note's file" out_has "^          \"file\": \"$W/src/a\\.c\",\$"
check "absolute, json: the failed unit's file" out_has "^      \"file\": \"$W/crash\\.c\",\$"
check "absolute, json: no relative name left" out_lacks "\"file\": \"[^/]"

last="(cd work && vtasklint --path-style=absolute src/a.c)"
run_in "$W" --no-cache --path-style=absolute src/a.c -- -std=c17 "$INC"
check "absolute, text: the finding" out_has "^$W/src/a\\.c:6:3: warning: "
check "absolute, text: the snippet still read" out_has "^ +6 \\|   vtask_await\\(t\\);\$"
check "absolute, text: the note" out_has "^$W/src/a\\.c:5:3: note: first awaited here\$"

last="vtasklint --path-style=full a.c"
run_in "$W" --path-style=full src/a.c
check "--path-style=full: exit 2" status_is 2
check "--path-style=full: one line with the choices" err_has "^vtasklint: error: --path-style: 'full' is not one of relative, absolute\$"
check "--path-style=full: one line" err_lines 1

# ---- --quiet: no note lines either ----

# No compile_commands.json anywhere above: vtasklint says so in a note.
last="(cd work && vtasklint src/a.c)"
run_in "$W" --no-cache src/a.c
check "without --quiet: the note that no database was found" err_has "^vtasklint: note: no compile_commands\\.json found"
last="(cd work && vtasklint --quiet src/a.c)"
run_in "$W" --no-cache --quiet src/a.c
check "--quiet: the findings still on stdout" out_has "^src/a\\.c:[0-9]+:[0-9]+: (warning|error): "
check "--quiet: nothing on stderr, no note" err_empty

finish
