/* lower_decl.c: declarations in a body. A vtask local takes its initialiser's value; a
 * reference or a handle pointer names an operation (lower_names.c); a scalar local is a
 * condition variable or a query flag; a static or extern one stores what it is given. */
#include "analyzer/flow/lower_int.h"

/* Scalar locals: condition variables (`bool done = false;`, `int state = 0;` are known
 * values) and query flags (`bool done = vtask_is_completed(t);`). Every scalar local is a
 * condition variable from its declaration on, so that declaring it again (the next loop
 * iteration) forgets what the previous one knew, whether or not a condition tests it later. */
static void lower_scalar_decl(struct lower *L, CXCursor d, CXCursor init, enum CXTypeKind ck) {
  long long cval;
  if (!clang_Cursor_isNull(init) && cx_const_value(L, cx_strip(L, init), &cval)) {
    int32_t cv = var_add(L, d, cx_spell(L, d), VAR_COND, NULL);
    emit_cond_set(L, cv, cval, d);
    return;
  }
  struct call_facts cf = {-1, false, -1, false, {-1, -1, -1}, 0, false};
  if (!clang_Cursor_isNull(init)) {
    CXCursor s = cx_strip(L, init);
    if (clang_getCursorKind(s) == CXCursor_CallExpr) {
      lower_call(L, s, &cf);
    } else {
      lower_expr(L, init);
      cf.query_var = cond_implied_query(L, init);
    }
  }
  int32_t qv = cf.query_var;
  if (qv >= 0) {
    int32_t flag = var_add(L, d, cx_spell(L, d), VAR_FLAG | VAR_COND, NULL);
    L->g->vars.v[flag].target = qv;
    int32_t e = emit(L, EV_FLAG_SET, flag, qv, d, NULL);
    if (cf.query_neg)
      L->g->events.v[e].flags |= EVF_NEGATED;
  } else {
    int32_t cv = var_add(L, d, cx_spell(L, d), VAR_COND, NULL);
    emit(L, EV_COND_KILL, cv, -1, d, NULL);
  }
}

/* lower_named_decl: a reference to a vtask (`auto &alias = rd;` denotes rd's operation) or a
 * pointer to a handle (`uv_tcp_t *srv = malloc(...)` denotes a handle of unknown origin; one
 * initialised with another handle's address or pointer is an alias of it). lower_names.c. */
static bool lower_named_decl(struct lower *L, CXCursor d, CXCursor init, CXType ty) {
  uint16_t fl = 0;
  const struct vtype *vt = var_tracked_type(L, ty, &fl);
  if (!vt || clang_Cursor_isNull(init))
    return false;
  if (fl & VAR_HANDLE_PTR) {
    int32_t target = var_pointee(L, init);
    if (target >= 0) {
      int32_t pv = var_add(L, d, cx_spell(L, d), VAR_PTR, NULL);
      L->g->vars.v[pv].target = target;
      return true;
    }
    lower_expr(L, init);
    emit(L, EV_FRESH, var_add(L, d, cx_spell(L, d), fl, vt), -1, d, NULL);
    return true;
  }
  struct val v = lower_expr(L, init);
  int32_t var = var_add(L, d, cx_spell(L, d), fl, vt);
  if (v.kind == VAL_VAR || v.kind == VAL_MOVED) {
    L->g->vars.v[var].target = v.var;
    emit(L, EV_COPY, var, v.var, d, NULL); /* the same operation under a second name */
  } else {
    val_bind(L, v.kind == VAL_NONE ? (struct val){VAL_UNKNOWN, false, -1, {0}, NULL} : v, var, d);
  }
  return true;
}

/* vardecl = type name ("=" expr)?: a vtask local takes its initialiser's value; a static or
 * extern one stores it; a reference or pointer to one lets it escape. */
void lower_vardecl(struct lower *L, CXCursor d) {
  /* a loop's `struct worker *w = &pool[i];`, each round (a static one is made once) */
  enum CX_StorageClass storage = clang_Cursor_getStorageClass(d);
  if (storage != CX_SC_Static && storage != CX_SC_Extern)
    var_forget_paths_of(L, d, d);
  struct kids kd = cx_kids(L, d);
  CXCursor init = clang_getNullCursor();
  if (kd.n && clang_isExpression(clang_getCursorKind(kd.v[kd.n - 1])) && !lower_is_default_init(kd.v[kd.n - 1]))
    init = kd.v[kd.n - 1];
  CXType ty = clang_getCursorType(d);
  bool vt = model_is_vtask_type(L->o->model, ty);
  enum CX_StorageClass sc = clang_Cursor_getStorageClass(d);
  if (sc == CX_SC_Static || sc == CX_SC_Extern) {
    if (!clang_Cursor_isNull(init)) {
      struct val v = lower_expr(L, init);
      if (vt) {
        int32_t e = emit(L, EV_STORE, -1, -1, d, cx_spell(L, d));
        L->g->events.v[e].type = model_type_holds(L->o->model, clang_getCursorType(d));
        L->g->events.v[e].flags = sc == CX_SC_Static ? STORE_STATIC : STORE_GLOBAL;
        val_escape(L, v, d);
      }
    }
    return;
  }
  if (vt) {
    int32_t var = var_add(L, d, cx_spell(L, d), VAR_VTASK, model_vtype(L->o->model, ty));
    struct val v = clang_Cursor_isNull(init) ? NONE : lower_expr(L, init);
    if (!clang_Cursor_isNull(init) && v.kind == VAL_NONE)
      v.kind = VAL_UNKNOWN; /* initialised from something we cannot follow (a dependent expression) */
    if (L->expect_throw && v.kind == VAL_CREATE)
      v.kind = VAL_UNKNOWN; /* the call is expected to throw: no vtask is made */
    val_bind(L, v, var, d);
    return;
  }
  if (lower_named_decl(L, d, init, ty))
    return;
  enum CXTypeKind ck = clang_getCanonicalType(ty).kind;
  if ((ck >= CXType_Bool && ck <= CXType_Int128) || ck == CXType_Enum) {
    lower_scalar_decl(L, d, init, ck);
    return;
  }
  if (clang_Cursor_isNull(init))
    return;
  if (ty.kind == CXType_Pointer) {
    /* uv_tcp_t *p = &h: p designates the handle for the profile's calls through pointers. */
    int32_t target = var_pointee(L, init);
    if (target >= 0 && L->g->vars.v[target].type && L->g->vars.v[target].type->by_address) {
      int32_t pv = var_add(L, d, cx_spell(L, d), VAR_PTR, NULL);
      L->g->vars.v[pv].target = target;
      return;
    }
  }
  long long cval;
  if (ty.kind == CXType_Pointer && cx_const_value(L, cx_strip(L, init), &cval)) {
    emit_cond_set(L, var_add(L, d, cx_spell(L, d), VAR_COND, NULL), cval, d);
    return;
  }
  struct val v = lower_expr(L, init);
  /* A reference or pointer bound to the vtask: what it does next is out of sight. */
  if (ty.kind == CXType_LValueReference || ty.kind == CXType_RValueReference)
    val_escape(L, v, d);
  else if (ty.kind == CXType_Pointer) /* `r = vtask_await(rd)`, then `if (r == NULL) break;` */
    emit(L, EV_COND_KILL, var_add(L, d, cx_spell(L, d), VAR_COND, NULL), -1, d, NULL);
}
