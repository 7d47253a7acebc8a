/* dispatch.h: which unit an idle worker takes next (pool.c).
 *
 * The units come in pool.c's order: the cache's first, then the others with each preamble
 * group's units together (preamble.h). One worker going through a group keeps reusing the
 * group's preamble (group.c); two workers taking its units in turn would each parse the first
 * of theirs plainly and build the preamble again. So a worker that has started a group goes
 * on with it, and the others take the units no worker has started, skipping the groups
 * another worker holds. Only when nothing else is left does an idle worker take a unit of a
 * group held by another (its own parse and, if two or more are left, its own preamble): the
 * run's last units are then shared out instead of waiting for one worker. With one worker
 * the order is pool.c's exactly. */
#ifndef VTL_DRIVER_DISPATCH_H
#define VTL_DRIVER_DISPATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dispatch;

/* dispatch_new: for the n jobs in order[0, n) (kept, not copied), group[job] as pool_groups
 * gives it (NULL: no groups), group_units[first job of a group] its number of units, and
 * nworkers workers. NULL when out of memory. */
struct dispatch *dispatch_new(const size_t *order, size_t n, const uint32_t *group, const uint32_t *group_units,
                              int nworkers);
void dispatch_free(struct dispatch *d);

/* dispatch_peek: the job worker k should take next; SIZE_MAX when every job is taken. */
size_t dispatch_peek(struct dispatch *d, int k);

/* dispatch_take: the job dispatch_peek(d, k) gave is taken; analysed: by worker k's process
 * (false: answered by the cache or given up), which then holds that job's group, or none. */
void dispatch_take(struct dispatch *d, int k, bool analysed);

/* dispatch_forget: worker k's process was replaced by a new one, which holds no group. */
void dispatch_forget(struct dispatch *d, int k);

#endif
