/* lower_expr.c: expressions. Each returns the `struct val` it yields and emits the events of
 * its operands; the context that receives the value decides what happens to it (lower_int.h).
 * Short-circuit operators used for their value are lowered as conditions whose two exits meet.
 * Lambdas: only the captures are events here; the body is a function of its own. */
#include <string.h>

#include "analyzer/flow/lower_int.h"
#include "analyzer/support/strbuf.h"

/* ---- lambdas ---- */

/* The variables a lambda's captures have dealt with. Lowering a capture can add variables
 * (a ?: temporary, an outer function's local), so this is a list, not an array sized once. */
struct capture_scan {
  struct lower *L;
  VEC(int32_t) done;
};

static bool capture_done(const struct capture_scan *cs, int32_t v) {
  for (size_t i = 0; i < cs->done.n; i++)
    if (cs->done.v[i] == v)
      return true;
  return false;
}

static void capture_mark(struct capture_scan *cs, int32_t v) {
  if (!capture_done(cs, v))
    vec_push(cs->L->a, &cs->done, v);
}

static enum CXChildVisitResult scan_refs(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct capture_scan *cs = data;
  if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
    int32_t v = var_find(cs->L, clang_getCursorReferenced(c), false, 0);
    if (v >= 0 && !capture_done(cs, v) && (cs->L->g->vars.v[v].flags & (VAR_VTASK | VAR_FLAG))) {
      emit(cs->L, EV_ESCAPE, v, -1, c, NULL);
      capture_mark(cs, v);
    }
  }
  return CXChildVisit_Recurse;
}

/* A lambda's body is a function of its own (the caller analyses it); here only the captures
 * matter: by copy is a use at the capture, an init-capture of std::move(t) a transfer, and
 * anything captured by reference escapes. */
static void lower_lambda(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  struct capture_scan cs = {L, {0}};
  CXCursor body = clang_getNullCursor();
  for (unsigned i = 0; i < kd.n; i++) {
    CXCursor k = kd.v[i];
    enum CXCursorKind kk = clang_getCursorKind(k);
    if (kk == CXCursor_CompoundStmt || kk == CXCursor_UnexposedStmt) { /* a coroutine lambda's body is unexposed */
      body = k;
      continue;
    }
    if (!clang_isExpression(kk))
      continue;
    struct val v = lower_expr(L, k);
    if (v.kind == VAL_VAR) {
      emit(L, EV_USE, v.var, -1, k, NULL);
      capture_mark(&cs, v.var);
    } else if (v.kind == VAL_MOVED) {
      emit(L, EV_TRANSFER, v.var, -1, k, NULL);
      capture_mark(&cs, v.var);
    }
  }
  /* Explicit captures without an initialiser of their own are by reference. */
  for (unsigned i = 0; i < kd.n; i++) {
    if (clang_getCursorKind(kd.v[i]) != CXCursor_VariableRef)
      continue;
    int32_t v = var_find(L, clang_getCursorReferenced(kd.v[i]), false, 0);
    if (v >= 0 && !capture_done(&cs, v)) {
      emit(L, EV_ESCAPE, v, -1, kd.v[i], NULL);
      capture_mark(&cs, v);
    }
  }
  /* Implicit captures ([&], [=] of what the body names): whatever is left is by reference. */
  if (!clang_Cursor_isNull(body))
    clang_visitChildren(body, scan_refs, &cs);
  if (L->o->on_lambda)
    L->o->on_lambda(L->o->self, c);
}

/* ---- expressions ---- */

static struct val lower_binary_chain(struct lower *L, CXCursor c);

static struct val lower_conditional(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  if (kd.n != 3) {
    for (unsigned i = 0; i < kd.n; i++)
      lower_expr(L, kd.v[i]);
    return NONE;
  }
  int32_t t = new_block(L), f = new_block(L), j = new_block(L);
  lower_cond(L, kd.v[0], t, f);
  bool vt = val_is_vtask(L, c);
  int32_t tmp = vt ? var_add(L, clang_getNullCursor(), "?:", VAR_TEMP | VAR_VTASK, model_vtype(L->o->model, clang_getCursorType(c))) : -1;
  L->cur = t;
  struct val a = lower_expr(L, kd.v[1]);
  if (vt)
    val_bind(L, a, tmp, kd.v[1]);
  goto_block(L, j);
  L->cur = f;
  struct val b = lower_expr(L, kd.v[2]);
  if (vt)
    val_bind(L, b, tmp, kd.v[2]);
  goto_block(L, j);
  return vt ? var_val(tmp) : NONE;
}

static struct val lower_stmt_expr(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  if (kd.n != 1 || clang_getCursorKind(kd.v[0]) != CXCursor_CompoundStmt)
    return NONE;
  struct kids body = cx_kids(L, kd.v[0]);
  for (unsigned i = 0; i + 1 < body.n; i++)
    lower_stmt(L, body.v[i]);
  if (!body.n)
    return NONE;
  CXCursor last = body.v[body.n - 1];
  if (clang_isExpression(clang_getCursorKind(last)))
    return lower_expr(L, last);
  lower_stmt(L, last);
  return NONE;
}

static struct val lower_ref(struct lower *L, CXCursor c) {
  struct val r = NONE;
  int32_t v = var_of(L, c);
  if (v >= 0 && (L->g->vars.v[v].flags & VAR_HANDLE_PTR))
    return r; /* a handle pointer passed on is how handles are used; roles find it (var_pointee) */
  if (v < 0)
    v = var_path(L, c, true); /* a global handle */
  if (v >= 0 && (L->g->vars.v[v].flags & VAR_VTASK))
    r = var_val(v);
  else if (v < 0 && val_is_vtask(L, c))
    r.kind = VAL_UNKNOWN;
  return r;
}

static struct val lower_member(struct lower *L, CXCursor c) {
  struct val r = NONE;
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++)
    if (clang_isExpression(clang_getCursorKind(kd.v[i]))) {
      struct val b = lower_expr(L, kd.v[i]);
      if (b.kind == VAL_VAR) /* t.token: reading a field of the vtask itself */
        emit(L, EV_USE, b.var, -1, c, NULL);
    }
  if (val_is_vtask(L, c)) {
    int32_t pv = var_path(L, c, true); /* s->bio: a handle in a structure */
    if (pv >= 0)
      return var_val(pv);
    r.kind = VAL_UNKNOWN;
  }
  return r;
}

/* set_cond_var: `cv = rhs` on a condition variable: a constant sets it, a query makes it a
 * flag, anything else makes it unknown. */
static void set_cond_var(struct lower *L, CXCursor c, int32_t cv, CXCursor rhs) {
  long long cval;
  if (cx_const_value(L, cx_strip(L, rhs), &cval)) {
    emit_cond_set(L, cv, cval, c);
    return;
  }
  lower_expr(L, rhs);
  int32_t qv = cond_implied_query(L, rhs);
  if (qv >= 0) {
    L->g->vars.v[cv].flags |= VAR_FLAG;
    L->g->vars.v[cv].target = qv;
    emit(L, EV_FLAG_SET, cv, qv, c, NULL);
  } else {
    emit(L, EV_COND_KILL, cv, -1, c, NULL);
    if (L->g->vars.v[cv].flags & VAR_FLAG)
      emit(L, EV_FLAG_CLEAR, cv, -1, c, NULL);
  }
}

/* assignment = lhs "=" rhs */
static struct val lower_assignment(struct lower *L, CXCursor c) {
  struct val r = NONE;
  struct kids kd = cx_kids(L, c);
  /* Any assignment to a local scalar is recorded: a later condition may test it. */
  int32_t cv = kd.n == 2 && !val_is_vtask(L, kd.v[1]) ? cond_var(L, kd.v[0], true) : -1;
  if (cv >= 0) {
    /* a field (s->running = false): what other spellings of it knew goes first, then it is set */
    bool field = clang_getCursorKind(cx_strip(L, kd.v[0])) != CXCursor_DeclRefExpr;
    if (field)
      var_forget_written(L, kd.v[0], c);
    set_cond_var(L, c, cv, kd.v[1]);
    if (field)
      return r;
    /* w = w->next, after the right side (which may still use the old w's paths): the paths
     * from w name the next one's (lower_assign says so for the other assignments) */
    var_forget_written(L, kd.v[0], c);
    return r;
  }
  if (kd.n == 2) {
    struct val rv = lower_expr(L, kd.v[1]);
    lower_assign(L, kd.v[0], rv, c);
    /* The value of `t = read_async(fd)` is t: vtask_await(t = ...), x = y = ... */
    CXCursor lhs = cx_strip(L, kd.v[0]);
    if (clang_getCursorKind(lhs) == CXCursor_DeclRefExpr) {
      int32_t lv = var_find(L, clang_getCursorReferenced(lhs), false, 0);
      if (lv >= 0 && (L->g->vars.v[lv].flags & VAR_VTASK))
        r = var_val(lv);
    }
  }
  return r;
}

static struct val lower_binop(struct lower *L, CXCursor c) {
  enum op op = cx_binop(L, c);
  if (op == OP_ASSIGN)
    return lower_assignment(L, c);
  if (op == OP_LAND || op == OP_LOR) {
    int32_t j = new_block(L);
    lower_cond(L, c, j, j);
    L->cur = j;
    return NONE;
  }
  return lower_binary_chain(L, c);
}

/* compound-assign = lhs op"=" rhs: a condition variable or flag on the left forgets. */
static void lower_compound_assign(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  if (kd.n)
    var_forget_written(L, kd.v[0], c); /* w += 2 */
  for (unsigned i = 0; i < kd.n; i++) {
    CXCursor s = cx_strip(L, kd.v[i]);
    int32_t v = clang_getCursorKind(s) == CXCursor_DeclRefExpr ? var_find(L, clang_getCursorReferenced(s), false, 0) : -1;
    if (i == 0 && v >= 0 && (L->g->vars.v[v].flags & (VAR_FLAG | VAR_COND)))
      emit(L, (L->g->vars.v[v].flags & VAR_FLAG) ? EV_FLAG_CLEAR : EV_COND_KILL, v, -1, c, NULL);
    else
      lower_expr(L, kd.v[i]);
  }
}

/* unary = ("&" | "++" | "--") expr | "!" cond | "*" expr | op expr */
static struct val lower_unop(struct lower *L, CXCursor c) {
  struct val r = NONE;
  struct kids kd = cx_kids(L, c);
  if (kd.n != 1)
    return r;
  enum op op = cx_unop(L, c);
  CXCursor s = cx_strip(L, kd.v[0]);
  if (op == OP_INCDEC)
    var_forget_written(L, s, c); /* for (w = workers; w < end; w++) pthread_join(w->tid, NULL); */
  if (op == OP_ADDROF || op == OP_INCDEC) {
    if (clang_getCursorKind(s) == CXCursor_DeclRefExpr) {
      int32_t v = var_of(L, s);
      if (v < 0)
        v = var_find(L, clang_getCursorReferenced(s), false, 0);
      if (v >= 0 && op == OP_ADDROF && L->g->vars.v[v].type && L->g->vars.v[v].type->by_address)
        return r; /* libuv handles live at their address: &h is how they are used */
      if (v >= 0) {
        uint8_t fl = L->g->vars.v[v].flags;
        emit(L, (fl & VAR_FLAG) ? EV_FLAG_CLEAR : (fl & VAR_COND) ? EV_COND_KILL : EV_ESCAPE, v, -1, c, NULL);
        return r;
      }
    }
    struct val v = lower_expr(L, s);
    val_escape(L, v, c);
  } else if (op == OP_NOT) {
    int32_t j = new_block(L);
    lower_cond(L, kd.v[0], j, j);
    L->cur = j;
  } else {
    struct val v = lower_expr(L, kd.v[0]);
    (void)v;
    if (op == OP_DEREF && val_is_vtask(L, c)) {
      /* *p of `pthread_t *p = &t;` is t; pthread_join(*tid, NULL) of a parameter, the path tid[0] */
      int32_t pv = var_pointee(L, kd.v[0]);
      if (pv < 0)
        pv = var_path(L, c, true);
      if (pv >= 0)
        return var_val(pv);
      r.kind = VAL_UNKNOWN;
    }
  }
  return r;
}

static void lower_init_list(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++)
    if (clang_isExpression(clang_getCursorKind(kd.v[i])))
      val_escape(L, lower_expr(L, kd.v[i]), kd.v[i]);
}

/* throw = "throw" expr?: to the innermost try's handlers, else out of the function. */
static void lower_throw(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++)
    val_escape(L, lower_expr(L, kd.v[i]), c);
  int32_t saved_cur = L->cur;
  for (struct try_ctx *t = L->tr; t; t = t->outer) {
    for (size_t h = 0; h < t->handlers.n; h++)
      cfg_edge(L->g, saved_cur, t->handlers.v[h], REF_NONE, -1, -1);
    break;
  }
  jump(L, -1);
}

/* The expressions libclang does not expose: co_await, co_yield, and implicit wrappers. */
static struct val lower_unexposed_expr(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  if (kd.n == 1)
    return lower_expr(L, kd.v[0]);
  if (kd.n >= 2 && cx_first_token_is(L, c, "co_await")) {
    /* CoawaitExpr: operand, common expression and the three await_* calls; only the
     * operand is the user's (libclang.md section 4.2). In a template, the dependent form
     * has the operand and the unresolved operator co_await. */
    L->g->is_coroutine = true;
    struct val v = lower_expr(L, kd.v[0]);
    val_consume(L, v, EV_AWAIT, c, NULL);
    var_reset_paths(L, c); /* suspended: whoever resumes it may have changed the structures */
    return NONE;
  }
  if (kd.n >= 2 && cx_first_token_is(L, c, "co_yield")) {
    L->g->is_coroutine = true;
    struct val v = lower_expr(L, kd.v[0]);
    val_consume(L, v, EV_TRANSFER, c, NULL);
    var_reset_paths(L, c);
    return NONE;
  }
  for (unsigned i = 0; i < kd.n; i++)
    if (clang_isExpression(clang_getCursorKind(kd.v[i])))
      val_escape(L, lower_expr(L, kd.v[i]), c);
  return NONE;
}

/* conversion = "static_cast<" scalar ">(" object ")": the conversion operator named after the
 * target type (`operator bool`) runs on the object; inside a template it is not resolved, so
 * its role is asked of the model by name, as for a dependent member call. Without a role it
 * reads the object. */
static struct val lower_conversion(struct lower *L, CXCursor c, CXCursor operand) {
  struct val v = lower_expr(L, operand);
  if (v.kind != VAL_VAR && v.kind != VAL_MOVED)
    return NONE;
  const struct vtype *vt = L->g->vars.v[v.var].type;
  CXString ts = clang_getTypeSpelling(clang_getCursorType(c));
  struct strbuf name = STRBUF_INIT;
  sb_addf(&name, "operator %s", clang_getCString(ts));
  clang_disposeString(ts);
  const struct callee_info *ci = vt ? model_method_named(L->o->model, vt, sb_cstr(&name)) : NULL;
  sb_release(&name);
  switch (ci ? ci->role : ROLE_NONE) {
  case ROLE_LIVENESS:
  case ROLE_CLOSED_QUERY:
    break; /* asking whether it may still be consumed is always allowed */
  case ROLE_QUERY:
    emit(L, EV_QUERY, v.var, -1, c, ci->name);
    break;
  default:
    emit(L, EV_USE, v.var, -1, c, ci ? ci->name : NULL);
    break;
  }
  return NONE;
}

/* Any other expression: a wrapper yields its operand; otherwise the operands escape (we do not
 * know what the operator does with them) and a subscript or compound literal of a tracked type
 * is a value of unknown origin. */
static struct val lower_other_expr(struct lower *L, CXCursor c, enum CXCursorKind k) {
  struct val r = NONE;
  CXCursor in;
  if (cx_is_wrapper(L, c, &in)) {
    if (cx_is_void_cast(c)) {
      lower_expr(L, in);
      return r;
    }
    return lower_expr(L, in);
  }
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++)
    if (clang_isExpression(clang_getCursorKind(kd.v[i])) && cx_is_conversion(c, kd.v[i]))
      return lower_conversion(L, c, kd.v[i]);
  for (unsigned i = 0; i < kd.n; i++) {
    enum CXCursorKind kk = clang_getCursorKind(kd.v[i]);
    if (clang_isExpression(kk))
      val_escape(L, lower_expr(L, kd.v[i]), c);
    else if (clang_isStatement(kk))
      lower_stmt(L, kd.v[i]);
  }
  if (k != CXCursor_ArraySubscriptExpr && k != CXCursor_CompoundLiteralExpr)
    return r;
  if (val_is_vtask(L, c)) {
    int32_t pv = k == CXCursor_ArraySubscriptExpr ? var_path(L, c, true) : -1; /* threads[2] */
    if (pv >= 0)
      return var_val(pv);
    r.kind = VAL_UNKNOWN;
  }
  return r;
}

struct val lower_expr(struct lower *L, CXCursor c) {
  if (L->g->too_deep)
    return NONE;
  if (++L->depth > L->max_depth) {
    L->g->too_deep = true;
    L->depth--;
    return NONE;
  }
  struct val r = NONE;
  enum CXCursorKind k = clang_getCursorKind(c);
  switch (k) {
  case CXCursor_DeclRefExpr:
    r = lower_ref(L, c);
    break;
  case CXCursor_MemberRefExpr:
    r = lower_member(L, c);
    break;
  case CXCursor_CallExpr:
    r = lower_call(L, c, NULL);
    break;
  case CXCursor_BinaryOperator:
    r = lower_binop(L, c);
    break;
  case CXCursor_CompoundAssignOperator:
    lower_compound_assign(L, c);
    break;
  case CXCursor_UnaryOperator:
    r = lower_unop(L, c);
    break;
  case CXCursor_ConditionalOperator:
    r = lower_conditional(L, c);
    break;
  case CXCursor_StmtExpr:
    r = lower_stmt_expr(L, c);
    break;
  case CXCursor_LambdaExpr:
    lower_lambda(L, c);
    break;
  case CXCursor_UnaryExpr:        /* sizeof, alignof: unevaluated */
  case CXCursor_CXXTypeidExpr:
  case CXCursor_GenericSelectionExpr:
  case CXCursor_BlockExpr:
    break;
  case CXCursor_InitListExpr:
    lower_init_list(L, c);
    break;
  case CXCursor_CXXThrowExpr:
    lower_throw(L, c);
    break;
  case CXCursor_UnexposedExpr:
    r = lower_unexposed_expr(L, c);
    break;
  default:
    r = lower_other_expr(L, c, k);
    break;
  }
  L->depth--;
  return r;
}

/* A left-deep chain of ordinary binary operators (a + b + c ...; a, b, c) is walked along its
 * left spine with an explicit stack, so a sum of tens of thousands of terms needs no recursion. */
static struct val lower_binary_chain(struct lower *L, CXCursor c) {
  VEC(CXCursor) spine = {0};
  CXCursor cur = c;
  for (;;) {
    vec_push(L->a, &spine, cur);
    struct kids kd = cx_kids(L, cur);
    if (kd.n != 2)
      break;
    CXCursor lhs = cx_strip(L, kd.v[0]);
    if (clang_getCursorKind(lhs) != CXCursor_BinaryOperator)
      break;
    enum op op = cx_binop(L, lhs);
    if (op == OP_ASSIGN || op == OP_LAND || op == OP_LOR)
      break;
    cur = lhs;
  }
  struct val last = NONE;
  for (size_t i = spine.n; i-- > 0;) {
    struct kids kd = cx_kids(L, spine.v[i]);
    if (kd.n != 2) {
      for (unsigned j = 0; j < kd.n; j++)
        lower_expr(L, kd.v[j]);
      continue;
    }
    if (i == spine.n - 1)
      lower_expr(L, kd.v[0]);
    last = lower_expr(L, kd.v[1]);
  }
  /* Only the comma operator yields its right operand. */
  return cx_binop(L, c) == OP_COMMA ? last : NONE;
}
