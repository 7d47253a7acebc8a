#!/bin/sh
# cache_untrusted.sh: the result cache treats its directory and entries as untrusted (issue 12,
# items 2 and 17). Entries whose file list names /dev/zero or a FIFO, entries that are FIFOs,
# symlinks to /dev/zero or 3 GB long are ignored and rewritten, never hang or exhaust memory;
# temporaries are never opened through a planted symlink; the directory is created 0700 whatever
# the umask; a directory writable by others (or owned by another user) is refused with a warning;
# a shard subdirectory that is a symlink is neither read nor written through.
# Usage: sh cache_untrusted.sh /path/to/vtasklint /path/to/source-root
. "$(dirname "$0")/lib/harness.sh" "$@"

P="$T/proj"
C="$T/cache"
mkdir -p "$P"
write_double_await "$P/u.c"
# t_run ARGS...: run, killed after 60 s (a hang is a failure, not a stuck test suite).
t_run() {
  timeout 60 "$VTL" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}
args() { echo "$P/u.c" --cache-dir="$C" -- -std=c17 "$INC"; }
entry() { find "$C" -name '*.vtc' -type f | head -1; }
good_out() { cmp -s "$T/out" "$T/out.good"; }
regular_entry() { e=$(find "$C" -name '*.vtc') && [ -n "$e" ] && [ -f "$e" ] && [ ! -L "$e" ] && [ "$(wc -c <"$e")" -lt 100000 ]; }

umask 000
last="vtasklint u.c --cache-dir=cache (umask 000, cold)"
t_run $(args)
cp "$T/out" "$T/out.good"
check "cold: exit 1" status_is 1
check "cold: the finding" out_has "u\\.c:6:3: warning: .*\\[vtask-double-await\\]"
mode_of() { stat -c %a "$1"; }
check "umask 000: the cache directory is 0700" [ "$(mode_of "$C")" = 700 ]
E=$(entry)
[ -n "$E" ] || E="$T/no-entry"
SUB=$(dirname "$E")
check "umask 000: the shard subdirectory is 0700" [ "$(mode_of "$SUB")" = 700 ]
check "umask 000: the entry is 0600" [ "$(mode_of "$E")" = 600 ]
umask 022
cp "$E" "$T/entry.good"

# ---- item 2: entries are untrusted input ----
# with_dep PATH: the good entry, with one more dependency line naming PATH.
with_dep() { sed "1a\\
F 0000000000000000 $1" "$T/entry.good" >"$E"; }

with_dep /dev/zero
last="vtasklint u.c (cache entry lists /dev/zero as a dependency)"
t_run $(args)
check "dependency /dev/zero: no hang (exit 1, not the timeout's 124)" status_is 1
check "dependency /dev/zero: the right findings" good_out
check "dependency /dev/zero: the entry was rewritten" cmp -s "$E" "$T/entry.good"

mkfifo "$T/fifo"
with_dep "$T/fifo"
last="vtasklint u.c (cache entry lists a FIFO as a dependency)"
t_run $(args)
check "dependency FIFO: no hang" status_is 1
check "dependency FIFO: the right findings" good_out
check "dependency FIFO: the entry was rewritten" cmp -s "$E" "$T/entry.good"

rm -f "$E"
ln -s /dev/zero "$E"
last="vtasklint u.c (cache entry is a symlink to /dev/zero)"
t_run $(args)
check "entry -> /dev/zero: no hang" status_is 1
check "entry -> /dev/zero: the right findings" good_out
check "entry -> /dev/zero: replaced by a regular entry" regular_entry

rm -f "$E"
mkfifo "$E"
last="vtasklint u.c (cache entry is a FIFO)"
t_run $(args)
check "entry is a FIFO: no hang" status_is 1
check "entry is a FIFO: the right findings" good_out
check "entry is a FIFO: replaced by a regular entry" regular_entry

# A 3 GB entry (sparse: a valid entry followed by zeros), under a 1 GB address-space limit
# where the sanitizers (which reserve terabytes of shadow memory) are not in the binary.
rm -f "$E" && cp "$T/entry.good" "$E" # (it may still be a FIFO: cp would block)
truncate -s 3G "$E"
last="vtasklint u.c (a 3 GB cache entry)"
if grep -q __asan_init "$VTL" 2>/dev/null; then
  t_run $(args)
else
  (ulimit -v 1048576 && exec timeout 60 "$VTL" $(args)) >"$T/out" 2>"$T/err"
  rc=$?
fi
check "3 GB entry: exit 1" status_is 1
check "3 GB entry: the right findings" good_out
check "3 GB entry: replaced by a regular entry" regular_entry

# ---- item 17: temporaries, modes, ownership, symlinked subdirectories ----
# Symlinks planted at every name the old scheme (<entry>.<pid>.tmp) could use next.
rm -f "$E" && cp "$T/entry.good" "$E" # (it may still be a FIFO: cp would block)
echo "precious" >"$T/victim"
rm -f "$E"
next=$(cat /proc/sys/kernel/ns_last_pid 2>/dev/null || echo 1)
i=1
while [ $i -le 300 ]; do
  ln -s "$T/victim" "$E.$((next + i)).tmp"
  i=$((i + 1))
done
last="vtasklint u.c (symlinks planted at predictable temporary names)"
t_run $(args)
check "planted temporaries: exit 1" status_is 1
check "planted temporaries: the victim is untouched" [ "$(cat "$T/victim")" = precious ]
check "planted temporaries: the entry is a regular file" regular_entry
rm -f "$E".*.tmp

chmod 0777 "$C"
last="vtasklint u.c (cache directory writable by others)"
rm -f "$E"
t_run $(args)
check "world-writable cache: exit 1" status_is 1
check "world-writable cache: the findings" good_out
check "world-writable cache: a warning naming it" err_has "warning: .*cache.*'$C'.*writable by others"
check "world-writable cache: nothing written" [ -z "$(find "$C" -name '*.vtc')" ]
chmod 0700 "$C"

if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
  mkdir -p "$T/other"
  chown nobody "$T/other"
  last="vtasklint u.c --cache-dir=other (owned by another user)"
  timeout 60 "$VTL" "$P/u.c" --cache-dir="$T/other" -- -std=c17 "$INC" >"$T/out" 2>"$T/err"
  rc=$?
  check "cache owned by another user: exit 1" status_is 1
  check "cache owned by another user: a warning" err_has "warning: .*cache.*'$T/other'.*owned by another user"
  check "cache owned by another user: nothing written" [ -z "$(find "$T/other" -name '*.vtc')" ]
fi

# A shard subdirectory replaced by a symlink to a directory holding a planted entry.
mkdir -p "$T/elsewhere"
sed 's/awaited twice/PLANTED/' "$T/entry.good" >"$T/elsewhere/$(basename "$E")"
rm -rf "$SUB"
ln -s "$T/elsewhere" "$SUB"
last="vtasklint u.c (shard subdirectory is a symlink to a planted entry)"
t_run $(args)
check "symlinked subdirectory: exit 1" status_is 1
check "symlinked subdirectory: the planted entry is not read" good_out
check "symlinked subdirectory: nothing written through it" [ "$(ls "$T/elsewhere" | wc -l)" -eq 1 ]
check "symlinked subdirectory: the symlink is left alone" [ -L "$SUB" ]

finish
