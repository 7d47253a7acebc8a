/* lower_names.c: names that denote an operation without being a vtask variable themselves.
 *
 *   - A reference (`vt::vtask<int> &t`, `auto &alias = rd;`, `for (auto &f : futures)`)
 *     denotes its referent's operation: awaiting through it is awaiting the referent.
 *   - A pointer to a by-address handle (`uv_stream_t *client`, `uv_tcp_t *srv = malloc(...)`)
 *     denotes the handle: a library's handle API takes handles through pointers, and casts
 *     between handle types (`(uv_handle_t *)srv`) name the same handle.
 *   - An access path to a handle (`s->bio`, `s->threads[2]`, a global `main_thread`) denotes one
 *     handle within a function: the same base with the same fields and constant indices is the
 *     same handle. A variable index (`t[i]`) names no path, so a loop joining each element
 *     once stays silent. A path is fresh wherever its base gets another value (declared, each
 *     round, in a loop's body; assigned; stepped: var_forget_paths_of), so a pool's workers
 *     joined through `struct worker *w = &pool[i];` one per round are not one thread. It is
 *     fresh too where a field on its way is written, whatever the base it is written through
 *     (`p->next = o` or `q->next = o` for `p->next->th`: q may be p), and where anything that
 *     may lead to it is written through a pointer (`*pp = o`, `ws[i] = w`):
 *     var_forget_written. What a path holds may change behind our back through any call we
 *     cannot see, so every such call forgets what the paths held (var_reset_paths), but for
 *     a system header's function that cannot reach the program's structures
 *     (lower_inert_calls.c: printf, pthread_mutex_lock).
 *
 * Paths are kept only for handle types (by-value handles such as pthread_t, by-address ones
 * such as libuv's): a C++ task kept in a member is the stored-in-field rule's business. */
#include <stdlib.h>
#include <string.h>

#include "analyzer/flow/lower_int.h"
#include "analyzer/support/strbuf.h"

const struct vtype *var_tracked_type(struct lower *L, CXType t, uint16_t *flags) {
  const struct vtype *vt = model_vtype(L->o->model, t);
  if (vt) {
    *flags = VAR_VTASK;
    return vt;
  }
  CXType c = clang_getCanonicalType(t);
  if (c.kind == CXType_LValueReference || c.kind == CXType_RValueReference) {
    vt = model_vtype(L->o->model, clang_getPointeeType(t));
    *flags = VAR_VTASK | VAR_REF;
    return vt;
  }
  if (c.kind == CXType_Pointer) {
    vt = model_vtype(L->o->model, clang_getPointeeType(t));
    if (vt && vt->by_address) {
      *flags = VAR_VTASK | VAR_HANDLE_PTR;
      return vt;
    }
  }
  return NULL;
}

static bool is_handle_type(const struct vtype *vt) { return vt && (vt->plain_handle || vt->by_address); }

/* points_at_local: p is a local pointer variable, which may point at a local thread ID
 * (`pthread_t *p = &t;`): t may be created again while nothing writes p, so *p names no path.
 * A parameter (or a global) cannot point at this call's locals unless it is written. */
static bool points_at_local(struct lower *L, CXCursor p) {
  p = cx_strip(L, p);
  if (clang_getCursorKind(p) != CXCursor_DeclRefExpr)
    return false;
  CXCursor d = clang_getCursorReferenced(p);
  return clang_getCursorKind(d) == CXCursor_VarDecl && var_is_local(d);
}

/* path_key: appends the access path of e to key (identity) and shown (for messages); false
 * when e is not a path (a call, a variable index, a dereference). */
static bool path_key(struct lower *L, CXCursor e, struct strbuf *key, struct strbuf *shown, int depth,
                     unsigned *root) {
  if (depth > 16)
    return false;
  e = cx_strip(L, e);
  enum CXCursorKind k = clang_getCursorKind(e);
  if (k == CXCursor_DeclRefExpr) {
    CXCursor d = clang_getCursorReferenced(e);
    if (clang_getCursorKind(d) != CXCursor_VarDecl && clang_getCursorKind(d) != CXCursor_ParmDecl)
      return false;
    *root = clang_hashCursor(d);
    char *name = cx_spell(L, d);
    sb_addf(key, "%s#%x", name, clang_hashCursor(d));
    sb_adds(shown, name);
    return true;
  }
  if (k == CXCursor_CXXThisExpr) {
    *root = 0;
    sb_adds(key, "this");
    sb_adds(shown, "this");
    return true;
  }
  if (k == CXCursor_MemberRefExpr) {
    struct kids kd = cx_kids(L, e);
    CXCursor base = clang_getNullCursor();
    for (unsigned i = 0; i < kd.n; i++)
      if (clang_isExpression(clang_getCursorKind(kd.v[i])))
        base = kd.v[i];
    bool arrow = false;
    if (clang_Cursor_isNull(base)) { /* a member of *this, named alone */
      *root = 0;
      sb_adds(key, "this");
      arrow = true;
    } else {
      if (!path_key(L, base, key, shown, depth + 1, root))
        return false;
      arrow = clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer;
    }
    char *member = cx_spell(L, e);
    if (!*member)
      return false;
    if (arrow)
      sb_adds(key, "[0]"); /* p->tid is (*p).tid and p[0].tid: one key */
    sb_addf(key, ".%s", member);
    if (shown->len)
      sb_adds(shown, arrow ? "->" : ".");
    sb_adds(shown, member);
    return true;
  }
  if (k == CXCursor_UnaryOperator && cx_unop(L, e) == OP_DEREF) { /* *p is p[0] */
    struct kids kd = cx_kids(L, e);
    if (kd.n != 1 || points_at_local(L, kd.v[0]))
      return false;
    sb_adds(shown, depth ? "(*" : "*"); /* (*pp)->th inside another path */
    if (!path_key(L, kd.v[0], key, shown, depth + 1, root))
      return false;
    sb_adds(key, "[0]");
    if (depth)
      sb_addc(shown, ')');
    return true;
  }
  if (k == CXCursor_ArraySubscriptExpr) {
    struct kids kd = cx_kids(L, e);
    long long idx;
    if (kd.n != 2 || !cx_const_value(L, cx_strip(L, kd.v[1]), &idx) || !path_key(L, kd.v[0], key, shown, depth + 1, root))
      return false;
    sb_addf(key, "[%lld]", idx);
    sb_addf(shown, "[%lld]", idx);
    return true;
  }
  return false;
}

/* ends_in_pointer_element: s is `*p` or `p[k]` of a pointer p (not of an array). */
static bool ends_in_pointer_element(struct lower *L, CXCursor s) {
  enum CXCursorKind k = clang_getCursorKind(s);
  if (k == CXCursor_UnaryOperator)
    return true; /* path_key takes only a dereference */
  if (k != CXCursor_ArraySubscriptExpr)
    return false;
  struct kids kd = cx_kids(L, s);
  return kd.n == 2 && clang_getCanonicalType(clang_getCursorType(cx_strip(L, kd.v[0]))).kind == CXType_Pointer;
}

/* path_var: the variable of the path s names (with pointee: of what s points at, *s), of
 * handle type vt; -1 when s names no path. */
static int32_t path_var(struct lower *L, CXCursor s, const struct vtype *vt, bool pointee, bool create) {
  struct strbuf key = STRBUF_INIT, shown = STRBUF_INIT;
  int32_t var = -1;
  unsigned root = 0;
  if (pointee)
    sb_addc(&shown, '*');
  if (path_key(L, s, &key, &shown, pointee, &root)) {
    if (pointee)
      sb_adds(&key, "[0]");
    for (size_t i = 0; i < L->paths.n && var < 0; i++)
      if (strcmp(L->paths.v[i].key, sb_cstr(&key)) == 0)
        var = L->paths.v[i].var;
    if (var < 0 && create) {
      var = var_add(L, clang_getNullCursor(), arena_strdup(L->a, sb_cstr(&shown)), VAR_VTASK | VAR_PATH, vt);
      struct path_slot ps = {arena_strdup(L->a, sb_cstr(&key)), var, root, pointee || ends_in_pointer_element(L, s),
                             false};
      vec_push(L->a, &L->paths, ps);
      /* Like a parameter: what it holds at entry is of unknown origin. */
      int32_t saved = L->cur;
      L->cur = L->g->entry;
      emit(L, EV_FRESH, var, -1, s, NULL);
      L->cur = saved;
    }
  }
  sb_release(&key);
  sb_release(&shown);
  return var;
}

int32_t var_path(struct lower *L, CXCursor e, bool create) {
  const struct vtype *vt = model_vtype(L->o->model, clang_getCursorType(e));
  if (!is_handle_type(vt))
    return -1;
  CXCursor s = cx_strip(L, e);
  enum CXCursorKind k = clang_getCursorKind(s);
  if (k == CXCursor_DeclRefExpr && var_is_local(clang_getCursorReferenced(s)))
    return -1; /* a plain local is a variable of its own */
  /* *p of a thread ID (a libuv handle's pointer is the handle itself: lower_decl.c) */
  bool deref = k == CXCursor_UnaryOperator && !vt->by_address && cx_unop(L, s) == OP_DEREF;
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr && k != CXCursor_ArraySubscriptExpr && !deref)
    return -1;
  return path_var(L, s, vt, false, create);
}

int32_t var_scalar_path(struct lower *L, CXCursor e, bool create) {
  CXCursor s = cx_strip(L, e);
  enum CXCursorKind k = clang_getCursorKind(s);
  if ((k != CXCursor_MemberRefExpr && k != CXCursor_ArraySubscriptExpr) || !var_is_scalar(clang_getCursorType(s)) ||
      clang_getCanonicalType(clang_getCursorType(s)).kind == CXType_Pointer || model_vtype(L->o->model, clang_getCursorType(s)))
    return -1;
  struct strbuf key = STRBUF_INIT, shown = STRBUF_INIT;
  int32_t var = -1;
  unsigned root = 0;
  if (path_key(L, s, &key, &shown, 0, &root)) {
    for (size_t i = 0; i < L->paths.n && var < 0; i++)
      if (L->paths.v[i].scalar && strcmp(L->paths.v[i].key, sb_cstr(&key)) == 0)
        var = L->paths.v[i].var;
    if (var < 0 && create) {
      var = var_add(L, clang_getNullCursor(), arena_strdup(L->a, sb_cstr(&shown)), VAR_COND, NULL);
      struct path_slot ps = {arena_strdup(L->a, sb_cstr(&key)), var, root, ends_in_pointer_element(L, s), true};
      vec_push(L->a, &L->paths, ps);
    }
  }
  sb_release(&key);
  sb_release(&shown);
  return var;
}

int32_t var_path_pointee(struct lower *L, CXCursor e) {
  CXType t = clang_getCursorType(e);
  if (clang_getCanonicalType(t).kind != CXType_Pointer)
    return -1;
  const struct vtype *vt = model_vtype(L->o->model, clang_getPointeeType(t));
  if (!is_handle_type(vt) || vt->by_address || points_at_local(L, e))
    return -1;
  return path_var(L, cx_strip(L, e), vt, true, true);
}

static void record_write_n(struct lower *L, unsigned root, const char *field, bool call, bool numbers, CXCursor at);

static void record_write(struct lower *L, unsigned root, const char *field, bool call, CXCursor at) {
  record_write_n(L, root, field, call, false, at);
}

static void record_write_n(struct lower *L, unsigned root, const char *field, bool call, bool numbers, CXCursor at) {
  if (L->cur < 0)
    return;
  struct path_write w = {root, field, call, numbers, L->cur, (uint32_t)L->g->blocks.v[L->cur].evs.n, at};
  vec_push(L->a, &L->writes, w);
}

void var_forget_paths_of(struct lower *L, CXCursor decl, CXCursor at) {
  unsigned h = clang_hashCursor(decl);
  if (h) /* 0 stands for every path */
    record_write(L, h, NULL, false, at);
}

/* leads_to_handle: whether a value of type t can be, or lead to, a handle a path names: a
 * handle itself, a pointer to void, or to something that can (a structure holding a handle or
 * such a pointer), a union, an array of such. A number or a character cannot (paths take only
 * constant indices), nor a pointer to those, nor a structure of numbers: `s->count = 0`,
 * `*why = "stopped"`, `*when = (struct timespec){0}` leave `s->th` alone. */
static bool leads_to_handle_d(struct lower *L, CXType t, int depth);

struct holds_walk {
  struct lower *L;
  int depth;
  bool holds;
};

static enum CXVisitorResult field_holds(CXCursor field, CXClientData data) {
  struct holds_walk *w = data;
  w->holds = leads_to_handle_d(w->L, clang_getCursorType(field), w->depth + 1);
  return w->holds ? CXVisit_Break : CXVisit_Continue;
}

static bool leads_to_handle_d(struct lower *L, CXType t, int depth) {
  if (depth > 4 || is_handle_type(model_vtype(L->o->model, t)))
    return true;
  CXType c = clang_getCanonicalType(t);
  switch (c.kind) {
  case CXType_Pointer:
  case CXType_LValueReference:
  case CXType_RValueReference: {
    CXType p = clang_getCanonicalType(clang_getPointeeType(c));
    if (p.kind == CXType_Void)
      return true;
    if (p.kind == CXType_FunctionProto || p.kind == CXType_FunctionNoProto)
      return false;
    return leads_to_handle_d(L, clang_getPointeeType(c), depth + 1);
  }
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
  case CXType_DependentSizedArray:
    return leads_to_handle_d(L, clang_getArrayElementType(c), depth + 1);
  case CXType_Record: {
    CXCursor d = clang_getTypeDeclaration(c);
    if (clang_getCursorKind(d) == CXCursor_UnionDecl || clang_Type_getSizeOf(c) < 0)
      return true; /* a union may alias a handle with a number; an opaque one may hold anything */
    struct holds_walk w = {L, depth, false};
    clang_Type_visitFields(c, field_holds, &w);
    return w.holds;
  }
  case CXType_Unexposed: /* a dependent type in a template */
    return true;
  default:
    return false;
  }
}

static bool leads_to_handle(struct lower *L, CXType t) { return leads_to_handle_d(L, t, 0); }

/* union_member: m (a field access) names a member of a union: writing any member writes them
 * all, a number as much as the thread ID beside it. */
static bool union_member(CXCursor m) {
  CXCursor d = clang_getCursorReferenced(m);
  return clang_getCursorKind(clang_getCursorSemanticParent(d)) == CXCursor_UnionDecl;
}

/* alias_decl: a variable that names another one's storage: a reference, a structured binding
 * (`auto &[th, gen] = s;`). Writing it may write any path. */
static bool alias_decl(CXCursor d) {
  enum CXCursorKind k = clang_getCursorKind(d);
  if (k != CXCursor_VarDecl && k != CXCursor_ParmDecl)
    return true;
  enum CXTypeKind t = clang_getCanonicalType(clang_getCursorType(d)).kind;
  return t == CXType_LValueReference || t == CXType_RValueReference;
}

void var_forget_written(struct lower *L, CXCursor e, CXCursor at) {
  CXCursor s = cx_strip(L, e);
  enum CXCursorKind k = clang_getCursorKind(s);
  if (k == CXCursor_DeclRefExpr) {
    CXCursor d = clang_getCursorReferenced(s);
    var_forget_paths_of(L, d, at);
    if (alias_decl(d) && leads_to_handle(L, clang_getCursorType(s)))
      record_write(L, 0, NULL, false, at); /* `out = fresh;` of a pthread_t &out */
    return;
  }
  bool in_union = k == CXCursor_MemberRefExpr && union_member(s);
  bool numbers = !in_union && !leads_to_handle(L, clang_getCursorType(s));
  /* The field written: `p->next`, `s->threads[i]` (an element of the field is the field), the
   * union a member is of (`s->u.raw = saved` writes `s->u.th`). */
  CXCursor m = s;
  for (int depth = 0; depth < 16; depth++) {
    struct kids kd = cx_kids(L, m);
    if (clang_getCursorKind(m) == CXCursor_ArraySubscriptExpr && kd.n == 2) {
      m = cx_strip(L, kd.v[0]);
      continue;
    }
    if (clang_getCursorKind(m) == CXCursor_MemberRefExpr && union_member(m) && kd.n >= 1) {
      CXCursor base = cx_strip(L, kd.v[kd.n - 1]);
      if (clang_getCursorKind(base) == CXCursor_MemberRefExpr || clang_getCursorKind(base) == CXCursor_DeclRefExpr) {
        m = base;
        continue;
      }
    }
    break;
  }
  if (clang_getCursorKind(m) == CXCursor_MemberRefExpr) {
    char *member = cx_spell(L, m);
    if (*member) {
      record_write_n(L, 0, arena_strdup(L->a, member), false, numbers, at);
      return;
    }
  }
  /* `a[2] = w` of a local or global array, `u.raw = 1` of a local union: its paths. */
  if (clang_getCursorKind(m) == CXCursor_DeclRefExpr && clang_getCanonicalType(clang_getCursorType(m)).kind != CXType_Pointer) {
    unsigned h = clang_hashCursor(clang_getCursorReferenced(m));
    if (h)
      record_write_n(L, h, NULL, false, numbers, at);
    return;
  }
  record_write_n(L, 0, NULL, false, numbers, at); /* through a pointer: it may be any structure's */
}

void var_reset_paths(struct lower *L, CXCursor at) { record_write(L, 0, NULL, true, at); }

void var_forget_pointee(struct lower *L, CXCursor at) { record_write(L, 0, NULL, false, at); }

/* through_field: whether path key (`s#1a2b.next.th`) goes through field f: a component `.f`
 * ending the key or followed by another component. */
static bool through_field(const char *key, const char *f) {
  size_t n = strlen(f);
  for (const char *p = strchr(key, '.'); p; p = strchr(p + 1, '.'))
    if (strncmp(p + 1, f, n) == 0 && (p[1 + n] == '\0' || p[1 + n] == '.' || p[1 + n] == '['))
      return true;
  return false;
}

static int by_place_backwards(const void *a, const void *b) {
  const struct path_write *x = a, *y = b;
  if (x->block != y->block)
    return x->block < y->block ? -1 : 1;
  return x->pos > y->pos ? -1 : x->pos < y->pos;
}

/* insert_event: an event of kind on var at a write's place (a block and a position in it). */
static void insert_event(struct cfg *g, const struct path_write *pw, int kind, int32_t var) {
  struct event e;
  memset(&e, 0, sizeof e);
  e.kind = (uint8_t)kind;
  e.var = var;
  e.var2 = -1;
  e.cur = pw->at;
  e.order = (uint32_t)g->events.n;
  vec_push(g->arena, &g->events, e);
  int32_t id = (int32_t)g->events.n - 1;
  struct block *b = &g->blocks.v[pw->block];
  vec_push(g->arena, &b->evs, id); /* room for one more, then shift it into place */
  memmove(b->evs.v + pw->pos + 1, b->evs.v + pw->pos, sizeof *b->evs.v * (b->evs.n - 1 - pw->pos));
  b->evs.v[pw->pos] = id;
}

static bool has_closable_handles(const struct lower *L) {
  for (size_t i = 0; i < L->g->vars.n; i++)
    if (L->g->vars.v[i].type && L->g->vars.v[i].type->words && L->g->vars.v[i].type->words->early_free)
      return true;
  return false;
}

void var_finish_paths(struct lower *L) {
  if (!L->writes.n)
    return;
  /* A call we cannot see may also run the loop, and with it the close callbacks (EV_FINISH). */
  bool finishes = has_closable_handles(L);
  if (!L->paths.n && !finishes)
    return;
  /* From the last place in each block to the first, so that the positions still hold. */
  qsort(L->writes.v, L->writes.n, sizeof *L->writes.v, by_place_backwards);
  struct cfg *g = L->g;
  for (size_t w = 0; w < L->writes.n; w++) {
    const struct path_write *pw = &L->writes.v[w];
    if (pw->call && var_call_is_inert(L, pw->at))
      continue;
    if (pw->call && finishes)
      insert_event(g, pw, EV_FINISH, -1);
    for (size_t i = L->paths.n; i-- > 0;) {
      /* a field written may be what a pointer element names (`*cur` with cur = &w->tid) */
      if (pw->field ? !through_field(L->paths.v[i].key, pw->field) && !L->paths.v[i].by_pointer
                    : pw->root && L->paths.v[i].root != pw->root)
        continue;
      if (pw->numbers && !L->paths.v[i].scalar)
        continue; /* s->n = 0 leaves s->th alone */
      insert_event(g, pw, L->paths.v[i].scalar ? EV_COND_KILL : EV_FRESH, L->paths.v[i].var);
    }
  }
}

void var_free_paths_in(struct lower *L, CXCursor e, CXCursor at, const char *name) {
  struct strbuf key = STRBUF_INIT, shown = STRBUF_INIT;
  unsigned root = 0;
  if (path_key(L, cx_strip(L, e), &key, &shown, 0, &root)) {
    size_t n = key.len;
    for (size_t i = 0; i < L->paths.n; i++) {
      const char *k = L->paths.v[i].key;
      if (!L->paths.v[i].scalar && strncmp(k, sb_cstr(&key), n) == 0 && (k[n] == '.' || k[n] == '['))
        emit(L, EV_FREE, L->paths.v[i].var, -1, at, name);
    }
  }
  sb_release(&key);
  sb_release(&shown);
}
