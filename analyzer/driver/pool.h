/* pool.h: running translation units in worker processes. Each unit is analysed in a child
 * (fork) that sends its findings back through a pipe, so a unit that crashes libclang or hangs
 * it (#pragma clang __debug overflow_stack spins forever; a thread cannot be killed) costs only
 * itself: the child is killed at the timeout and every other unit is still reported. */
#ifndef VTL_DRIVER_POOL_H
#define VTL_DRIVER_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/driver/compdb.h"
#include "analyzer/driver/unit.h"
#include "analyzer/report/diag.h"

struct cache;

/* What a run did besides analysing (--stats). */
struct pool_stats {
  size_t cached; /* units answered by the result cache */
  size_t shared; /* units parsed as a reparse with another unit's precompiled preamble */
  size_t built;  /* precompiled preambles built for a group (by its first unit's parse) */
};

struct pool_opts {
  struct cache *cache; /* may be NULL: no result cache */
  int jobs;       /* workers at once, >= 1 */
  double timeout; /* seconds per unit; 0: none */
  bool progress;  /* a progress line on stderr */
  bool pch;       /* share precompiled preambles between units (driver/group.c); --no-pch */
  struct pool_stats *stats; /* when non-NULL: filled in by pool_run */
};

/* pool_run: analyses jobs[0..n), appending their findings to `all` in job order. A unit that
 * could not be analysed gets one line through error_line ("cannot analyse 'f.c': reason").
 * Returns the number of such units. */
size_t pool_run(const struct job *jobs, size_t n, const struct unit_config *cfg, const struct pool_opts *po,
                struct diag_list *all, void (*error_line)(const char *msg));

/* pool_interrupted: the signal (SIGTERM, SIGINT, SIGHUP) that stopped the last pool_run, or 0.
 * pool_run kills and reaps its workers on such a signal and returns early; the caller reports
 * and ends with that signal. Workers also die with vtasklint itself (PR_SET_PDEATHSIG). */
int pool_interrupted(void);

/* pool_precheck: why job j cannot be analysed, known before libclang runs (an unreadable file,
 * an invalid -std=, a missing -include), or NULL; the reason is in why. For the language
 * server's worker, which runs units the same way. */
const char *pool_precheck(const struct job *j, struct strbuf *why);

/* pool_serialize / pool_deserialize: the child-to-parent wire format of a diag_list (tab
 * separated, escaped lines); exposed for tests. pool_deserialize returns false on a malformed
 * message. */
void pool_serialize(const struct diag_list *l, struct strbuf *out);
bool pool_deserialize(const char *text, size_t len, struct diag_list *out);

#endif
