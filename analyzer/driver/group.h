/* group.h: a worker's side of preamble sharing (preamble.h), for C++ units. A group of at
 * least GROUP_MIN_UNITS units is parsed as its first unit's file: the part of the first unit's
 * preamble the group shares (preamble.h), then the unit's own directives after that part and
 * its body (and the directives that give it its own -D and -U, cmd_macros.h). The first unit's
 * parse builds the precompiled preamble (CXTranslationUnit_CreatePreambleOnFirstParse, every
 * function body, its templates instantiated: group.c, "the first unit builds the preamble")
 * and records what the preamble's headers gave (unit_share in unit.h); each later unit is a
 * reparse of that translation unit (clang_reparseTranslationUnit), which reuses the preamble
 * when its bytes and files are unchanged and rebuilds it otherwise. When the files the preamble
 * included weigh less than GROUP_MIN_BYTES, the group's later units parse on their own. Every
 * failure falls back to a plain parse of the unit.
 *
 * Why not C, and why the thresholds: a unit parsed with a precompiled preamble saves the
 * preamble's parse, but every reader of the whole unit then pays to deserialize it: the walk
 * of the unit's files (clang_getInclusions loads every source-location entry of the preamble,
 * macro expansions included) and the declaration walk (each top-level declaration of the
 * headers is read back). C headers are cheap to parse and macro-heavy: on redis (preambles of
 * 1.5-1.7 MB of headers, groups of 4 and 10) a reparse saved about 110 M instructions of
 * parsing and cost about 195 M in those two walks, 2% more in all than parsing every unit on
 * its own. A C++ preamble of <vector> and <string> (1.6 MB) takes 0.3-0.5 s to parse and a
 * few milliseconds to read back. Two units are enough: the first unit's parse builds the
 * preamble, which costs about a plain parse and a fifth, and a reparse with it a fraction of
 * one (spdlog's header-only tests: 0.05-0.35 s against 2.5 s), so a pair with the same -D and
 * -U costs about 1.3-1.5 parses instead of two. (When a plain parse came first and the second
 * unit built the preamble, a pair paid two parses and a build, and groups needed three.) The
 * decision depends only on the group's command and files, never on timing or the number of
 * workers. */
#ifndef VTL_DRIVER_GROUP_H
#define VTL_DRIVER_GROUP_H

#include <clang-c/Index.h>
#include <stdint.h>

#include "analyzer/driver/preamble.h"
#include "analyzer/driver/unit.h"

struct group_worker;

enum { GROUP_MIN_UNITS = 2, GROUP_MIN_BYTES = 1 << 20, GROUP_STALE_SECONDS = 24 * 3600 };

/* A group's first unit whose -D and -U no other unit of the group has builds a preamble only
 * when the group has this many units: the others may reuse it (when the preamble does not
 * read the macros that differ), and two of them pay for the build if one does (group.c). */
enum { GROUP_GAMBLE_UNITS = 3 };

/* group_worker_new: a worker's state; its preambles are stored under cache_dir/pch when
 * cache_dir is given (libclang's temporary directory otherwise). */
struct group_worker *group_worker_new(const char *cache_dir);
void group_worker_free(struct group_worker *gw);

/* group_sweep: removes the preambles under cache_dir/pch that nobody wrote for a day. libclang
 * deletes a preamble with the translation unit that built it, so these are what killed workers
 * (or crashed runs) left behind; a live worker's preamble is written when its group starts and
 * read back by name on each reparse, so only an old file is taken (a run whose one group took
 * longer than a day would parse its later units on their own). */
void group_sweep(const char *cache_dir);

/* group_worker_built: how many preambles gw has built so far. */
unsigned group_worker_built(const struct group_worker *gw);

/* group_analyze: unit_analyze for a unit of preamble group `group` (PREAMBLE_NONE: none; the
 * plain index idx is used) of group_units units, set_units of them with in's -D and -U (pool.c
 * places them together), which share the directives of length prefix
 * (preamble_groups). *shared: the unit was a reparse with another unit's preamble. */
int group_analyze(struct group_worker *gw, CXIndex idx, const struct unit_input *in, const struct unit_config *cfg,
                  uint32_t group, size_t group_units, size_t set_units, uint32_t prefix, struct diag_list *out,
                  struct strbuf *err, bool *shared);

#endif
