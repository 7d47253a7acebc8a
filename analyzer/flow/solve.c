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

/* An operation's typestate. OP_LIVE: the operation exists on this path (some variable or
 * flag refers to it); a dead operation has no bits, so that paths which differ only in
 * what they have forgotten can merge. */
enum { OP_LIVE = 1, OP_PENDING = 2, OP_CONSUMED = 4, OP_MOVED = 8, OP_ESCAPED = 16,
       OP_RELEASED = 32 /* consumed only by EVF_RELEASES consumptions so far: the value is still
                           valid (flow_spent), though consuming it again is a bug */ };

struct opst {
  uint8_t bits;
  int32_t consumed_at;  /* the first consumption, for "first consumed here"; -1 */
  int32_t moved_at;     /* the first consumption that moved the value away; -1 */
  int32_t pending_from; /* where it was last left pending (creation, a query's false edge); -1 */
};

/* What a path knows of a scalar variable: its value, and what its being true (non-zero) or
 * false says of one operation's completion. A query flag (`done = vtask_is_completed(t)`)
 * starts with both implications; where it meets a path on which it is known false (the
 * `bool done = false;` a polling loop starts with), "if true, then completed" still holds,
 * because on that path it holds vacuously. */
enum vf_kind {
  VF_UNKNOWN,
  VF_CONST,   /* == k */
  VF_NONZERO, /* != 0 */
};
enum implication { IMPL_NONE, IMPL_COMPLETED, IMPL_PENDING };

struct vfact {
  uint8_t kind;     /* enum vf_kind */
  uint8_t if_true;  /* enum implication: what var != 0 says of operation op */
  uint8_t if_false; /* ... what var == 0 says */
  int32_t op;       /* -1: no implications */
  int32_t site;     /* the query event, for notes */
  int64_t k;        /* VF_CONST */
};

static const struct vfact UNKNOWN = {VF_UNKNOWN, IMPL_NONE, IMPL_NONE, -1, -1, 0};

static struct vfact constant(int64_t k) {
  struct vfact f = UNKNOWN;
  f.kind = VF_CONST;
  f.k = k;
  return f;
}

static bool known_zero(const struct vfact *f) { return f->kind == VF_CONST && f->k == 0; }
static bool known_nonzero(const struct vfact *f) { return f->kind == VF_NONZERO || (f->kind == VF_CONST && f->k != 0); }

struct pstate {
  uint32_t hash;      /* of the typestate: var_op and every operation's bits */
  bool dirty;         /* changed since its successors were last computed */
  int32_t *var_op;    /* per variable: the operation it denotes, -1 none */
  struct vfact *val;  /* per variable: its value facts */
  struct opst *ops;   /* per operation */
};

struct stateset {
  struct pstate **v;
  uint32_t n, cap;
};

struct flow_ctx {
  const struct cfg *g;
  struct arena *a;
  size_t nvars, nops;
  int32_t *op_of_event;   /* the operation each creating event makes, -1 */
  struct stateset *in;    /* per block: the states at its entry */
  struct pstate **cur;    /* during replay: the states before the current event */
  uint32_t ncur;
  uint8_t *used_op;       /* per operation: some reachable event used it up */
  VEC(int64_t) claimed;   /* (first consuming event, operation) pairs already reported */
  int32_t *last_op;       /* the operation the last flow_consumed/flow_moved answer was about
                             (behind a pointer: the questions take a const context) */
  uint8_t *ev_reached;    /* per event: in a reachable block */
  uint32_t max_states;    /* the most states seen at one block entry */
  uint32_t dropped;       /* states dropped at the bound */
  size_t state_bytes;     /* what one path state takes */
  size_t stored_bytes;    /* what the block entries' states take together */
};

/* ---- path states ---- */

static struct pstate *st_new(struct flow_ctx *fx) {
  struct pstate *s = ARENA_NEW(fx->a, struct pstate);
  s->var_op = ARENA_ARRAY(fx->a, int32_t, fx->nvars + 1);
  s->val = ARENA_ARRAY(fx->a, struct vfact, fx->nvars + 1);
  s->ops = ARENA_ARRAY(fx->a, struct opst, fx->nops + 1);
  return s;
}

static void st_copy(const struct flow_ctx *fx, struct pstate *d, const struct pstate *s) {
  d->hash = s->hash;
  d->dirty = s->dirty;
  memcpy(d->var_op, s->var_op, sizeof *d->var_op * fx->nvars);
  memcpy(d->val, s->val, sizeof *d->val * fx->nvars);
  memcpy(d->ops, s->ops, sizeof *d->ops * fx->nops);
}

static void st_entry(const struct flow_ctx *fx, struct pstate *s) {
  for (size_t v = 0; v < fx->nvars; v++)
    s->var_op[v] = -1;
  memset(s->val, 0, sizeof *s->val * fx->nvars);
  for (size_t o = 0; o < fx->nops; o++)
    s->ops[o] = (struct opst){0, -1, -1, -1};
}

/* state_value: a state variable's known constant, part of the typestate (a state machine's
 * state decides which case runs next as surely as a typestate does); INT64_MIN otherwise. */
static int64_t state_value(const struct flow_ctx *fx, const struct pstate *s, size_t v) {
  if (!(fx->g->vars.v[v].flags & VAR_STATE) || s->val[v].kind != VF_CONST)
    return INT64_MIN;
  return s->val[v].k;
}

/* any_live: the state follows some operation. Without one, nothing a rule asks depends on
 * which state machine state a path is in (a getopt loop's `switch (c)`), and such states merge. */
static bool any_live(const struct flow_ctx *fx, const struct pstate *s) {
  for (size_t o = 0; o < fx->nops; o++)
    if (s->ops[o].bits)
      return true;
  return false;
}

static uint32_t st_hash(const struct flow_ctx *fx, const struct pstate *s) {
  uint32_t h = 2166136261u;
  bool live = any_live(fx, s);
  for (size_t v = 0; v < fx->nvars; v++)
    h = (h ^ (uint32_t)s->var_op[v] ^ (uint32_t)(live ? state_value(fx, s, v) : 0)) * 16777619u;
  for (size_t o = 0; o < fx->nops; o++)
    h = (h ^ s->ops[o].bits) * 16777619u;
  return h;
}

/* same_typestate: ESP's merge criterion. */
static bool same_typestate(const struct flow_ctx *fx, const struct pstate *a, const struct pstate *b) {
  if (a->hash != b->hash || memcmp(a->var_op, b->var_op, sizeof *a->var_op * fx->nvars) != 0)
    return false;
  for (size_t o = 0; o < fx->nops; o++)
    if (a->ops[o].bits != b->ops[o].bits)
      return false;
  if (!any_live(fx, a)) /* b has the same operations' bits */
    return true;
  for (size_t v = 0; v < fx->nvars; v++)
    if (state_value(fx, a, v) != state_value(fx, b, v))
      return false;
  return true;
}

static bool same_fact(const struct vfact *a, const struct vfact *b) {
  return a->kind == b->kind && (a->kind != VF_CONST || a->k == b->k) && a->op == b->op &&
         a->if_true == b->if_true && a->if_false == b->if_false;
}

/* join_side: one implication of the join. A side on which the condition cannot hold promises
 * nothing and takes the other's; otherwise only what both say survives. */
static uint8_t join_side(uint8_t a, bool a_vacuous, int32_t aop, uint8_t b, bool b_vacuous, int32_t bop, int32_t *op) {
  if (a_vacuous && b_vacuous)
    return IMPL_NONE;
  if (a_vacuous || b_vacuous) {
    *op = a_vacuous ? bop : aop;
    return a_vacuous ? b : a;
  }
  if (a == b && aop == bop) {
    *op = aop;
    return a;
  }
  return IMPL_NONE;
}

/* join_fact: what both sides know. */
static struct vfact join_fact(const struct vfact *a, const struct vfact *b) {
  if (same_fact(a, b))
    return *a;
  struct vfact u = UNKNOWN;
  if (a->kind == VF_CONST && b->kind == VF_CONST && a->k == b->k)
    u = constant(a->k);
  else if (known_nonzero(a) && known_nonzero(b))
    u.kind = VF_NONZERO;
  int32_t ot = -1, of = -1;
  uint8_t t = join_side(a->if_true, known_zero(a), a->op, b->if_true, known_zero(b), b->op, &ot);
  uint8_t f = join_side(a->if_false, known_nonzero(a), a->op, b->if_false, known_nonzero(b), b->op, &of);
  if (t == IMPL_NONE)
    ot = -1;
  if (f == IMPL_NONE)
    of = -1;
  if (ot >= 0 && of >= 0 && ot != of)
    f = IMPL_NONE, of = -1; /* one operation per fact */
  u.if_true = t;
  u.if_false = f;
  u.op = ot >= 0 ? ot : of;
  if (u.op >= 0)
    u.site = a->op == u.op && a->site >= 0 ? a->site : b->site;
  return u;
}

static bool min_site(int32_t *d, int32_t s) {
  if (s >= 0 && (*d < 0 || s < *d)) {
    *d = s;
    return true;
  }
  return false;
}

/* join_into: d := d joined with s (same typestate); whether d changed. */
static bool join_into(const struct flow_ctx *fx, struct pstate *d, const struct pstate *s) {
  bool ch = false;
  for (size_t v = 0; v < fx->nvars; v++)
    if (!same_fact(&d->val[v], &s->val[v])) {
      struct vfact j = join_fact(&d->val[v], &s->val[v]);
      if (!same_fact(&j, &d->val[v]))
        ch = true;
      d->val[v] = j;
    }
  for (size_t o = 0; o < fx->nops; o++) {
    struct opst *x = &d->ops[o];
    const struct opst *y = &s->ops[o];
    ch |= min_site(&x->consumed_at, y->consumed_at);
    ch |= min_site(&x->moved_at, y->moved_at);
    if (x->pending_from < 0 && y->pending_from >= 0) {
      x->pending_from = y->pending_from;
      ch = true;
    }
  }
  return ch;
}

/* add_state: s joins block b's entry states; whether the set changed. */
static bool add_state(struct flow_ctx *fx, int32_t b, const struct pstate *s) {
  struct stateset *set = &fx->in[b];
  for (uint32_t i = 0; i < set->n; i++)
    if (same_typestate(fx, set->v[i], s)) {
      if (!join_into(fx, set->v[i], s))
        return false;
      set->v[i]->dirty = true;
      return true;
    }
  /* Past the bound at this block, or past the memory budget of the whole function (a state
   * holds every variable and operation: a function of hundreds of vtasks each consumed under
   * its own condition would otherwise take gigabytes), the state is dropped, never merged. */
  if (set->n >= SOLVE_MAX_STATES || fx->stored_bytes + fx->state_bytes > SOLVE_MAX_BYTES) {
    fx->dropped++;
    return false;
  }
  fx->stored_bytes += fx->state_bytes;
  if (set->n == set->cap) {
    uint32_t ncap = set->cap ? set->cap * 2 : 2;
    set->v = arena_grow(fx->a, set->v, sizeof *set->v * set->cap, sizeof *set->v * ncap);
    set->cap = ncap;
  }
  struct pstate *c = st_new(fx);
  st_copy(fx, c, s);
  c->dirty = true;
  set->v[set->n++] = c;
  if (set->n > fx->max_states)
    fx->max_states = set->n;
  return true;
}

/* ---- events ---- */

/* forget_op: names and flags still referring to operation o (a loop's earlier instance of the
 * same creating site) no longer denote something we follow. */
static void forget_op(const struct flow_ctx *fx, struct pstate *s, int32_t o) {
  for (size_t v = 0; v < fx->nvars; v++) {
    if (s->var_op[v] == o)
      s->var_op[v] = -1;
    if (s->val[v].op == o) {
      s->val[v].op = s->val[v].site = -1;
      s->val[v].if_true = s->val[v].if_false = IMPL_NONE;
    }
  }
}

static void new_op(const struct flow_ctx *fx, struct pstate *s, int32_t var, int32_t o, int32_t ev, bool pending) {
  forget_op(fx, s, o);
  s->ops[o] = (struct opst){(uint8_t)(OP_LIVE | (pending ? OP_PENDING : 0)), -1, -1, pending ? ev : -1};
  s->var_op[var] = o;
}

/* collect: an operation no variable or flag refers to any more is forgotten. */
static void collect(const struct flow_ctx *fx, struct pstate *s, uint8_t *live) {
  memset(live, 0, fx->nops);
  for (size_t v = 0; v < fx->nvars; v++) {
    if (s->var_op[v] >= 0)
      live[s->var_op[v]] = 1;
    if (s->val[v].op >= 0)
      live[s->val[v].op] = 1;
  }
  for (size_t o = 0; o < fx->nops; o++)
    if (!live[o] && s->ops[o].bits)
      s->ops[o] = (struct opst){0, -1, -1, -1};
}

static void consume(struct pstate *s, int32_t o, int32_t ev, bool moved, bool releases) {
  if (o < 0)
    return;
  struct opst *x = &s->ops[o];
  if (releases && !(x->bits & OP_CONSUMED))
    x->bits |= OP_RELEASED;
  else if (!releases)
    x->bits &= (uint8_t)~OP_RELEASED;
  x->bits |= OP_CONSUMED;
  if (x->consumed_at < 0)
    x->consumed_at = ev;
  if (moved) {
    x->bits |= OP_MOVED;
    if (x->moved_at < 0)
      x->moved_at = ev;
  }
}

static bool consumption_moves(const struct event *e) {
  return ev_has(e->kind, EVP_MOVES) || (e->flags & EVF_MOVED);
}

/* apply_event: the event's effect on one path state. */
static void apply_event(struct flow_ctx *fx, struct pstate *s, int32_t ei, uint8_t *scratch) {
  const struct event *e = &fx->g->events.v[ei];
  int32_t o = fx->op_of_event[ei];
  int32_t var = e->var;
  switch (e->kind) {
  case EV_CREATE:
  case EV_FRESH:
  case EV_CREATE_COMPLETED:
    if (var >= 0)
      new_op(fx, s, var, o, ei, e->kind != EV_CREATE_COMPLETED);
    break;
  case EV_MOVE: {
    /* var := var2's operation, which is moved away: var denotes a new operation that
     * inherits its completion. */
    int32_t src = e->var2 >= 0 ? s->var_op[e->var2] : -1;
    uint8_t bits = src >= 0 ? s->ops[src].bits : 0;
    int32_t pf = src >= 0 ? s->ops[src].pending_from : -1;
    consume(s, src, ei, true, false);
    if (var < 0)
      break;
    if (src < 0) {
      s->var_op[var] = -1;
      break;
    }
    new_op(fx, s, var, o, ei, bits & OP_PENDING);
    s->ops[o].bits |= bits & OP_ESCAPED;
    if (bits & OP_PENDING)
      s->ops[o].pending_from = pf >= 0 ? pf : ei;
    break;
  }
  case EV_AWAIT:
  case EV_GET_RESULT:
  case EV_TRANSFER:
  case EV_PASS:
    if (var >= 0)
      consume(s, s->var_op[var], ei, consumption_moves(e), (e->flags & EVF_RELEASES) != 0);
    return;
  case EV_COPY:
    s->var_op[var] = e->var2 >= 0 ? s->var_op[e->var2] : -1;
    break;
  case EV_CLEAR:
    s->var_op[var] = -1;
    break;
  case EV_ESCAPE:
    if (var >= 0) {
      if (s->var_op[var] >= 0)
        s->ops[s->var_op[var]].bits |= OP_ESCAPED;
      s->val[var] = UNKNOWN; /* &flag: written out of sight */
    }
    return;
  case EV_FLAG_SET: {
    int32_t q = e->var2 >= 0 ? s->var_op[e->var2] : -1;
    bool neg = (e->flags & EVF_NEGATED) != 0;
    s->val[var] = UNKNOWN;
    if (q >= 0) {
      s->val[var].op = q;
      s->val[var].site = ei;
      s->val[var].if_true = neg ? IMPL_PENDING : IMPL_COMPLETED;
      s->val[var].if_false = neg ? IMPL_COMPLETED : IMPL_PENDING;
    }
    break; /* the flag may have been the last reference to an operation */
  }
  case EV_FLAG_CLEAR:
  case EV_COND_KILL:
    s->val[var] = UNKNOWN;
    break;
  case EV_COND_SET:
    s->val[var] = constant(e->value);
    break;
  case EV_WAIT:
    /* A wait returns once the operation has completed. */
    if (var >= 0 && s->var_op[var] >= 0)
      s->ops[s->var_op[var]].bits &= (uint8_t)~OP_PENDING;
    return;
  default:
    return;
  }
  collect(fx, s, scratch);
}

/* ---- edges ---- */

/* set_completion: the path learns whether operation o has completed. */
static void set_completion(struct pstate *s, int32_t o, bool completed, int32_t site) {
  if (o < 0)
    return;
  if (completed) {
    s->ops[o].bits &= (uint8_t)~OP_PENDING;
  } else {
    s->ops[o].bits |= OP_PENDING;
    if (site >= 0)
      s->ops[o].pending_from = site;
  }
}

/* assume: the path takes an edge saying var v == k (eq) or v != k (!eq). False: no path of
 * this state can take it. What the variable's truth implies is applied. */
static bool assume(struct pstate *s, int32_t v, bool eq, int64_t k) {
  struct vfact *f = &s->val[v];
  if (f->kind == VF_CONST && (f->k == k) != eq)
    return false;
  if (f->kind == VF_NONZERO && eq && k == 0)
    return false;
  /* Does the edge decide the variable's truth? (v != 7 does not.) */
  int truth = eq ? k != 0 : k == 0 ? 1 : -1;
  if (truth >= 0 && f->op >= 0) {
    uint8_t impl = truth ? f->if_true : f->if_false;
    if (impl != IMPL_NONE)
      set_completion(s, f->op, impl == IMPL_COMPLETED, f->site);
  }
  if (eq) {
    f->kind = VF_CONST;
    f->k = k;
  } else if (k == 0 && f->kind == VF_UNKNOWN) {
    f->kind = VF_NONZERO;
  }
  return true;
}

/* default_feasible: a switch's default edge is not taken when the value is a known constant
 * that one of the case edges leaving the same block names. */
static bool default_feasible(const struct flow_ctx *fx, const struct pstate *s, const struct edge *e) {
  const struct vfact *f = &s->val[e->rvar];
  if (f->kind != VF_CONST)
    return true;
  const struct block *bl = &fx->g->blocks.v[e->from];
  for (int32_t i = bl->succ_begin; i < bl->succ_end; i++) {
    const struct edge *c = &fx->g->edges.v[fx->g->succ[i]];
    if (c->refine == REF_EQ && c->rvar == e->rvar && c->value == f->k)
      return false;
  }
  return true;
}

/* apply_edge: the edge's refinement on one path state; false when the state cannot take it. */
static bool apply_edge(const struct flow_ctx *fx, struct pstate *s, const struct edge *e) {
  if (e->refine == REF_NONE || e->rvar < 0)
    return true;
  int32_t o = s->var_op[e->rvar];
  switch (e->refine) {
  case REF_COMPLETED:
    set_completion(s, o, true, -1);
    return true;
  case REF_NOT_COMPLETED:
    set_completion(s, o, false, e->rev);
    return true;
  case REF_LIVE:
    if (o >= 0) {
      s->ops[o].bits &= (uint8_t)~(OP_CONSUMED | OP_MOVED);
      s->ops[o].consumed_at = s->ops[o].moved_at = -1;
    }
    return true;
  case REF_TRUE:
    return assume(s, e->rvar, false, 0);
  case REF_FALSE:
    return assume(s, e->rvar, true, 0);
  case REF_EQ:
    return assume(s, e->rvar, true, e->value);
  case REF_NE:
    return assume(s, e->rvar, false, e->value);
  case REF_DEFAULT:
    return default_feasible(fx, s, e);
  default:
    return true;
  }
}

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
  if (!ev_has(e->kind, EVP_USES_OP))
    return;
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

bool flow_reached(const struct flow_ctx *fx, const struct event *ev) {
  return fx->ev_reached[ev - fx->g->events.v] != 0;
}

void flow_stats(const struct flow_ctx *fx, struct solve_stats *out) {
  out->max_states = fx->max_states;
  out->dropped = fx->dropped;
}
