/* solve.c: see solve.h.
 *
 * The engine simulates the function path by path, but never one path at a time. A "path
 * state" (struct pstate) describes a class of paths that agree on everything the rules ask
 * about: which operation each variable denotes and the typestate of every operation
 * (pending, consumed, moved, escaped). What those paths know of scalar locals (a constant, a
 * query's answer held in a flag) rides along as "value facts" that decide which edges a path
 * can take. At each block entry the engine keeps a small set of path states. This is ESP's
 * property simulation (Das, Lerner, Seigle, PLDI 2002):
 *
 *   - two states whose typestates agree are merged, and their value facts are joined (a fact
 *     survives only where both sides agree), so the set stays small on ordinary code; the
 *     known value of a state variable (one a switch or an `x == K` tests) counts as typestate,
 *     so a state machine's states are never merged into "any state";
 *   - states whose typestates differ stay apart, so a consumption on one path never taints
 *     another (`if (c) await(t); if (!c) await(t);` is two paths, each awaiting once);
 *   - an edge whose refinement contradicts a state's facts is not taken by that state;
 *   - past SOLVE_MAX_STATES states at one block, further states are dropped, never merged:
 *     the engine may then miss a bug, but it cannot invent one. Dropping is counted, and
 *     "never consumed" (the one question whose answer gets weaker with fewer paths) is not
 *     answered for a function that dropped anything.
 *
 * Termination: the typestates of a function form a finite set, a state's value facts only
 * weaken when states are merged (constant -> non-zero -> unknown) and its note sites only
 * move earlier, so every block's set of states grows monotonically to a fixpoint.
 *
 * After the fixpoint, a replay walks every reachable block once with all its states side by
 * side and shows each event to the rules, whose questions (flow_consumed, flow_pending, ...)
 * are answered over those states: "on some feasible path reaching here". */
#include "analyzer/flow/solve.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/flow/solve_int.h"

/* ---- the fixpoint ---- */

struct worklist {
  int32_t *v;
  uint8_t *queued;
  size_t head, count, cap;
};

static void wl_push(struct worklist *w, int32_t b) {
  if (w->queued[b])
    return;
  w->queued[b] = 1;
  w->v[(w->head + w->count) % w->cap] = b;
  w->count++;
}

static int32_t wl_pop(struct worklist *w) {
  int32_t b = w->v[w->head];
  w->head = (w->head + 1) % w->cap;
  w->count--;
  w->queued[b] = 0;
  return b;
}

static void fixpoint(struct flow_ctx *fx, uint8_t *scratch) {
  const struct cfg *g = fx->g;
  size_t nb = g->blocks.n;
  struct worklist w = {ARENA_ARRAY(fx->a, int32_t, nb + 1), ARENA_ARRAY(fx->a, uint8_t, nb + 1), 0, 0, nb + 1};
  struct pstate *cur = st_new(fx), *tmp = st_new(fx);
  st_entry(fx, cur);
  cur->hash = st_hash(fx, cur);
  add_state(fx, g->entry, cur);
  wl_push(&w, g->entry);
  while (w.count) {
    int32_t b = wl_pop(&w);
    const struct block *bl = &g->blocks.v[b];
    /* add_state may grow fx->in[b] when b is its own successor: index, don't hold pointers. */
    for (uint32_t i = 0; i < fx->in[b].n; i++) {
      struct pstate *s = fx->in[b].v[i];
      if (!s->dirty)
        continue;
      s->dirty = false;
      st_copy(fx, cur, s);
      for (size_t k = 0; k < bl->evs.n; k++)
        apply_event(fx, cur, bl->evs.v[k], scratch);
      for (int32_t k = bl->succ_begin; k < bl->succ_end; k++) {
        const struct edge *e = &g->edges.v[g->succ[k]];
        st_copy(fx, tmp, cur);
        if (!apply_edge(fx, tmp, e))
          continue;
        tmp->hash = st_hash(fx, tmp);
        if (add_state(fx, e->to, tmp))
          wl_push(&w, e->to);
      }
    }
  }
}

/* ---- the replay ---- */

static void mark_used(struct flow_ctx *fx, const struct event *e) {
  if (!ev_has(e->kind, EVP_USES_OP) || (e->kind == EV_WAIT && (e->flags & EVF_COMPLETES)))
    return; /* a helper that polled it to completion did not take its result */
  int32_t var = e->kind == EV_MOVE ? e->var2 : e->var;
  if (var < 0)
    return;
  for (uint32_t i = 0; i < fx->ncur; i++)
    if (fx->cur[i]->var_op[var] >= 0)
      fx->used_op[fx->cur[i]->var_op[var]] = 1;
}

static void replay(struct flow_ctx *fx, flow_visit_fn visit, void *self, uint8_t *scratch) {
  const struct cfg *g = fx->g;
  uint32_t most = 0;
  for (size_t b = 0; b < g->blocks.n; b++)
    if (fx->in[b].n > most)
      most = fx->in[b].n;
  fx->cur = ARENA_ARRAY(fx->a, struct pstate *, most + 1);
  for (uint32_t i = 0; i < most; i++)
    fx->cur[i] = st_new(fx);
  for (size_t b = 0; b < g->blocks.n; b++) {
    if (!fx->in[b].n)
      continue;
    fx->ncur = fx->in[b].n;
    for (uint32_t i = 0; i < fx->ncur; i++)
      st_copy(fx, fx->cur[i], fx->in[b].v[i]);
    const struct block *bl = &g->blocks.v[b];
    for (size_t k = 0; k < bl->evs.n; k++) {
      int32_t ei = bl->evs.v[k];
      const struct event *e = &g->events.v[ei];
      fx->ev_reached[ei] = 1;
      visit(self, fx, e);
      mark_used(fx, e);
      for (uint32_t i = 0; i < fx->ncur; i++)
        apply_event(fx, fx->cur[i], ei, scratch);
    }
  }
  fx->ncur = 0;
  visit(self, fx, NULL);
}

/* worth_solving: some event concerns a vtask or is one a rule reads on its own (a wait, a
 * discard, a store). A body whose events only track scalars has nothing to report. */
static bool worth_solving(const struct cfg *g) {
  for (size_t i = 0; i < g->events.n; i++) {
    const struct event *e = &g->events.v[i];
    if (e->kind == EV_WAIT || e->kind == EV_DISCARD || e->kind == EV_STORE)
      return true;
    if ((e->var >= 0 && (g->vars.v[e->var].flags & VAR_VTASK)) || (e->var2 >= 0 && (g->vars.v[e->var2].flags & VAR_VTASK)))
      return true;
  }
  return false;
}

bool solve_run(const struct cfg *g, flow_visit_fn visit, void *self) {
  if (!worth_solving(g))
    return false;
  struct arena a;
  arena_init(&a);
  struct flow_ctx fx;
  memset(&fx, 0, sizeof fx);
  fx.g = g;
  fx.a = &a;
  fx.nvars = g->vars.n;
  size_t nb = g->blocks.n, ne = g->events.n;
  fx.op_of_event = ARENA_ARRAY(&a, int32_t, ne);
  fx.state_bytes = sizeof(struct pstate) + (g->vars.n + 1) * (sizeof(int32_t) + sizeof(struct vfact));
  for (size_t i = 0; i < ne; i++) {
    const struct event *e = &g->events.v[i];
    fx.op_of_event[i] = ev_has(e->kind, EVP_CREATES) && e->var >= 0 ? (int32_t)fx.nops++ : -1;
  }
  fx.state_bytes += (fx.nops + 1) * sizeof(struct opst);
  fx.cmp_vars = ARENA_ARRAY(&a, int32_t, g->vars.n + 1);
  for (size_t v = 0; v < g->vars.n; v++)
    if (g->vars.v[v].flags & VAR_CMP)
      fx.cmp_vars[fx.ncmp++] = (int32_t)v;
  fx.in = ARENA_ARRAY(&a, struct stateset, nb);
  fx.used_op = ARENA_ARRAY(&a, uint8_t, fx.nops + 1);
  fx.last_op = ARENA_NEW(&a, int32_t);
  fx.ev_reached = ARENA_ARRAY(&a, uint8_t, ne);
  uint8_t *scratch = ARENA_ARRAY(&a, uint8_t, fx.nops + 1);
  fixpoint(&fx, scratch);
  replay(&fx, visit, self, scratch);
  arena_release(&a);
  return true;
}

/* ---- what rules ask ---- */

const struct cfg *flow_cfg(const struct flow_ctx *fx) { return fx->g; }

/* site_of: the note site an operation's typestate bit comes with. */
static int32_t site_of(const struct opst *x, uint8_t bit) {
  return bit == OP_CONSUMED ? x->consumed_at : bit == OP_MOVED ? x->moved_at : x->pending_from;
}

/* first_with: whether, on some current state, var's operation has `bit` and has not escaped;
 * *first: the earliest such site (for pending: the first state's). */
static bool first_with(const struct flow_ctx *fx, int32_t var, uint8_t bit, uint8_t unless, const struct event **first) {
  if (var < 0)
    return false;
  bool any = false;
  int32_t at = -1;
  for (uint32_t i = 0; i < fx->ncur; i++) {
    int32_t o = fx->cur[i]->var_op[var];
    if (o < 0)
      continue;
    const struct opst *x = &fx->cur[i]->ops[o];
    if ((x->bits & (OP_ESCAPED | unless)) || !(x->bits & bit))
      continue;
    any = true;
    int32_t s = site_of(x, bit);
    if (bit == OP_PENDING ? at < 0 : (s >= 0 && (at < 0 || s < at))) {
      at = s;
      *fx->last_op = o;
    }
  }
  if (any && first)
    *first = at >= 0 ? &fx->g->events.v[at] : NULL;
  return any;
}

bool flow_consumed(const struct flow_ctx *fx, int32_t var, const struct event **first) {
  return first_with(fx, var, OP_CONSUMED, 0, first);
}

bool flow_spent(const struct flow_ctx *fx, int32_t var, const struct event **first) {
  return first_with(fx, var, OP_CONSUMED, OP_RELEASED, first);
}

bool flow_finishing(const struct flow_ctx *fx, int32_t var, const struct event **first) {
  return first_with(fx, var, OP_CONSUMED, OP_FINISHED | OP_RELEASED, first);
}

bool flow_moved(const struct flow_ctx *fx, int32_t var, const struct event **first) {
  return first_with(fx, var, OP_MOVED, 0, first);
}

bool flow_pending(const struct flow_ctx *fx, int32_t var, const struct event **origin) {
  return first_with(fx, var, OP_PENDING, 0, origin);
}

bool flow_claim(struct flow_ctx *fx, const struct event *first) {
  if (!first)
    return true;
  /* One report per first consumption of one operation: `await(k ? a : b)` is the first
   * consumption of a on some paths and of b on others, and each can be misused again. */
  int64_t key = (int64_t)(first - fx->g->events.v) * (int64_t)(fx->nops + 1) + *fx->last_op;
  for (size_t i = 0; i < fx->claimed.n; i++)
    if (fx->claimed.v[i] == key)
      return false;
  vec_push(fx->a, &fx->claimed, key);
  return true;
}

bool flow_never_consumed(const struct flow_ctx *fx, const struct event *create) {
  if (fx->dropped)
    return false; /* a dropped path may have consumed it */
  int32_t o = fx->op_of_event[create - fx->g->events.v];
  return o >= 0 && !fx->used_op[o];
}

bool flow_unconsumed_at_exit(const struct flow_ctx *fx, int32_t var) {
  if (fx->dropped)
    return true; /* a dropped path may be one that leaves it alone */
  const struct stateset *in = &fx->in[fx->g->exit];
  for (uint32_t i = 0; i < in->n; i++) {
    int32_t o = var >= 0 ? in->v[i]->var_op[var] : -1;
    if (o < 0)
      continue;
    uint8_t bits = in->v[i]->ops[o].bits;
    if ((bits & OP_LIVE) && !(bits & (OP_CONSUMED | OP_MOVED | OP_ESCAPED)))
      return true;
  }
  return false;
}

bool flow_completed_in(const struct flow_ctx *fx, int32_t b, int32_t var, bool *reached) {
  const struct stateset *in = &fx->in[b];
  *reached = in->n > 0;
  if (fx->dropped || var < 0)
    return false;
  for (uint32_t i = 0; i < in->n; i++) {
    int32_t o = in->v[i]->var_op[var];
    if (o < 0 || !(in->v[i]->ops[o].bits & OP_LIVE) || (in->v[i]->ops[o].bits & OP_PENDING))
      return false;
  }
  return true;
}

bool flow_completed_at_exit(const struct flow_ctx *fx, int32_t var) {
  bool reached;
  return flow_completed_in(fx, fx->g->exit, var, &reached) && reached;
}

bool flow_reached(const struct flow_ctx *fx, const struct event *ev) {
  return fx->ev_reached[ev - fx->g->events.v] != 0;
}

void flow_stats(const struct flow_ctx *fx, struct solve_stats *out) {
  out->max_states = fx->max_states;
  out->dropped = fx->dropped;
}
