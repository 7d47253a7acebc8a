/* solve_state.c: path states (solve_int.h), what identifies their typestate, how two of the
 * same typestate merge (ESP: the value facts are joined), and the bounds past which a state is
 * dropped rather than merged. */
#include <stdint.h>
#include <string.h>

#include "analyzer/flow/solve_int.h"

struct pstate *st_new(struct flow_ctx *fx) {
  struct pstate *s = ARENA_NEW(fx->a, struct pstate);
  s->var_op = ARENA_ARRAY(fx->a, int32_t, fx->nvars + 1);
  s->val = ARENA_ARRAY(fx->a, struct vfact, fx->nvars + 1);
  s->ops = ARENA_ARRAY(fx->a, struct opst, fx->nops + 1);
  return s;
}

void st_copy(const struct flow_ctx *fx, struct pstate *d, const struct pstate *s) {
  d->hash = s->hash;
  d->dirty = s->dirty;
  memcpy(d->var_op, s->var_op, sizeof *d->var_op * fx->nvars);
  memcpy(d->val, s->val, sizeof *d->val * fx->nvars);
  memcpy(d->ops, s->ops, sizeof *d->ops * fx->nops);
}

void st_entry(const struct flow_ctx *fx, struct pstate *s) {
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

uint32_t st_hash(const struct flow_ctx *fx, const struct pstate *s) {
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

bool add_state(struct flow_ctx *fx, int32_t b, const struct pstate *s) {
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
