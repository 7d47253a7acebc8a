/* solve_transfer.c: what an event does to one path state (creating, consuming, copying,
 * forgetting operations; setting value facts), and what an edge's refinement does to it (a
 * completion learnt, a value assumed), including the edges a state cannot take. */
#include <string.h>

#include "analyzer/flow/solve_int.h"

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
/* forget_comparisons: var was written; what the path knew of comparisons over it (`n > 0`,
 * lower_cond.c) no longer holds. */
static void forget_comparisons(const struct flow_ctx *fx, struct pstate *s, int32_t var) {
  for (size_t i = 0; i < fx->ncmp; i++) {
    const struct var *w = &fx->g->vars.v[fx->cmp_vars[i]];
    if (w->dep[0] == var || w->dep[1] == var)
      s->val[fx->cmp_vars[i]] = UNKNOWN;
  }
}

void apply_event(struct flow_ctx *fx, struct pstate *s, int32_t ei, uint8_t *scratch) {
  const struct event *e = &fx->g->events.v[ei];
  int32_t o = fx->op_of_event[ei];
  int32_t var = e->var;
  if (fx->ncmp && var >= 0 &&
      (e->kind == EV_COND_SET || e->kind == EV_COND_KILL || e->kind == EV_FLAG_CLEAR || e->kind == EV_FLAG_SET ||
       e->kind == EV_ESCAPE))
    forget_comparisons(fx, s, var);
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
  case EV_FINISH:
    for (size_t k = 0; k < fx->nops; k++)
      if (s->ops[k].bits & OP_CONSUMED)
        s->ops[k].bits |= OP_FINISHED;
    return;
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

/* set_completion: the path learns whether operation o has completed. An operation known
 * completed stays so: a "no" then comes from a query that asks more than completion
 * (vtask_is_faulted(t) false: it may have completed successfully), or from a path that cannot
 * happen. */
static void set_completion(struct pstate *s, int32_t o, bool completed, int32_t site) {
  if (o < 0)
    return;
  if (completed) {
    s->ops[o].bits &= (uint8_t)~OP_PENDING;
  } else if ((s->ops[o].bits & OP_LIVE) && !(s->ops[o].bits & OP_PENDING)) {
    /* known completed: it stays so */
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
bool apply_edge(const struct flow_ctx *fx, struct pstate *s, const struct edge *e) {
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
