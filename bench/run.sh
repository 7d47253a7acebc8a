#!/bin/sh
# run.sh: measures vtasklint against the cost of parsing alone and against clang's own tools.
#
#   sh bench/run.sh [-n REPS] [--markdown] [-p BUILD_DIR | N]
#
#   N             generate a synthetic project of N units (bench/gen.sh) in a temporary
#                 directory and measure on it (default: 200)
#   -p BUILD_DIR  measure on an existing project: BUILD_DIR/compile_commands.json
#   -n REPS       repetitions (default 3); the measurements alternate a b c d e f, a b c ...
#                 so that drift in machine load spreads over all of them
#   --markdown    print the report as markdown (for docs/performance.md)
#
# Measurements (wall time of the whole run; peak RSS of its largest single process):
#   a  parse floor: bench/vtl_parse_floor, every unit parsed in one process, one CXIndex
#   b  vtasklint -j1 --quiet -p DIR (with --no-cache if vtasklint has a result cache)
#   c  vtasklint -j2 --quiet -p DIR (likewise)
#   d  vtasklint -j1 --quiet --cache-dir=TMP, the cache filled by an untimed run first (if
#      vtasklint has --cache-dir)
#   e  clang-tidy --checks=-*,bugprone-use-after-move -p DIR FILE, one process per unit
#   f  clang -fsyntax-only with each unit's arguments, one process per unit
#   g  b with --no-pch (if vtasklint has it): every unit parsed on its own, no shared preamble
# With --no-pch available, one more untimed run like b, with a temporary directory of its own,
# reports the most disk its precompiled preambles took at once.
# e and f run the units one after another, like b. vtasklint exits 1 on findings: that is a
# success here. Binaries: $VTASKLINT (default build/vtasklint) and $VTL_PARSE_FLOOR (default
# build/bench/vtl_parse_floor), relative to the source tree; $CLANG, $CLANG_TIDY override the
# tools. Exit status: 0 the measurements ran (timings are never judged); 1 vtasklint or the
# parse floor failed; 2 usage.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
self="$here/run.sh"

# ---- internal: one tool process per unit (the thing timed for e and f) ----
if [ "${1:-}" = "--each-unit" ]; then
  kind=$2 tool=$3 cmds=$4 db=$5 log=$6
  fails=0
  while IFS= read -r line; do
    eval "set -- $line"
    d=$1 f=$2
    shift 2
    case $kind in
      tidy) "$tool" "--checks=-*,bugprone-use-after-move" -p "$db" "$f" </dev/null >>"$log" 2>&1 || fails=$((fails + 1)) ;;
      syntax) (cd "$d" && exec "$tool" -fsyntax-only "$@" "$f") </dev/null >>"$log" 2>&1 || fails=$((fails + 1)) ;;
    esac
  done <"$cmds"
  [ "$fails" -eq 0 ] || echo "$fails unit(s) failed" >>"$log"
  [ "$fails" -eq 0 ]
  exit
fi

usage() {
  sed -n '3,10p' "$self" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

reps=3 build_dir= n= markdown=0
orig_args="$*"
while [ $# -gt 0 ]; do
  case $1 in
    -n) [ $# -ge 2 ] || usage; reps=$2; shift 2 ;;
    -p) [ $# -ge 2 ] || usage; build_dir=$2; shift 2 ;;
    --markdown) markdown=1; shift ;;
    -h | --help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$n" ] || usage; n=$1; shift ;;
  esac
done
case $reps in '' | *[!0-9]* | 0) echo "run.sh: -n wants a positive number" >&2; exit 2 ;; esac
if [ -n "$n" ] && [ -n "$build_dir" ]; then
  echo "run.sh: give either -p BUILD_DIR or N, not both" >&2
  exit 2
fi
[ -n "$build_dir" ] || [ -n "$n" ] || n=200
case $n in *[!0-9]*) usage ;; esac

vtl=${VTASKLINT:-$here/../build/vtasklint}
floor=${VTL_PARSE_FLOOR:-$here/../build/bench/vtl_parse_floor}
for b in "$vtl" "$floor"; do
  if [ ! -x "$b" ]; then
    echo "run.sh: $b not found: build first (cmake --build build), or set VTASKLINT / VTL_PARSE_FLOOR" >&2
    exit 2
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vtl-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

if [ -n "$build_dir" ]; then
  dir=$(cd "$build_dir" && pwd)
  [ -r "$dir/compile_commands.json" ] || { echo "run.sh: no $dir/compile_commands.json" >&2; exit 2; }
  project="$dir/compile_commands.json"
else
  dir="$tmp/project"
  sh "$here/gen.sh" "$n" "$dir" 2>"$tmp/gen.log" || { cat "$tmp/gen.log" >&2; exit 1; }
  project="synthetic, bench/gen.sh $n ($(sed 's/^gen.sh: [0-9]* units (\([0-9]*\) lines).*/\1/' "$tmp/gen.log") lines)"
fi
cmds="$tmp/commands"
awk -f "$here/compdb.awk" "$dir/compile_commands.json" >"$cmds"
units=$(wc -l <"$cmds" | tr -d ' ')
[ "$units" -gt 0 ] || { echo "run.sh: no units in $dir/compile_commands.json" >&2; exit 2; }
ncxx=$(awk '{ f = $2; gsub(/^.|.$/, "", f); if (f ~ /\.(cc|cpp|cxx|C|c\+\+)$/) k++ } END { print k + 0 }' "$cmds")

# ---- tools ----
first_of() {
  for t in "$@"; do
    if command -v "$t" >/dev/null 2>&1; then command -v "$t"; return 0; fi
  done
  return 1
}
clang=${CLANG:-$(first_of clang-19 clang || true)}
tidy=${CLANG_TIDY:-$(first_of clang-tidy-19 clang-tidy || true)}
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' -o "$tmp/t" true 2>/dev/null; then gnu_time=/usr/bin/time; fi
ns_clock=1
case $(date +%s.%N) in *N*) ns_clock=0 ;; esac
# A vtasklint with a result cache uses it by default: b and c must parse (--no-cache), d
# reads a cache of its own in the temporary directory, never the project's.
"$vtl" --help >"$tmp/help" 2>&1 || true
cache=0 nocache=
if grep -q -- '--cache-dir' "$tmp/help"; then cache=1; fi
if grep -q -- '--no-cache' "$tmp/help"; then nocache=--no-cache; fi
pch=0
if grep -q -- '--no-pch' "$tmp/help"; then pch=1; fi

# ---- measuring ----
now() { if [ "$ns_clock" = 1 ]; then date +%s.%N; else date +%s; fi; }

# measure KEY REP OK_CODES CMD...: appends "KEY REP WALL RSS_KB RC CPU SYS" to $tmp/results
# (CPU: user + system seconds of the whole process tree, SYS the system part; RC prefixed
# with ! if unexpected).
measure() {
  key=$1 rep=$2 ok=$3
  shift 3
  rc=0
  t0=$(now)
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -f '%M %e %U %S' -o "$tmp/time.$key" "$@" </dev/null >/dev/null 2>>"$tmp/log.$key" || rc=$?
  else
    "$@" </dev/null >/dev/null 2>>"$tmp/log.$key" || rc=$?
  fi
  t1=$(now)
  rss=- cpu="- -"
  if [ -n "$gnu_time" ]; then
    rss=$(awk 'END { print $1 + 0 }' "$tmp/time.$key")
    cpu=$(awk 'END { printf "%.2f %.2f", $3 + $4, $4 }' "$tmp/time.$key")
    [ "$ns_clock" = 1 ] || { t0=0; t1=$(awk 'END { print $2 }' "$tmp/time.$key"); }
  fi
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  good=0
  for c in $ok; do [ "$rc" = "$c" ] && good=1; done
  [ "$good" = 1 ] || rc="!$rc"
  echo "$key $rep $wall $rss $rc $cpu" >>"$tmp/results"
  printf ' %s %ss' "$key" "$wall" >&2
}

: >"$tmp/results"
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)
echo "run.sh: $units units, $reps repetition(s); warming up (untimed parse floor)" >&2
"$floor" "$dir" >/dev/null 2>"$tmp/warmup.log" || {
  echo "run.sh: warning: the parse floor reported problems:" >&2
  head -5 "$tmp/warmup.log" >&2
}
if [ "$cache" = 1 ]; then
  "$vtl" -j1 --quiet --cache-dir="$tmp/cache" -p "$dir" >/dev/null 2>&1 || true
fi
pch_kb=-
if [ "$pch" = 1 ]; then
  # the preambles' disk use: sampled while a run like b goes, with a temporary directory
  # (where libclang keeps them) of its own
  mkdir -p "$tmp/pchtmp"
  TMPDIR="$tmp/pchtmp" "$vtl" -j1 --quiet $nocache -p "$dir" >/dev/null 2>&1 &
  vpid=$!
  pch_kb=0
  while kill -0 "$vpid" 2>/dev/null; do
    k=$(du -sk "$tmp/pchtmp" 2>/dev/null | cut -f1)
    [ -n "$k" ] && [ "$k" -gt "$pch_kb" ] && pch_kb=$k
    sleep 0.2
  done
  wait "$vpid" || true
  rm -rf "$tmp/pchtmp"
fi

r=1
while [ "$r" -le "$reps" ]; do
  printf 'rep %d/%d:' "$r" "$reps" >&2
  measure a "$r" 0 "$floor" "$dir"
  measure b "$r" "0 1" "$vtl" -j1 --quiet $nocache -p "$dir"
  measure c "$r" "0 1" "$vtl" -j2 --quiet $nocache -p "$dir"
  if [ "$cache" = 1 ]; then
    measure d "$r" "0 1" "$vtl" -j1 --quiet --cache-dir="$tmp/cache" -p "$dir"
  fi
  if [ -n "$tidy" ]; then
    measure e "$r" 0 sh "$self" --each-unit tidy "$tidy" "$cmds" "$dir" "$tmp/log.e.units"
  fi
  if [ -n "$clang" ]; then
    measure f "$r" 0 sh "$self" --each-unit syntax "$clang" "$cmds" "$dir" "$tmp/log.f.units"
  fi
  if [ "$pch" = 1 ]; then
    measure g "$r" "0 1" "$vtl" -j1 --quiet $nocache --no-pch -p "$dir"
  fi
  echo >&2
  r=$((r + 1))
done

# ---- report ----
version_of() { "$1" --version 2>/dev/null | awk 'tolower($0) ~ /version/ { sub(/^[ \t]+/, ""); print; exit }'; }
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576; exit }' /proc/meminfo 2>/dev/null || true)
load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)
vtl_version=$("$vtl" --version 2>/dev/null | head -1)
clang_version=${clang:+$(version_of "$clang")}
tidy_version=${tidy:+$(version_of "$tidy")}

# Labels: key|label|unavailable text
labels="a|parse floor (libclang, 1 process)|
b|vtasklint -j1${nocache:+ $nocache}|
c|vtasklint -j2${nocache:+ $nocache}|
d|vtasklint -j1, warm --cache-dir|not available
e|clang-tidy bugprone-use-after-move, per unit|not installed
f|clang -fsyntax-only, per unit|not installed
g|vtasklint -j1${nocache:+ $nocache} --no-pch|not available"

printf '%s\n' "$labels" | awk -F'|' -v md="$markdown" -v units="$units" -v res="$tmp/results" \
  -v nproc="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)" -v cpu="$cpu" -v mem="$mem" -v load="$load_start" -v load_end="$load_end" \
  -v kernel="$(uname -sr)" -v vtlv="$vtl_version" -v clangv="$clang_version" -v tidyv="$tidy_version" \
  -v clang="$clang" -v tidy="$tidy" -v project="$project" -v ncxx="$ncxx" -v reps="$reps" \
  -v pchkb="$pch_kb" -v cmd="sh bench/run.sh $orig_args" -v when="$(date -u '+%Y-%m-%d %H:%M UTC')" '
function sort_num(a, k, i, j, t) {
  for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
}
function median(key, k, i, a) {
  k = cnt[key]
  for (i = 1; i <= k; i++) a[i] = walls[key, i]
  sort_num(a, k)
  return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
function median_cpu(key, field, k, i, a) {
  k = cnt[key]
  for (i = 1; i <= k; i++) a[i] = cpus[key, field, i]
  sort_num(a, k)
  return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
BEGIN {
  while ((getline line < res) > 0) {
    split(line, f, " ")
    k = f[1]
    cnt[k]++
    walls[k, cnt[k]] = f[3] + 0
    cpus[k, "cpu", cnt[k]] = f[6] + 0
    cpus[k, "sys", cnt[k]] = f[7] + 0
    if (f[6] == "-" || f[6] == "") nocpu = 1
    if (!(k in lo) || f[3] + 0 < lo[k]) lo[k] = f[3] + 0
    if (!(k in hi) || f[3] + 0 > hi[k]) hi[k] = f[3] + 0
    if (f[4] != "-" && f[4] + 0 > rss[k]) rss[k] = f[4] + 0
    if (substr(f[5], 1, 1) == "!") { bad[k]++; badrc[k] = substr(f[5], 2) }
  }
}
{ key[NR] = $1; label[NR] = $2; na[NR] = $3 }
END {
  base = ("a" in cnt) ? median("a") : 0
  for (i = 1; i <= NR; i++) {
    k = key[i]
    if (!(k in cnt)) { row[i] = 0; continue }
    row[i] = 1
    med[i] = median(k)
    spread[i] = sprintf("%.2f-%.2f", lo[k], hi[k])
    ratio[i] = base > 0 ? sprintf(med[i] / base < 0.095 ? "%.3fx" : "%.2fx", med[i] / base) : "-"
    perunit[i] = sprintf("%.1f", med[i] * 1000 / units)
    cpum[i] = nocpu ? "-" : sprintf("%.1f", median_cpu(k, "cpu"))
    sysm[i] = nocpu ? "-" : sprintf("%.1f", median_cpu(k, "sys"))
    mib[i] = (k in rss) ? sprintf("%.0f", rss[k] / 1024) : "-"
    note[i] = (k in bad) ? sprintf("exit %s in %d/%d runs", badrc[k], bad[k], cnt[k]) : ""
  }
  facts[1] = "Machine: " nproc " CPUs, " cpu (mem != "" ? ", " mem : "") ", " kernel ", load average (1/5/15 min) " load " at start, " load_end " at end"
  facts[2] = "vtasklint: " vtlv
  facts[3] = "clang: " (clang != "" ? clang " (" clangv ")" : "not installed")
  facts[4] = "clang-tidy: " (tidy != "" ? tidy " (" tidyv ")" : "not installed")
  facts[5] = "Project: " units " units (" units - ncxx " C, " ncxx " C++), " project
  facts[7] = "Precompiled preambles: " (pchkb == "-" ? "not measured" : sprintf("at most %.1f MiB on disk at once (a run like b, sampled)", pchkb / 1024))
  facts[6] = "Command: " cmd " (" reps (reps == 1 ? " repetition" : " repetitions, alternating") "; " when ")"
  legend = "Wall time of the whole run (units one after another except in c); spread is min-max over the repetitions; CPU is the median user+system time of the whole process tree (sys: its system part); peak RSS is the largest single process over all repetitions (for vtasklint, its parent or a worker)."
  if (md) {
    for (i = 1; i <= 7; i++) { sub(/: /, ":** ", facts[i]); print "- **" facts[i] }
    print ""
    print "| | Measurement | Median (s) | Spread (s) | vs. floor | Per unit (ms) | CPU (s) | of which sys (s) | Peak RSS (MiB) |"
    print "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= NR; i++) {
      if (!row[i]) { printf "| %s | %s | %s | | | | | | |\n", key[i], label[i], na[i]; continue }
      printf "| %s | %s | %.2f | %s | %s | %s | %s | %s | %s |\n", key[i], label[i] (note[i] != "" ? " (" note[i] ")" : ""), med[i], spread[i], ratio[i], perunit[i], cpum[i], sysm[i], mib[i]
    }
    print ""
    print legend
  } else {
    for (i = 1; i <= 7; i++) print facts[i]
    print legend
    print ""
    printf "   %-44s %9s  %-13s %9s %9s %9s %9s %9s\n", "measurement", "median s", "spread s", "vs floor", "ms/unit", "CPU s", "sys s", "RSS MiB"
    for (i = 1; i <= NR; i++) {
      if (!row[i]) { printf "%s  %-44s %9s\n", key[i], label[i], na[i]; continue }
      printf "%s  %-44s %9.2f  %-13s %9s %9s %9s %9s %9s%s\n", key[i], label[i], med[i], spread[i], ratio[i], perunit[i], cpum[i], sysm[i], mib[i], (note[i] != "" ? "  " note[i] : "")
    }
  }
}'

# Failures: show where, and fail only for our own binaries.
status=0
for k in a b c d e f g; do
  if grep -q "^$k [0-9]* [^ ]* [^ ]* !" "$tmp/results"; then
    echo "run.sh: measurement $k exited unexpectedly; first lines of its log:" >&2
    for lf in "$tmp/log.$k" "$tmp/log.$k.units"; do [ -f "$lf" ] && head -5 "$lf" >&2; done
    case $k in a | b | c | d | g) status=1 ;; esac
  fi
done
exit $status
