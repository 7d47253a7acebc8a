/* solve.c: see solve.h. */
#include "analyzer/flow/solve.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_OPS = 64 };
enum { OP_PENDING = 1, OP_CONSUMED = 2, OP_ESCAPED = 4, OP_MOVED = 8 /* consumed by a move */ };

struct opst {
  uint8_t bits;
  int32_t consumed_at; /* event, -1 */
  int32_t pending_from;/* event, -1 */
  int32_t moved_at;    /* the first consumption by a move, -1 */
  /* The condition variables known true / false on every path that consumed it: a later edge
   * that contradicts one of them proves the consumption did not happen on that path. */
  uint64_t guard_true, guard_false;
};

struct state {
  bool reached;
  uint64_t *vars;  /* per var: operations it may denote */
  uint64_t *flags; /* per var: operations a true flag proves completed (must: intersection) */
  uint64_t *nflags; /* per var: operations a false flag proves completed (a negated query) */
  struct opst ops[MAX_OPS];
  uint64_t cond_true, cond_false; /* condition variables (index < 64) known true / false here */
};

struct flow_ctx {
  const struct cfg *g;
  struct arena *a;
  size_t nvars;
  int32_t *op_of_event;   /* operation created by each event, -1 */
  struct state *in;       /* per block */
  struct state cur;       /* during replay */
  uint64_t used_ops;      /* operations consumed/escaped by some reachable event */
  uint8_t *claimed;       /* per event */
  uint8_t *reached_block;
  uint8_t *ev_reached;    /* per event: in a reachable block */
};

static void st_alloc(struct flow_ctx *fx, struct state *s) {
  s->vars = ARENA_ARRAY(fx->a, uint64_t, fx->nvars + 1);
  s->flags = ARENA_ARRAY(fx->a, uint64_t, fx->nvars + 1);
  s->nflags = ARENA_ARRAY(fx->a, uint64_t, fx->nvars + 1);
}

static void st_copy(struct flow_ctx *fx, struct state *d, const struct state *s) {
  d->reached = s->reached;
  memcpy(d->vars, s->vars, sizeof *d->vars * fx->nvars);
  memcpy(d->flags, s->flags, sizeof *d->flags * fx->nvars);
  memcpy(d->nflags, s->nflags, sizeof *d->nflags * fx->nvars);
  memcpy(d->ops, s->ops, sizeof d->ops);
  d->cond_true = s->cond_true;
  d->cond_false = s->cond_false;
}

/* st_join: d := d ⊔ s; returns whether d changed. */
static bool st_join(struct flow_ctx *fx, struct state *d, const struct state *s) {
  if (!s->reached)
    return false;
  if (!d->reached) {
    st_copy(fx, d, s);
    return true;
  }
  bool ch = false;
  for (size_t v = 0; v < fx->nvars; v++) {
    uint64_t nv = d->vars[v] | s->vars[v];
    /* A flag known false proves nothing and promises nothing: on that side "if the flag is
     * true, these completed" holds vacuously (a loop's `bool done = false;` entry). */
    uint64_t bit = v < 64 ? (uint64_t)1 << v : 0;
    uint64_t df = (d->cond_false & bit) ? ~(uint64_t)0 : d->flags[v];
    uint64_t sf = (s->cond_false & bit) ? ~(uint64_t)0 : s->flags[v];
    uint64_t dn = (d->cond_true & bit) ? ~(uint64_t)0 : d->nflags[v];
    uint64_t sn = (s->cond_true & bit) ? ~(uint64_t)0 : s->nflags[v];
    uint64_t nf = df & sf;
    uint64_t nn = dn & sn;
    ch |= nv != d->vars[v] || nf != d->flags[v] || nn != d->nflags[v];
    d->vars[v] = nv;
    d->flags[v] = nf;
    d->nflags[v] = nn;
  }
  uint64_t ct = d->cond_true & s->cond_true, cf = d->cond_false & s->cond_false;
  if (ct != d->cond_true || cf != d->cond_false)
    d->cond_true = ct, d->cond_false = cf, ch = true;
  for (int o = 0; o < MAX_OPS; o++) {
    struct opst *x = &d->ops[o];
    const struct opst *y = &s->ops[o];
    /* Consumed on both sides: only the guards both share still hold; on one side: its own. */
    if (y->bits & OP_CONSUMED) {
      uint64_t gt = (x->bits & OP_CONSUMED) ? x->guard_true & y->guard_true : y->guard_true;
      uint64_t gf = (x->bits & OP_CONSUMED) ? x->guard_false & y->guard_false : y->guard_false;
      if (gt != x->guard_true || gf != x->guard_false)
        x->guard_true = gt, x->guard_false = gf, ch = true;
    }
    uint8_t nb = x->bits | y->bits;
    if (nb != x->bits)
      x->bits = nb, ch = true;
    if (x->consumed_at < 0 && y->consumed_at >= 0)
      x->consumed_at = y->consumed_at, ch = true;
    if (x->pending_from < 0 && y->pending_from >= 0)
      x->pending_from = y->pending_from, ch = true;
    if (x->moved_at < 0 && y->moved_at >= 0)
      x->moved_at = y->moved_at, ch = true;
  }
  return ch;
}

static void new_op(struct flow_ctx *fx, struct state *s, int32_t var, int32_t o, int32_t ev, uint8_t bits) {
  uint64_t m = (uint64_t)1 << o;
  /* Another name still denoting this site's previous instance (a loop's earlier iteration)
   * no longer denotes something we follow. */
  for (size_t v = 0; v < fx->nvars; v++) {
    s->vars[v] &= ~m;
    s->flags[v] &= ~m;
    s->nflags[v] &= ~m;
  }
  s->ops[o].bits = bits;
  s->ops[o].consumed_at = -1;
  s->ops[o].moved_at = -1;
  s->ops[o].guard_true = s->ops[o].guard_false = 0;
  s->ops[o].pending_from = (bits & OP_PENDING) ? ev : -1;
  if (o == MAX_OPS - 1)
    s->ops[o].bits |= OP_ESCAPED; /* the shared overflow operation is never reported */
  s->vars[var] = m;
}

static void consume_ops(struct state *s, uint64_t mask, int32_t ev, bool moved) {
  for (int o = 0; o < MAX_OPS; o++)
    if (mask & ((uint64_t)1 << o)) {
      /* consumed again under other conditions: only the shared ones still guard it */
      bool again = s->ops[o].bits & OP_CONSUMED;
      s->ops[o].guard_true = again ? s->ops[o].guard_true & s->cond_true : s->cond_true;
      s->ops[o].guard_false = again ? s->ops[o].guard_false & s->cond_false : s->cond_false;
      s->ops[o].bits |= OP_CONSUMED;
      if (s->ops[o].consumed_at < 0)
        s->ops[o].consumed_at = ev;
      if (moved) {
        s->ops[o].bits |= OP_MOVED;
        if (s->ops[o].moved_at < 0)
          s->ops[o].moved_at = ev;
      }
    }
}

/* is_move: a consumption that moves the value away (std::move into a sink, a transfer). */
static bool is_move(const struct event *e) {
  return e->kind == EV_MOVE || e->kind == EV_TRANSFER || e->kind == EV_PASS || (e->flags & EVF_MOVED);
}

/* collect: an operation no variable denotes any more is forgotten, so that a path where it was
 * consumed and then replaced does not taint another path where the same operation is still
 * live under its name (the join is per operation, not per path). */
static void collect(struct flow_ctx *fx, struct state *s) {
  uint64_t live = 0;
  for (size_t v = 0; v < fx->nvars; v++)
    live |= s->vars[v] | s->flags[v] | s->nflags[v];
  for (int k = 0; k < MAX_OPS - 1; k++)
    if (!(live & ((uint64_t)1 << k)) && s->ops[k].bits) {
      s->ops[k].bits = 0;
      s->ops[k].consumed_at = s->ops[k].pending_from = s->ops[k].moved_at = -1;
      s->ops[k].guard_true = s->ops[k].guard_false = 0;
    }
}

/* forget_cond: nothing is known of condition variable v any more (it was assigned). */
static void forget_cond(struct state *s, int32_t v) {
  if (v < 0 || v >= 64)
    return;
  uint64_t bit = (uint64_t)1 << v;
  s->cond_true &= ~bit;
  s->cond_false &= ~bit;
  for (int k = 0; k < MAX_OPS; k++)
    s->ops[k].guard_true &= ~bit, s->ops[k].guard_false &= ~bit;
}

/* assume: the edge says v is true (or false). An edge that contradicts what is known is never
 * taken (false is returned); a consumption that needed the other value did not happen here. */
static bool assume(struct state *s, int32_t v, bool val) {
  if (v < 0 || v >= 64)
    return true;
  uint64_t bit = (uint64_t)1 << v;
  if ((val ? s->cond_false : s->cond_true) & bit)
    return false;
  if (val)
    s->cond_true |= bit;
  else
    s->cond_false |= bit;
  for (int k = 0; k < MAX_OPS; k++) {
    struct opst *o = &s->ops[k];
    if ((o->bits & OP_CONSUMED) && ((val ? o->guard_false : o->guard_true) & bit)) {
      o->bits &= (uint8_t)~(OP_CONSUMED | OP_MOVED);
      o->consumed_at = o->moved_at = -1;
      o->guard_true = o->guard_false = 0;
    }
  }
  return true;
}

static void apply_event(struct flow_ctx *fx, struct state *s, int32_t ei) {
  const struct event *e = &fx->g->events.v[ei];
  int32_t o = fx->op_of_event[ei];
  switch (e->kind) {
  case EV_CREATE:
  case EV_FRESH:
    if (e->var >= 0)
      new_op(fx, s, e->var, o, ei, OP_PENDING);
    break;
  case EV_CREATE_COMPLETED:
    if (e->var >= 0)
      new_op(fx, s, e->var, o, ei, 0);
    break;
  case EV_MOVE: {
    uint64_t src = s->vars[e->var2];
    uint8_t bits = 0;
    int32_t pf = -1;
    for (int k = 0; k < MAX_OPS; k++)
      if (src & ((uint64_t)1 << k)) {
        bits |= s->ops[k].bits & (OP_PENDING | OP_ESCAPED);
        if (pf < 0)
          pf = s->ops[k].pending_from;
      }
    consume_ops(s, src, ei, true);
    new_op(fx, s, e->var, o, ei, bits);
    if (bits & OP_PENDING)
      s->ops[o].pending_from = pf >= 0 ? pf : ei;
    if (!src)
      s->vars[e->var] = 0;
    break;
  }
  case EV_AWAIT:
  case EV_GET_RESULT:
  case EV_TRANSFER:
  case EV_PASS:
    if (e->var >= 0)
      consume_ops(s, s->vars[e->var], ei, is_move(e));
    break;
  case EV_COPY:
    s->vars[e->var] = s->vars[e->var2];
    break;
  case EV_ESCAPE:
    if (e->var >= 0) {
      for (int k = 0; k < MAX_OPS; k++)
        if (s->vars[e->var] & ((uint64_t)1 << k))
          s->ops[k].bits |= OP_ESCAPED;
      s->flags[e->var] = s->nflags[e->var] = 0;
    }
    break;
  case EV_CLEAR:
    s->vars[e->var] = 0;
    break;
  case EV_FLAG_SET:
    s->flags[e->var] = (e->flags & EVF_NEGATED) ? 0 : s->vars[e->var2];
    s->nflags[e->var] = (e->flags & EVF_NEGATED) ? s->vars[e->var2] : 0;
    forget_cond(s, e->var);
    break;
  case EV_COND_SET:
    /* v := constant. Whatever is consumed here is consumed with v holding that value, until v
     * changes: a later edge needing the other value cannot see the consumption. */
    forget_cond(s, e->var);
    s->flags[e->var] = s->nflags[e->var] = 0;
    if (e->var < 64) {
      uint64_t bit = (uint64_t)1 << e->var;
      if (e->var2)
        s->cond_true |= bit;
      else
        s->cond_false |= bit;
      for (int k = 0; k < MAX_OPS; k++)
        if (s->ops[k].bits & OP_CONSUMED) {
          if (e->var2)
            s->ops[k].guard_true |= bit;
          else
            s->ops[k].guard_false |= bit;
        }
    }
    return;
  case EV_FLAG_CLEAR:
    s->flags[e->var] = s->nflags[e->var] = 0;
    break;
  case EV_COND_KILL:
    forget_cond(s, e->var);
    s->flags[e->var] = s->nflags[e->var] = 0;
    return;
  case EV_WAIT:
    /* A wait returns once the operation has completed. */
    if (e->var >= 0)
      for (int k = 0; k < MAX_OPS; k++)
        if (s->vars[e->var] & ((uint64_t)1 << k))
          s->ops[k].bits &= (uint8_t)~OP_PENDING;
    return;
  default:
    return;
  }
  switch (e->kind) {
  case EV_CREATE:
  case EV_FRESH:
  case EV_CREATE_COMPLETED:
  case EV_MOVE:
  case EV_COPY:
  case EV_CLEAR:
    collect(fx, s);
    break;
  default:
    break;
  }
}

static void apply_edge(struct flow_ctx *fx, struct state *s, const struct edge *e) {
  (void)fx;
  uint64_t m = 0;
  switch (e->refine) {
  case REF_COMPLETED:
    m = s->vars[e->rvar];
    break;
  case REF_FLAG_TRUE:
    if (!assume(s, e->rvar, true)) {
      s->reached = false;
      return;
    }
    m = s->flags[e->rvar];
    break;
  case REF_FLAG_FALSE:
    if (!assume(s, e->rvar, false)) {
      s->reached = false;
      return;
    }
    m = s->nflags[e->rvar];
    break;
  case REF_COND_TRUE:
  case REF_COND_FALSE:
    /* The variable may have become a query flag later in the body than this test was lowered
     * (`while (!done) { ...; done = vtask_is_completed(t); }`): its flags apply too. */
    if (!assume(s, e->rvar, e->refine == REF_COND_TRUE)) {
      s->reached = false; /* an infeasible edge */
      return;
    }
    m = e->refine == REF_COND_TRUE ? s->flags[e->rvar] : s->nflags[e->rvar];
    break;
  case REF_LIVE:
    for (int k = 0; k < MAX_OPS; k++)
      if (s->vars[e->rvar] & ((uint64_t)1 << k)) {
        s->ops[k].bits &= (uint8_t)~(OP_CONSUMED | OP_MOVED);
        s->ops[k].consumed_at = s->ops[k].moved_at = -1;
      }
    return;
  case REF_NOT_COMPLETED:
    for (int k = 0; k < MAX_OPS; k++)
      if ((s->vars[e->rvar] & ((uint64_t)1 << k))) {
        s->ops[k].bits |= OP_PENDING;
        if (e->rev >= 0)
          s->ops[k].pending_from = e->rev;
      }
    return;
  default:
    return;
  }
  for (int k = 0; k < MAX_OPS; k++)
    if (m & ((uint64_t)1 << k))
      s->ops[k].bits &= (uint8_t)~OP_PENDING;
}

bool solve_run(const struct cfg *g, flow_visit_fn visit, void *self) {
  if (!g->events.n)
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
  fx.claimed = ARENA_ARRAY(&a, uint8_t, ne);
  fx.reached_block = ARENA_ARRAY(&a, uint8_t, nb);
  fx.ev_reached = ARENA_ARRAY(&a, uint8_t, ne);
  int nops = 0;
  for (size_t i = 0; i < ne; i++) {
    int k = g->events.v[i].kind;
    bool makes = (k == EV_CREATE || k == EV_CREATE_COMPLETED || k == EV_FRESH || k == EV_MOVE) && g->events.v[i].var >= 0;
    fx.op_of_event[i] = makes ? (nops < MAX_OPS - 1 ? nops++ : MAX_OPS - 1) : -1;
  }
  fx.in = ARENA_ARRAY(&a, struct state, nb);
  for (size_t b = 0; b < nb; b++) {
    st_alloc(&fx, &fx.in[b]);
    for (int o = 0; o < MAX_OPS; o++)
      fx.in[b].ops[o].consumed_at = fx.in[b].ops[o].pending_from = fx.in[b].ops[o].moved_at = -1;
  }
  st_alloc(&fx, &fx.cur);
  struct state tmp;
  st_alloc(&fx, &tmp);

  /* Worklist in block order (blocks are created roughly in program order). */
  int32_t *work = ARENA_ARRAY(&a, int32_t, nb + 1);
  uint8_t *queued = ARENA_ARRAY(&a, uint8_t, nb);
  size_t head = 0, count = 0;
  fx.in[g->entry].reached = true;
  work[0] = g->entry;
  queued[g->entry] = 1;
  count = 1;
  while (count) {
    int32_t b = work[head];
    head = (head + 1) % (nb + 1);
    count--;
    queued[b] = 0;
    st_copy(&fx, &fx.cur, &fx.in[b]);
    const struct block *bl = &g->blocks.v[b];
    for (size_t i = 0; i < bl->evs.n; i++)
      apply_event(&fx, &fx.cur, bl->evs.v[i]);
    for (int32_t s = bl->succ_begin; s < bl->succ_end; s++) {
      const struct edge *e = &g->edges.v[g->succ[s]];
      st_copy(&fx, &tmp, &fx.cur);
      apply_edge(&fx, &tmp, e);
      if (st_join(&fx, &fx.in[e->to], &tmp) && !queued[e->to]) {
        queued[e->to] = 1;
        work[(head + count) % (nb + 1)] = e->to;
        count++;
      }
    }
  }

  /* Replay: the rules see each event with the state before it. */
  for (size_t b = 0; b < nb; b++) {
    if (!fx.in[b].reached)
      continue;
    fx.reached_block[b] = 1;
    st_copy(&fx, &fx.cur, &fx.in[b]);
    const struct block *bl = &g->blocks.v[b];
    for (size_t i = 0; i < bl->evs.n; i++) {
      int32_t ei = bl->evs.v[i];
      const struct event *e = &g->events.v[ei];
      fx.ev_reached[ei] = 1;
      visit(self, &fx, e);
      switch (e->kind) {
      case EV_AWAIT:
      case EV_GET_RESULT:
      case EV_TRANSFER:
      case EV_PASS:
      case EV_ESCAPE:
      case EV_WAIT: /* sync_wait(t) runs it to completion */
        if (e->var >= 0)
          fx.used_ops |= fx.cur.vars[e->var];
        break;
      case EV_MOVE:
        fx.used_ops |= fx.cur.vars[e->var2];
        break;
      default:
        break;
      }
      apply_event(&fx, &fx.cur, ei);
    }
  }
  visit(self, &fx, NULL);
  arena_release(&a);
  return true;
}

const struct cfg *flow_cfg(const struct flow_ctx *fx) { return fx->g; }

bool flow_consumed(const struct flow_ctx *fx, int32_t var, const struct event **first) {
  if (var < 0)
    return false;
  uint64_t m = fx->cur.vars[var];
  bool consumed = false;
  int32_t at = -1;
  for (int k = 0; k < MAX_OPS; k++)
    if (m & ((uint64_t)1 << k)) {
      const struct opst *o = &fx->cur.ops[k];
      if (o->bits & OP_ESCAPED)
        return false;
      if (o->bits & OP_CONSUMED) {
        consumed = true;
        if (at < 0 || (o->consumed_at >= 0 && o->consumed_at < at))
          at = o->consumed_at;
      }
    }
  if (consumed && first)
    *first = at >= 0 ? &fx->g->events.v[at] : NULL;
  return consumed;
}

bool flow_moved(const struct flow_ctx *fx, int32_t var, const struct event **first) {
  if (var < 0)
    return false;
  uint64_t m = fx->cur.vars[var];
  int32_t at = -1;
  bool moved = false;
  for (int k = 0; k < MAX_OPS; k++)
    if (m & ((uint64_t)1 << k)) {
      const struct opst *o = &fx->cur.ops[k];
      if (o->bits & OP_ESCAPED)
        return false;
      if (o->bits & OP_MOVED) {
        moved = true;
        if (at < 0 || (o->moved_at >= 0 && o->moved_at < at))
          at = o->moved_at;
      }
    }
  if (moved && first)
    *first = at >= 0 ? &fx->g->events.v[at] : NULL;
  return moved;
}

bool flow_pending(const struct flow_ctx *fx, int32_t var, const struct event **origin) {
  if (var < 0)
    return false;
  uint64_t m = fx->cur.vars[var];
  bool pending = false;
  int32_t from = -1;
  for (int k = 0; k < MAX_OPS; k++)
    if (m & ((uint64_t)1 << k)) {
      const struct opst *o = &fx->cur.ops[k];
      if (o->bits & OP_ESCAPED)
        return false;
      if (o->bits & OP_PENDING) {
        pending = true;
        if (from < 0)
          from = o->pending_from;
      }
    }
  if (pending && origin)
    *origin = from >= 0 ? &fx->g->events.v[from] : NULL;
  return pending;
}

bool flow_claim(struct flow_ctx *fx, const struct event *first) {
  if (!first)
    return true;
  size_t i = (size_t)(first - fx->g->events.v);
  if (fx->claimed[i])
    return false;
  fx->claimed[i] = 1;
  return true;
}

bool flow_never_consumed(const struct flow_ctx *fx, const struct event *create) {
  size_t i = (size_t)(create - fx->g->events.v);
  int32_t o = fx->op_of_event[i];
  if (o < 0 || o == MAX_OPS - 1)
    return false;
  return !(fx->used_ops & ((uint64_t)1 << o));
}

bool flow_reached(const struct flow_ctx *fx, const struct event *ev) {
  return fx->ev_reached[ev - fx->g->events.v] != 0;
}
