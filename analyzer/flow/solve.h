/* solve.h: the dataflow solver over a cfg and the queries rules make at each event.
 *
 * Each tracked variable points to a set of abstract operations (one per creating event: a
 * copy shares the operation, so consuming one name consumes both). Each operation has a small
 * powerset state: may-be-not-completed, may-be-consumed, may-have-escaped, plus the event that
 * first consumed it and the event that last left it pending (for notes). Join is union; a
 * worklist iterates to the fixpoint, which exists for every cfg (goto and irreducible loops
 * included) because states only grow. */
#ifndef VTL_FLOW_SOLVE_H
#define VTL_FLOW_SOLVE_H

#include <stdbool.h>

#include "analyzer/flow/cfg.h"

struct flow_ctx;

/* The visitor sees every event of every reachable block, in block order, with the state just
 * before the event (flow_* below), then once more with ev == NULL at the end. */
typedef void (*flow_visit_fn)(void *self, struct flow_ctx *fx, const struct event *ev);

/* solve_run: solves g and replays it through visit. Returns false if g has nothing to track
 * (no events): then visit is not called. */
bool solve_run(const struct cfg *g, flow_visit_fn visit, void *self);

const struct cfg *flow_cfg(const struct flow_ctx *fx);
/* flow_consumed: on some path reaching here, var's operation was already consumed, and on
 * none did it escape. *first: the consuming event (for "first consumed here"). */
bool flow_consumed(const struct flow_ctx *fx, int32_t var, const struct event **first);
/* flow_moved: like flow_consumed, for consumptions that moved the value away (std::move into a
 * sink, co_await std::move(t)): what ends a cppcoro task that may otherwise be re-awaited. */
bool flow_moved(const struct flow_ctx *fx, int32_t var, const struct event **first);
/* flow_pending: on some path reaching here var's operation is not known to have completed
 * (and it did not escape). *origin: the creating event or the query whose false edge led here. */
bool flow_pending(const struct flow_ctx *fx, int32_t var, const struct event **origin);
/* flow_claim: true the first time a bug is reported against this consumption, so one bug
 * gives one diagnostic however many later uses it has. */
bool flow_claim(struct flow_ctx *fx, const struct event *first);
/* flow_never_consumed: at the end (ev == NULL): a creating event whose operation no reachable
 * event consumed, transferred, passed on or let escape. */
bool flow_never_consumed(const struct flow_ctx *fx, const struct event *create);
/* flow_reached: the event is in a reachable block (valid at the end). */
bool flow_reached(const struct flow_ctx *fx, const struct event *ev);

#endif
