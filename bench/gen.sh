#!/bin/sh
# gen.sh: writes a synthetic project for benchmarking vtasklint.
#
#   sh bench/gen.sh N OUTDIR
#
# OUTDIR gets N translation units in src/ (about two thirds C17, one third C++20 using
# vt::vtask coroutines and <vector>/<string>/<memory>/<algorithm>), include/common.h shared by
# every unit, and compile_commands.json (absolute paths, "arguments" form, -c -o like a real
# build). Units are 300-600 lines of ordinary-looking code: branches, loops, switches, gotos,
# macros, several vtasks per function, and roughly one deliberate mistake in ten functions
# (a double await, an unguarded get-result). The output depends only on N: unit K is the same
# whatever N is, so runs of different sizes are comparable.
#
# POSIX sh and awk only (mawk, gawk and busybox awk all work).
set -eu

usage() {
  echo "usage: sh gen.sh N OUTDIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
n=$1
out=$2
case $n in '' | *[!0-9]*) usage ;; esac
[ "$n" -ge 1 ] || usage

here=$(cd "$(dirname "$0")" && pwd)
vtinc=$(cd "$here/../testdata/include" && pwd)
mkdir -p "$out/include" "$out/src" "$out/obj"
out=$(cd "$out" && pwd)

cat >"$out/include/common.h" <<'EOF'
/* common.h: shared by every unit of the synthetic benchmark project (bench/gen.sh). */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vtask.h>

#define BENCH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BENCH_MIN(a, b) ((a) < (b) ? (a) : (b))
#define BENCH_MAX(a, b) ((a) > (b) ? (a) : (b))
#define BENCH_LOG(...) bench_logf(__FILE__, __LINE__, __VA_ARGS__)
#define BENCH_CHECK(cond, code)                                                                    \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      bench_logf(__FILE__, __LINE__, "check failed: %s", #cond);                                   \
      return (code);                                                                               \
    }                                                                                              \
  } while (0)
#define BENCH_FOR_EACH(i, n) for (size_t i = 0; i < (size_t)(n); i++)
#define BENCH_FLAG_CLOSED 0x1u
#define BENCH_FLAG_DIRTY 0x2u
#define BENCH_FLAG_IDLE 0x4u
#define BENCH_FLAG_RETRY 0x8u

#ifdef __cplusplus
extern "C" {
#endif

enum bench_kind { BK_NONE, BK_READ, BK_WRITE, BK_OPEN, BK_FLUSH, BK_STAT, BK_COUNT };

struct bench_conn {
  int fd;
  unsigned flags;
  size_t pending;
  char name[64];
  struct bench_conn *next;
};

struct bench_req {
  enum bench_kind kind;
  int fd;
  size_t len;
  uint32_t id;
  char *buf;
};

struct bench_stats {
  size_t reads, writes, bytes, errors;
  double elapsed;
};

vtask_t bench_read_async(int fd, void *buf, size_t n);
vtask_t bench_write_async(int fd, const void *buf, size_t n);
vtask_t bench_open_async(const char *path, int flags);
vtask_t bench_flush_async(struct bench_conn *c);
vtask_t bench_stat_async(const char *path);
void bench_logf(const char *file, int line, const char *fmt, ...);
int bench_checksum(const void *p, size_t n);
void bench_stats_add(struct bench_stats *s, enum bench_kind k, size_t bytes);

#ifdef __cplusplus
}

#include <memory>
#include <string>
#include <vector>

#include <vtask.hpp>

namespace bench {

struct Session {
  int id = 0;
  std::string peer;
  vt::vtask<int> lookup(const std::string &key);
  vt::vtask<std::string> name_async();
  vt::vtask<void> flush();
};

vt::vtask<int> fetch(int key);
vt::vtask<std::string> load(const std::string &path);
vt::vtask<void> store(const std::string &path, const std::vector<char> &data);
std::shared_ptr<Session> connect(const std::string &peer);

} // namespace bench
#endif

#endif
EOF

awk -v n="$n" -v out="$out" -v vtinc="$vtinc" -f "$here/gen.awk"
