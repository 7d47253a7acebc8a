/* lower_cond.c: conditions. A condition is lowered to a branch whose two edges carry what
 * each proves: a query call's completion (or its negation), a liveness query, a flag that holds
 * a query's result, a condition variable's truth. `!`, `&&`, `||`, `?:`, `==`/`!=` against a
 * constant and the comma operator are control flow here, so each operand gets its own edges. */
#include <string.h>

#include "analyzer/flow/lower_int.h"

void cond_branch(struct lower *L, int32_t t, int32_t f, uint8_t rt, uint8_t rf, int32_t var, int32_t ev) {
  cfg_edge(L->g, L->cur, t, rt, var, ev);
  cfg_edge(L->g, L->cur, f, rf, var, ev);
  L->cur = new_block(L);
}

/* all_completed: a helper's answer that proves several operations completed (cf's): the way
 * `done` passes through one block per operation, each learning it completed; the way `not`
 * learns nothing (one of them may not have). */
static void all_completed(struct lower *L, int32_t done, int32_t not, const struct call_facts *cf, int32_t ev) {
  int32_t from = L->cur;
  for (int i = -1; i < cf->nmore; i++) {
    int32_t to = i + 1 < cf->nmore ? new_block(L) : done;
    cfg_edge(L->g, from, to, REF_COMPLETED, i < 0 ? cf->query_var : cf->more[i], ev);
    from = to;
  }
  cfg_edge(L->g, L->cur, not, REF_NONE, -1, -1);
  L->cur = new_block(L);
}

/* A condition we learn nothing from: its events, then both ways. */
static void cond_opaque(struct lower *L, CXCursor c, int32_t t, int32_t f) {
  lower_expr(L, c);
  cond_branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
}

/* cond = cond ("&&" | "||") cond: iterative over the left spine of a chain of the same
 * operator. */
static void cond_logical(struct lower *L, CXCursor c, enum op op, int32_t t, int32_t f) {
  VEC(CXCursor) rhs = {0};
  CXCursor cur = c;
  for (;;) {
    struct kids ck = cx_kids(L, cur);
    vec_push(L->a, &rhs, ck.v[1]);
    CXCursor lhs = cx_strip(L, ck.v[0]);
    if (clang_getCursorKind(lhs) == CXCursor_BinaryOperator && cx_binop(L, lhs) == op &&
        cx_kids(L, lhs).n == 2) {
      cur = lhs;
      continue;
    }
    vec_push(L->a, &rhs, ck.v[0]);
    break;
  }
  /* rhs holds operands right to left; evaluate left to right. */
  for (size_t i = rhs.n; i-- > 0;) {
    if (i == 0) {
      lower_cond(L, rhs.v[0], t, f);
      break;
    }
    int32_t next = new_block(L);
    if (op == OP_LAND)
      lower_cond(L, rhs.v[i], next, f);
    else
      lower_cond(L, rhs.v[i], t, next);
    L->cur = next;
  }
}

/* cmp_operand: one side of a comparison the engine can correlate: a constant, or a condition
 * variable (a scalar local or parameter; not a query flag). */
static bool cmp_operand(struct lower *L, CXCursor e, int32_t *var, long long *k) {
  e = cx_strip(L, e);
  if (cx_const_value(L, e, k)) {
    *var = -1;
    return true;
  }
  int32_t v = cond_var(L, e, true);
  if (v < 0 || (L->g->vars.v[v].flags & (VAR_FLAG | VAR_CMP)))
    return false;
  *var = v;
  return true;
}

/* cond = operand ("<" | "<=" | ">" | ">=" | "==" | "!=") operand: the truth of the comparison is
 * a condition variable of its own, one per comparison up to negation and operand order
 * (`n <= 0` is `!(0 < n)`, the same variable as `n > 0`), so that `if (n > 0) ...; if (n <= 0)
 * ...` knows which branch ran. Every write to either operand forgets it (solve_transfer.c).
 * false when an operand is neither (a call, a field, a global): then the caller decides. */
static bool cond_compare(struct lower *L, enum op op, CXCursor lhs, CXCursor rhs, int32_t t, int32_t f) {
  int32_t a, b;
  long long ka = 0, kb = 0;
  if (!cmp_operand(L, lhs, &a, &ka) || !cmp_operand(L, rhs, &b, &kb) || (a < 0 && b < 0))
    return false;
  bool eq = op == OP_EQ || op == OP_NE;
  bool neg = op == OP_NE || op == OP_LE || op == OP_GE;
  bool swap = op == OP_GT || op == OP_LE || (eq && (a < 0 || (b >= 0 && b < a)));
  int32_t d0 = swap ? b : a, d1 = swap ? a : b;
  long long k = d0 < 0 ? (swap ? kb : ka) : d1 < 0 ? (swap ? ka : kb) : 0;
  int32_t v = -1;
  for (size_t i = 0; i < L->g->vars.n && v < 0; i++) {
    const struct var *w = &L->g->vars.v[i];
    if ((w->flags & VAR_CMP) && w->cmp_eq == eq && w->dep[0] == d0 && w->dep[1] == d1 && w->cmp_k == k)
      v = (int32_t)i;
  }
  if (v < 0) {
    v = var_add(L, clang_getNullCursor(), "comparison", VAR_COND | VAR_CMP, NULL);
    struct var *w = &L->g->vars.v[v];
    w->dep[0] = d0;
    w->dep[1] = d1;
    w->cmp_k = k;
    w->cmp_eq = eq;
  }
  if (neg)
    cond_branch(L, t, f, REF_COND_FALSE, REF_COND_TRUE, v, -1);
  else
    cond_branch(L, t, f, REF_COND_TRUE, REF_COND_FALSE, v, -1);
  return true;
}

/* cond = cond ("&&" | "||") cond | cond ("==" | "!=") literal | comparison | expr "," cond | expr */
static void cond_binary(struct lower *L, CXCursor c, int32_t t, int32_t f) {
  enum op op = cx_binop(L, c);
  struct kids kd = cx_kids(L, c);
  if ((op == OP_LAND || op == OP_LOR) && kd.n == 2) {
    cond_logical(L, c, op, t, f);
  } else if ((op == OP_EQ || op == OP_NE) && kd.n == 2) {
    long long v;
    CXCursor a = cx_strip(L, kd.v[0]), b = cx_strip(L, kd.v[1]);
    if (cx_const_value(L, b, &v) || cx_const_value(L, a, &v)) {
      CXCursor e = cx_const_value(L, b, &v) ? a : b;
      bool truthy = (op == OP_EQ) == (v != 0);
      int32_t ev = cond_var(L, e, true);
      if (ev >= 0 && !(L->g->vars.v[ev].flags & VAR_FLAG)) {
        /* x == 3: the true edge knows x, the false edge knows it is not 3 */
        L->g->vars.v[ev].flags |= VAR_STATE;
        cfg_edge_value(L->g, L->cur, t, op == OP_EQ ? REF_EQ : REF_NE, ev, v);
        cfg_edge_value(L->g, L->cur, f, op == OP_EQ ? REF_NE : REF_EQ, ev, v);
        L->cur = new_block(L);
      } else if (truthy)
        lower_cond(L, e, t, f);
      else
        lower_cond(L, e, f, t);
    } else if (!cond_compare(L, op, kd.v[0], kd.v[1], t, f)) {
      cond_opaque(L, c, t, f);
    }
  } else if ((op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE) && kd.n == 2) {
    if (!cond_compare(L, op, kd.v[0], kd.v[1], t, f))
      cond_opaque(L, c, t, f);
  } else if (op == OP_COMMA && kd.n == 2) {
    lower_discard(L, kd.v[0]);
    lower_cond(L, kd.v[1], t, f);
  } else {
    cond_opaque(L, c, t, f);
  }
}

/* cond = cond "?" cond ":" cond */
static void cond_ternary(struct lower *L, CXCursor c, int32_t t, int32_t f) {
  struct kids kd = cx_kids(L, c);
  if (kd.n != 3) {
    cond_opaque(L, c, t, f);
    return;
  }
  int32_t a = new_block(L), b = new_block(L);
  lower_cond(L, kd.v[0], a, b);
  L->cur = a;
  lower_cond(L, kd.v[1], t, f);
  L->cur = b;
  lower_cond(L, kd.v[2], t, f);
}

/* cond = query-call | liveness-call | expect-call "(" cond "," expr ")" | call */
static void cond_call(struct lower *L, CXCursor c, int32_t t, int32_t f) {
  CXCursor fn = clang_getCursorReferenced(c);
  struct kids kd = cx_kids(L, c);
  /* A call the model says is as true as one of its arguments (likely()/unlikely()): that
   * argument is the condition. kd.v[0] is the callee. */
  const struct callee_info *ci =
      !clang_Cursor_isNull(fn) && cx_is_function_kind(clang_getCursorKind(fn)) ? model_callee(L->o->model, fn) : NULL;
  if (ci && ci->condition_arg >= 0 && (unsigned)ci->condition_arg + 1 < kd.n) {
    lower_cond(L, kd.v[1 + ci->condition_arg], t, f);
    return;
  }
  struct call_facts cf;
  size_t before = L->g->events.n;
  lower_call(L, c, &cf);
  int32_t qev = L->g->events.n > before ? (int32_t)L->g->events.n - 1 : -1;
  if (cf.live_var >= 0 && cf.live_neg)
    cond_branch(L, t, f, REF_NONE, REF_LIVE, cf.live_var, -1);
  else if (cf.live_var >= 0)
    cond_branch(L, t, f, REF_LIVE, REF_NONE, cf.live_var, -1);
  else if (cf.query_var >= 0 && cf.mixed)
    cond_branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
  else if (cf.query_var >= 0 && cf.nmore)
    all_completed(L, cf.query_neg ? f : t, cf.query_neg ? t : f, &cf, qev);
  else if (cf.query_var >= 0 && cf.query_neg)
    cond_branch(L, t, f, REF_NOT_COMPLETED, REF_COMPLETED, cf.query_var, qev);
  else if (cf.query_var >= 0)
    cond_branch(L, t, f, REF_COMPLETED, REF_NOT_COMPLETED, cf.query_var, qev);
  else
    cond_branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
}

/* cond = flag-var | cond-var | plain-local */
static void cond_ref(struct lower *L, CXCursor c, int32_t t, int32_t f) {
  CXCursor decl = clang_getCursorReferenced(c);
  int32_t v = var_find(L, decl, false, 0);
  if (v >= 0 && (L->g->vars.v[v].flags & VAR_FLAG)) {
    cond_branch(L, t, f, REF_FLAG_TRUE, REF_FLAG_FALSE, v, -1);
  } else if (v >= 0 && (L->g->vars.v[v].flags & VAR_COND)) {
    cond_branch(L, t, f, REF_COND_TRUE, REF_COND_FALSE, v, -1);
  } else if (v < 0 && var_is_local(decl) && var_is_scalar(clang_getCursorType(decl))) {
    /* `if (c)` on a plain local: later `if (!c)` knows which branch ran (correlated
     * conditions, the false positive clang-tidy documents for use-after-move). */
    v = var_add(L, decl, cx_spell(L, decl), VAR_COND, NULL);
    cond_branch(L, t, f, REF_COND_TRUE, REF_COND_FALSE, v, -1);
  } else {
    cond_opaque(L, c, t, f);
  }
}

/* lower_cond: evaluates condition c, continuing at t when true and at f when false, with the
 * completion facts each edge proves. */
void lower_cond(struct lower *L, CXCursor c, int32_t t, int32_t f) {
  if (L->g->too_deep)
    return;
  if (++L->depth > L->max_depth) {
    L->g->too_deep = true;
    L->depth--;
    return;
  }
  c = cx_strip(L, c);
  enum CXCursorKind k = clang_getCursorKind(c);
  long long cv;
  if (cx_const_value(L, c, &cv)) {
    jump(L, cv ? t : f);
  } else if (k == CXCursor_UnaryOperator && cx_unop(L, c) == OP_NOT) {
    struct kids kd = cx_kids(L, c);
    if (kd.n == 1)
      lower_cond(L, kd.v[0], f, t);
    else
      cond_branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
  } else if (k == CXCursor_BinaryOperator) {
    cond_binary(L, c, t, f);
  } else if (k == CXCursor_ConditionalOperator) {
    cond_ternary(L, c, t, f);
  } else if (k == CXCursor_CallExpr) {
    cond_call(L, c, t, f);
  } else if (k == CXCursor_DeclRefExpr) {
    cond_ref(L, c, t, f);
  } else if ((k == CXCursor_MemberRefExpr || k == CXCursor_ArraySubscriptExpr) && var_scalar_path(L, c, true) >= 0) {
    /* `if (p->running)`: a later `if (p->running)` knows which way this went, until the field
     * may have been written (lower_names.c) */
    lower_expr(L, c);
    cond_branch(L, t, f, REF_COND_TRUE, REF_COND_FALSE, var_scalar_path(L, c, false), -1);
  } else {
    cond_opaque(L, c, t, f);
  }
  L->depth--;
}

/* ---- what a condition proves, for flags and summaries ---- */

/* cond_var: the condition variable a plain local scalar names (registering it when create). */
int32_t cond_var(struct lower *L, CXCursor lhs, bool create) {
  CXCursor s = cx_strip(L, lhs);
  if (clang_getCursorKind(s) != CXCursor_DeclRefExpr)
    return var_scalar_path(L, s, false); /* a field a condition asked about: `s->running = false` */
  CXCursor decl = clang_getCursorReferenced(s);
  int32_t v = var_find(L, decl, false, 0);
  if (v >= 0)
    return (L->g->vars.v[v].flags & VAR_COND) ? v : -1;
  if (!create || !var_is_local(decl) || !var_is_scalar(clang_getCursorType(decl)))
    return -1;
  return var_add(L, decl, cx_spell(L, decl), VAR_COND, NULL);
}

/* through_copy: the operand of an implicit copy or move construction (a C vtask_t passed by
 * value in C++: libclang shows the construction as a call of the constructor); e otherwise. */
static CXCursor through_copy(struct lower *L, CXCursor e) {
  CXCursor ctor = clang_getCursorReferenced(e);
  if (clang_getCursorKind(e) != CXCursor_CallExpr || clang_getCursorKind(ctor) != CXCursor_Constructor ||
      !(clang_CXXConstructor_isCopyConstructor(ctor) || clang_CXXConstructor_isMoveConstructor(ctor)))
    return e;
  struct kids kd = cx_kids(L, e);
  return kd.n == 1 && clang_isExpression(clang_getCursorKind(kd.v[0])) ? cx_strip(L, kd.v[0]) : e;
}

/* cond_implied_query: the vtask whose completion expression e proves when it is true: a query call
 * (library, annotated, or a same-unit helper that is one), `a || b` when both prove the same,
 * `a && b` when either does, a flag variable; -1 when it proves nothing. Syntactic: the events
 * of e are lowered separately. */
int32_t cond_implied_query(struct lower *L, CXCursor e) {
  for (int depth = 0; depth < 64; depth++) {
    e = cx_strip(L, e);
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k == CXCursor_DeclRefExpr) {
      int32_t v = var_find(L, clang_getCursorReferenced(e), false, 0);
      return v >= 0 && (L->g->vars.v[v].flags & VAR_FLAG) ? L->g->vars.v[v].target : -1;
    }
    if (k == CXCursor_BinaryOperator) {
      struct kids kd = cx_kids(L, e);
      if (kd.n != 2)
        return -1;
      enum op op = cx_binop(L, e);
      if (op == OP_LOR) {
        int32_t a = cond_implied_query(L, kd.v[0]), b = cond_implied_query(L, kd.v[1]);
        return a >= 0 && a == b ? a : -1;
      }
      if (op == OP_LAND) {
        int32_t a = cond_implied_query(L, kd.v[0]);
        return a >= 0 ? a : cond_implied_query(L, kd.v[1]);
      }
      long long cv;
      if ((op == OP_EQ || op == OP_NE) && cx_const_value(L, cx_strip(L, kd.v[1]), &cv) && ((op == OP_EQ) == (cv != 0))) {
        e = kd.v[0]; /* q(t) == true, q(t) != 0 */
        continue;
      }
      return -1;
    }
    if (k != CXCursor_CallExpr)
      return -1;
    CXCursor fn = clang_getCursorReferenced(e);
    if (clang_Cursor_isNull(fn))
      return -1;
    struct kids kd = cx_kids(L, e);
    /* the tracked operand: the object of a member call, or an argument */
    const struct callee_info *ci = model_callee(L->o->model, fn);
    int32_t found = -1;
    unsigned argi = 0;
    for (unsigned i = 0; i < kd.n; i++) {
      CXCursor s = through_copy(L, cx_strip(L, kd.v[i]));
      enum CXCursorKind sk = clang_getCursorKind(s);
      if (sk == CXCursor_MemberRefExpr && clang_equalCursors(clang_getCursorReferenced(s), fn)) {
        struct kids mk = cx_kids(L, s);
        CXCursor obj = mk.n ? cx_strip(L, mk.v[mk.n - 1]) : clang_getNullCursor();
        int32_t ov = !clang_Cursor_isNull(obj) && clang_getCursorKind(obj) == CXCursor_DeclRefExpr
                         ? var_find(L, clang_getCursorReferenced(obj), false, 0)
                         : -1;
        if (ov >= 0 && L->g->vars.v[ov].type) {
          const struct callee_info *mi = model_method(L->o->model, L->g->vars.v[ov].type, fn);
          if (mi->role == ROLE_QUERY)
            return ov;
        }
        return -1;
      }
      if (sk == CXCursor_DeclRefExpr && clang_equalCursors(clang_getCursorReferenced(s), fn))
        continue; /* the callee */
      if (!clang_isExpression(sk))
        continue;
      int32_t av = sk == CXCursor_DeclRefExpr ? var_find(L, clang_getCursorReferenced(s), false, 0) : -1;
      bool is_arg_q = ci->role == ROLE_QUERY && ci->arg == (int)argi;
      if (!is_arg_q && L->o->summaries && av >= 0) {
        CXCursor def = clang_getCursorDefinition(fn);
        const struct summary *sum = clang_Cursor_isNull(def) || clang_equalCursors(def, L->fn)
                                        ? NULL
                                        : L->o->summaries->get(L->o->summaries->self, def);
        if (clang_Cursor_isNull(def) && L->o->summaries->undefined && (L->g->vars.v[av].flags & VAR_VTASK))
          L->o->summaries->undefined(L->o->summaries->self, fn);
        is_arg_q = sum && argi < sum->nparams && sum->role[argi] == SUM_QUERY;
      }
      if (is_arg_q && av >= 0 && (L->g->vars.v[av].flags & VAR_VTASK))
        found = av;
      argi++;
    }
    return found;
  }
  return -1;
}
