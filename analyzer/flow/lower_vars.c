/* lower_vars.c: the lowering's variables and values. Which declarations are tracked (vtask
 * locals and parameters, temporaries, condition variables, query flags, pointers to handles),
 * and what happens to a `struct val` when it is consumed, bound, discarded or assigned: the
 * context, not the expression, decides the event (lower_int.h). */
#include <string.h>

#include "analyzer/flow/lower_int.h"
#include "analyzer/support/strbuf.h"

/* ---- variables ---- */

/* var_find: the variable decl is tracked as, or -1; with insert, makes it var. An open-addressing
 * table keyed by clang_hashCursor (cursors have no identity of their own). */
int32_t var_find(struct lower *L, CXCursor decl, bool insert, int32_t var) {
  if (insert && L->vn * 2 >= L->vcap) {
    struct vslot *old = L->vmap;
    size_t oc = L->vcap;
    L->vcap = oc ? oc * 2 : 32;
    L->vmap = ARENA_ARRAY(L->a, struct vslot, L->vcap);
    for (size_t i = 0; i < L->vcap; i++)
      L->vmap[i].var = -1;
    L->vn = 0;
    for (size_t i = 0; i < oc; i++)
      if (old[i].var >= 0)
        var_find(L, old[i].decl, true, old[i].var);
  }
  if (!L->vcap)
    return -1;
  unsigned h = clang_hashCursor(decl);
  size_t j = h & (L->vcap - 1);
  while (L->vmap[j].var >= 0) {
    if (L->vmap[j].hash == h && clang_equalCursors(L->vmap[j].decl, decl)) {
      if (insert)
        L->vmap[j].var = var;
      return L->vmap[j].var;
    }
    j = (j + 1) & (L->vcap - 1);
  }
  if (!insert)
    return -1;
  L->vmap[j].decl = decl;
  L->vmap[j].hash = h;
  L->vmap[j].var = var;
  L->vn++;
  return var;
}

int32_t var_add(struct lower *L, CXCursor decl, const char *name, uint16_t flags, const struct vtype *type) {
  struct var v = {name, decl, flags, type, -1, {-1, -1}, 0, 0};
  vec_push(L->a, &L->g->vars, v);
  int32_t id = (int32_t)L->g->vars.n - 1;
  if (!clang_Cursor_isNull(decl))
    var_find(L, decl, true, id);
  return id;
}

/* var_is_local: a variable with automatic storage (of this or an enclosing function). */
bool var_is_local(CXCursor decl) {
  enum CXCursorKind k = clang_getCursorKind(decl);
  if (k == CXCursor_ParmDecl)
    return true;
  if (k != CXCursor_VarDecl)
    return false;
  enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
  if (sc == CX_SC_Static || sc == CX_SC_Extern)
    return false;
  return cx_is_function_kind(clang_getCursorKind(clang_getCursorSemanticParent(decl)));
}

/* var_of: the tracked variable a DeclRefExpr names. A local of an enclosing function (a
 * lambda's capture) is tracked here as an operation of unknown origin, like a parameter. */
int32_t var_of(struct lower *L, CXCursor ref) {
  CXCursor decl = clang_getCursorReferenced(ref);
  if (clang_Cursor_isNull(decl))
    return -1;
  int32_t v = var_find(L, decl, false, 0);
  if (v >= 0)
    return v;
  uint16_t fl = 0;
  const struct vtype *vt = var_is_local(decl) ? var_tracked_type(L, clang_getCursorType(decl), &fl) : NULL;
  if (!vt)
    return -1;
  v = var_add(L, decl, cx_spell(L, decl), VAR_PARAM | fl, vt);
  int32_t saved = L->cur;
  L->cur = L->g->entry;
  emit(L, EV_FRESH, v, -1, decl, NULL);
  L->cur = saved;
  return v;
}

/* var_is_scalar: a type whose values can decide a branch (integers, enums, pointers). */
bool var_is_scalar(CXType t) {
  t = clang_getCanonicalType(t);
  return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Pointer || t.kind == CXType_Enum;
}

bool val_is_vtask(struct lower *L, CXCursor c) { return model_is_vtask_type(L->o->model, clang_getCursorType(c)); }

/* ---- value consumers ---- */

/* val_temp: a temporary for a created value used in place (vtask_is_completed(make())). */
int32_t val_temp(struct lower *L, const struct val *v) {
  struct strbuf sb = STRBUF_INIT;
  sb_addf(&sb, "%s(...)", v->name ? v->name : "");
  int32_t t = var_add(L, clang_getNullCursor(), arena_strdup(L->a, sb_cstr(&sb)), VAR_TEMP | VAR_VTASK,
                      model_vtype(L->o->model, clang_getCursorType(v->cur)));
  sb_release(&sb);
  emit(L, v->completed ? EV_CREATE_COMPLETED : EV_CREATE, t, -1, v->cur, v->name);
  return t;
}

/* val_consume: `kind` happens to the value v at cursor c. Returns the variable, or -1. */
int32_t val_consume(struct lower *L, struct val v, int kind, CXCursor c, const char *name) {
  switch (v.kind) {
  case VAL_VAR:
  case VAL_MOVED: {
    int32_t e = emit(L, kind, v.var, -1, c, name);
    if (v.kind == VAL_MOVED)
      L->g->events.v[e].flags |= EVF_MOVED;
    return v.var;
  }
  case VAL_CREATE:
    if (kind == EV_GET_RESULT || kind == EV_QUERY) {
      int32_t t = val_temp(L, &v);
      emit(L, kind, t, -1, c, name);
      return t;
    }
    return -1;
  default:
    return -1;
  }
}

/* val_bind: variable `var` takes the value v (initialisation or assignment). */
void val_bind(struct lower *L, struct val v, int32_t var, CXCursor c) {
  switch (v.kind) {
  case VAL_VAR:
    if (v.var != var)
      emit(L, EV_COPY, var, v.var, c, NULL);
    break;
  case VAL_MOVED:
    if (v.var != var)
      emit(L, EV_MOVE, var, v.var, c, NULL);
    break;
  case VAL_CREATE:
    emit(L, v.completed ? EV_CREATE_COMPLETED : EV_CREATE, var, -1, v.cur, v.name);
    break;
  case VAL_UNKNOWN:
    emit(L, EV_FRESH, var, -1, c, NULL);
    break;
  default:
    emit(L, EV_CLEAR, var, -1, c, NULL);
    break;
  }
}

/* val_escape: the value goes where we cannot follow it. */
void val_escape(struct lower *L, struct val v, CXCursor c) {
  if (v.kind == VAL_VAR || v.kind == VAL_MOVED)
    emit(L, EV_ESCAPE, v.var, -1, c, NULL);
}

/* lower_discard: an expression whose value is dropped (an expression statement, a for
 * header's init or increment); a pending operation created and dropped is a discard. */
void lower_discard(struct lower *L, CXCursor c) {
  CXCursor s = cx_strip(L, c);
  bool voided = false;
  while (cx_is_void_cast(s)) {
    struct kids k = cx_kids(L, s);
    if (!k.n)
      return;
    s = cx_strip(L, k.v[k.n - 1]);
    voided = true;
  }
  (void)voided;
  struct val v = lower_expr(L, s);
  if (v.kind == VAL_CREATE && !v.completed) {
    /* The model says whether dropping it matters (a pool's std::future does not) and why. */
    const struct vtype *vt = model_vtype(L->o->model, clang_getCursorType(v.cur));
    const char *why, *callee;
    if (model_dropped(L->o->model, v.cur, vt, &why, &callee)) {
      int32_t e = emit(L, EV_DISCARD, -1, -1, v.cur, callee ? callee : v.name);
      L->g->events.v[e].type = vt;
      L->g->events.v[e].word = why;
    }
  }
}

/* ---- assignments ---- */

/* rebind_path: `s->bio = t` (or a global, an element): the path now holds t's operation (a
 * copy: t keeps it too), or one of unknown origin. Only paths already met are rebound. */
static void rebind_path(struct lower *L, CXCursor lhs, struct val v, CXCursor at) {
  int32_t pv = var_path(L, lhs, false);
  if (pv < 0)
    return;
  if (v.kind == VAL_VAR)
    emit(L, EV_COPY, pv, v.var, at, NULL);
  else
    emit(L, EV_FRESH, pv, -1, at, NULL);
}

/* lower_assign: `lhs = v`. Where lhs lives decides: a tracked local takes the value, a field,
 * a global or a static stores it, a condition variable or flag forgets what it knew. */
void lower_assign(struct lower *L, CXCursor lhs, struct val v, CXCursor at) {
  var_forget_written(L, lhs, at);
  CXCursor s = cx_strip(L, lhs);
  enum CXCursorKind k = clang_getCursorKind(s);
  if (k == CXCursor_ArraySubscriptExpr && val_is_vtask(L, s)) {
    rebind_path(L, s, v, at);
    /* a[i] = t: where the array lives decides (a field, a global, a local array). */
    struct kids kd = cx_kids(L, s);
    if (kd.n == 2) {
      lower_expr(L, kd.v[1]);
      CXCursor base = cx_strip(L, kd.v[0]);
      enum CXCursorKind bk = clang_getCursorKind(base);
      CXCursor decl = bk == CXCursor_DeclRefExpr ? clang_getCursorReferenced(base) : clang_getNullCursor();
      if (bk == CXCursor_MemberRefExpr || (bk == CXCursor_DeclRefExpr && !var_is_local(decl))) {
        lower_expr(L, base);
        int32_t e = emit(L, EV_STORE, -1, -1, at, cx_spell(L, base));
        L->g->events.v[e].type = model_type_holds(L->o->model, clang_getCursorType(lhs));
        L->g->events.v[e].flags = bk == CXCursor_MemberRefExpr ? STORE_FIELD
                                  : clang_Cursor_getStorageClass(decl) == CX_SC_Static &&
                                          cx_is_function_kind(clang_getCursorKind(clang_getCursorSemanticParent(decl)))
                                      ? STORE_STATIC
                                      : STORE_GLOBAL;
        val_escape(L, v, at);
        return;
      }
      lower_expr(L, base);
    }
    val_escape(L, v, at);
    return;
  }
  if (k == CXCursor_DeclRefExpr) {
    CXCursor decl = clang_getCursorReferenced(s);
    int32_t var = var_find(L, decl, false, 0);
    if (var < 0 && var_is_local(decl))
      var = var_of(L, s);
    if (var >= 0 && (L->g->vars.v[var].flags & VAR_VTASK)) {
      const struct var *tv = &L->g->vars.v[var];
      if ((tv->flags & VAR_HANDLE_PTR) && v.kind == VAL_NONE) {
        emit(L, EV_FRESH, var, -1, at, NULL); /* h = h->next: another handle, of unknown origin */
      } else if ((tv->flags & VAR_REF) && tv->target >= 0) {
        int32_t referent = tv->target; /* alias = x assigns the referent */
        val_bind(L, v, referent, at);
        emit(L, EV_COPY, var, referent, at, NULL);
      } else {
        val_bind(L, v, var, at);
      }
      return;
    }
    if (var >= 0 && (L->g->vars.v[var].flags & VAR_FLAG)) {
      emit(L, EV_FLAG_CLEAR, var, -1, at, NULL);
      return;
    }
    if (var >= 0 && (L->g->vars.v[var].flags & VAR_COND)) {
      emit(L, EV_COND_KILL, var, -1, at, NULL);
      return;
    }
    if (val_is_vtask(L, s) && !var_is_local(decl)) {
      /* A global or a static: the value is kept beyond the operation. */
      rebind_path(L, s, v, at);
      int32_t e = emit(L, EV_STORE, -1, -1, at, cx_spell(L, decl));
      L->g->events.v[e].type = model_type_holds(L->o->model, clang_getCursorType(lhs));
      L->g->events.v[e].flags = clang_Cursor_getStorageClass(decl) == CX_SC_Static && cx_is_function_kind(clang_getCursorKind(clang_getCursorSemanticParent(decl))) ? STORE_STATIC : STORE_GLOBAL;
      val_escape(L, v, at);
      return;
    }
    val_escape(L, v, at);
    return;
  }
  if (k == CXCursor_MemberRefExpr && val_is_vtask(L, s)) {
    struct kids kd = cx_kids(L, s);
    for (unsigned i = 0; i < kd.n; i++)
      if (clang_isExpression(clang_getCursorKind(kd.v[i])))
        lower_expr(L, kd.v[i]);
    /* a field of the machinery that carries awaitables to their consumer is not a store */
    if (!model_carries_awaitables(L->o->model, clang_getCursorSemanticParent(clang_getCursorReferenced(s)))) {
      int32_t e = emit(L, EV_STORE, -1, -1, at, cx_spell(L, s));
      L->g->events.v[e].type = model_type_holds(L->o->model, clang_getCursorType(lhs));
      L->g->events.v[e].flags = STORE_FIELD;
    }
    rebind_path(L, s, v, at);
    val_escape(L, v, at);
    return;
  }
  lower_expr(L, s);
  val_escape(L, v, at);
}

/* var_pointee: the tracked variable a pointer expression designates (through casts between
 * handle types): &t, &s->bio, a local pointer initialised with &t, or a handle pointer itself
 * (uv_close((uv_handle_t *)client)). -1 when it is anything else. */
int32_t var_pointee(struct lower *L, CXCursor e) {
  CXCursor s = cx_strip(L, e);
  enum CXCursorKind k = clang_getCursorKind(s);
  if (k == CXCursor_UnaryOperator && cx_unop(L, s) == OP_ADDROF) {
    struct kids kd = cx_kids(L, s);
    if (kd.n != 1)
      return -1;
    CXCursor in = cx_strip(L, kd.v[0]);
    int32_t v = clang_getCursorKind(in) == CXCursor_DeclRefExpr ? var_of(L, in) : -1;
    if (v < 0)
      v = var_path(L, in, true);
    return v >= 0 && (L->g->vars.v[v].flags & VAR_VTASK) ? v : -1;
  }
  if (k == CXCursor_DeclRefExpr) {
    int32_t p = var_find(L, clang_getCursorReferenced(s), false, 0);
    if (p < 0)
      p = var_of(L, s);
    if (p >= 0 && (L->g->vars.v[p].flags & VAR_PTR))
      return L->g->vars.v[p].target;
    if (p >= 0 && (L->g->vars.v[p].flags & VAR_HANDLE_PTR))
      return p;
  }
  return -1;
}
