/* solve.h: the path-sensitive typestate engine over a cfg, and the questions rules ask at
 * each event.
 *
 * Each creating event is an abstract operation. The engine keeps, at each block, a set of
 * path states: which operation each variable denotes, each operation's typestate (pending,
 * consumed, moved, escaped, with the sites notes need), and what is known of the scalar
 * locals that decide branches (constants, query answers held in flags). States merge only
 * where their typestates agree; edges that contradict a state are not taken by it; past
 * SOLVE_MAX_STATES at one block, extra states are dropped (and counted), so the engine may
 * miss a bug but never invents one. solve.c explains the details. */
#ifndef VTL_FLOW_SOLVE_H
#define VTL_FLOW_SOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include "analyzer/flow/cfg.h"

struct flow_ctx;

/* The bounds: path states at one block entry, and the memory all block entries' states of one
 * function may take (past either, states are dropped and counted). */
enum { SOLVE_MAX_STATES = 64 };
#define SOLVE_MAX_BYTES ((size_t)256 << 20)

struct solve_stats {
  uint32_t max_states; /* the most path states at one block entry */
  uint32_t dropped;    /* states dropped at the bound */
};

/* The visitor sees every event of every reachable block, in block order, with the state just
 * before the event (flow_* below), then once more with ev == NULL at the end. */
typedef void (*flow_visit_fn)(void *self, struct flow_ctx *fx, const struct event *ev);

/* solve_run: solves g and replays it through visit. Returns false if g has nothing to track
 * (no event concerns a vtask, a wait, a discard or a store): then visit is not called. */
bool solve_run(const struct cfg *g, flow_visit_fn visit, void *self);

const struct cfg *flow_cfg(const struct flow_ctx *fx);
/* flow_consumed: on some path reaching here, var's operation was already consumed, and on
 * none did it escape. *first: the consuming event (for "first consumed here"). */
bool flow_consumed(const struct flow_ctx *fx, int32_t var, const struct event **first);
/* flow_spent: like flow_consumed, leaving out operations only released so far (EVF_RELEASES:
 * a detached thread's ID stays valid while it runs): what makes a later use a bug. */
bool flow_spent(const struct flow_ctx *fx, int32_t var, const struct event **first);
/* flow_finishing: var's operation may be consumed with what its consumption leaves to do not
 * yet run (a libuv handle closed, its close callback not yet run: no EV_FINISH since). */
bool flow_finishing(const struct flow_ctx *fx, int32_t var, const struct event **first);
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
/* flow_unconsumed_at_exit: at the end (ev == NULL): on some path reaching the function's exit,
 * var denotes an operation that nothing consumed, moved away or let escape (true, too, when
 * states were dropped). What tells a helper that consumes its parameter on every path from one
 * that consumes it only on some. */
bool flow_unconsumed_at_exit(const struct flow_ctx *fx, int32_t var);
/* flow_completed_at_exit: at the end (ev == NULL): var denotes an operation on every path
 * reaching the function's exit, and every one of them has seen it complete (none was dropped
 * at the bound). */
bool flow_completed_at_exit(const struct flow_ctx *fx, int32_t var);
/* flow_completed_in: the same at the start of block b; *reached is set when some path reaches
 * it (an unreachable block says nothing, and returns true). */
bool flow_completed_in(const struct flow_ctx *fx, int32_t b, int32_t var, bool *reached);
/* flow_reached: the event is in a reachable block (valid at the end). */
bool flow_reached(const struct flow_ctx *fx, const struct event *ev);
/* flow_stats: the engine's counters for this function (valid at the end, ev == NULL). */
void flow_stats(const struct flow_ctx *fx, struct solve_stats *out);

#endif
