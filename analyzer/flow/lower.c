/* lower.c: turns one function body into a control-flow graph of vtask events (cfg.h).
 *
 * The grammar handled, in libclang's cursor shapes (shared/reference/libclang.md section 4):
 *   stmt   = compound | decl-stmt | if | switch | case | default | while | do | for | range-for
 *          | break | continue | return | goto | label | try/catch | co_return | expr-stmt
 *   cond   = "!" cond | cond "&&" cond | cond "||" cond | cond "?" cond ":" cond
 *          | cond ("=="|"!=") literal | query-call | flag-var | expr
 *   expr   = call | assignment | co_await expr | "&" expr | "?:" | "," | ({ stmt... }) | ...
 * Values flow through `struct val` so that the context decides the event: a vtask named in an
 * expression statement is nothing, awaited it is an await, passed by value to an unknown
 * function it is a transfer, its address taken it escapes.
 *
 * Deep trees: left-deep operator chains (a sum of thousands of terms) and else-if chains are
 * walked iteratively; any other nesting beyond LOWER_MAX_DEPTH gives up on the function. */
#include "analyzer/flow/lower.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/support/strbuf.h"

enum val_kind { VAL_NONE, VAL_VAR, VAL_MOVED, VAL_CREATE, VAL_UNKNOWN };

struct val {
  uint8_t kind;
  bool completed;  /* VAL_CREATE: create-completed */
  int32_t var;     /* VAL_VAR, VAL_MOVED */
  CXCursor cur;    /* VAL_CREATE: the creating call */
  const char *name;/* VAL_CREATE: callee name */
};

static const struct val NONE = {VAL_NONE, false, -1, {0}, NULL};

struct vslot {
  CXCursor decl;
  unsigned hash;
  int32_t var; /* -1: empty */
};

struct switch_ctx {
  int32_t dispatch;
  int32_t var;      /* the condition variable switched on, -1 */
  bool has_default;
  struct switch_ctx *outer;
};

struct try_ctx {
  int32_t first_block; /* blocks created since belong to the try body */
  struct try_ctx *outer;
  VEC(int32_t) handlers;
};

struct label {
  const char *name;
  int32_t block;
};

struct lower {
  struct cfg *g;
  const struct lower_opts *o;
  struct arena *a;
  CXTranslationUnit tu;
  int32_t cur;
  int depth;
  bool cxx;
  int32_t brk, cont;
  struct switch_ctx *sw;
  struct try_ctx *tr;
  struct vslot *vmap;
  size_t vcap, vn;
  VEC(struct label) labels;
  VEC(int32_t) indirect_gotos;
  CXCursor fn;
  bool query_neg; /* the last query call answered "not completed" when true */
  int32_t live_var; /* the last liveness query's variable, -1 */
  bool live_neg;    /* ... answering "already consumed" when true (uv_is_closing) */
  int max_depth;
};

/* ---- small helpers ---- */

static int32_t new_block(struct lower *L) { return cfg_block(L->g); }

static void goto_block(struct lower *L, int32_t b) {
  cfg_edge(L->g, L->cur, b, REF_NONE, -1, -1);
  L->cur = b;
}

/* jump: control leaves for `to`; what follows is unreachable until a label or join. */
static void jump(struct lower *L, int32_t to) {
  if (to >= 0)
    cfg_edge(L->g, L->cur, to, REF_NONE, -1, -1);
  L->cur = new_block(L);
}

static int32_t emit(struct lower *L, int kind, int32_t var, int32_t var2, CXCursor cur, const char *name) {
  struct event e;
  memset(&e, 0, sizeof e);
  e.kind = (uint8_t)kind;
  e.var = var;
  e.var2 = var2;
  e.cur = cur;
  e.name = name;
  return cfg_event(L->g, L->cur, &e);
}

/* emit_cond_set: condition variable var := the constant value. */
static void emit_cond_set(struct lower *L, int32_t var, long long value, CXCursor cur) {
  int32_t e = emit(L, EV_COND_SET, var, -1, cur, NULL);
  L->g->events.v[e].value = value;
}

struct kids {
  CXCursor *v;
  unsigned n, cap;
  struct arena *a;
};

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct kids *k = data;
  if (k->n == k->cap) {
    unsigned ncap = k->cap ? k->cap * 2 : 4;
    k->v = arena_grow(k->a, k->v, sizeof *k->v * k->cap, sizeof *k->v * ncap);
    k->cap = ncap;
  }
  k->v[k->n++] = c;
  return CXChildVisit_Continue;
}

static struct kids kids_of(struct lower *L, CXCursor c) {
  struct kids k = {NULL, 0, 0, L->a};
  clang_visitChildren(c, collect, &k);
  return k;
}

static char *spell(struct lower *L, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  char *r = arena_strdup(L->a, clang_getCString(s));
  clang_disposeString(s);
  return r;
}

static bool first_token_is(struct lower *L, CXCursor c, const char *word) {
  CXToken *tok = clang_getToken(L->tu, clang_getCursorLocation(c));
  if (!tok)
    return false;
  CXString s = clang_getTokenSpelling(L->tu, *tok);
  bool r = strcmp(clang_getCString(s), word) == 0;
  clang_disposeString(s);
  clang_disposeTokens(L->tu, tok, 1);
  return r;
}

static unsigned file_offset(CXSourceLocation loc) {
  unsigned off = 0;
  clang_getFileLocation(loc, NULL, NULL, NULL, &off);
  return off;
}

/* ---- operators (clang_getCursor*OperatorKind from libclang 17; tokens before) ---- */

enum op { OP_OTHER, OP_ASSIGN, OP_LAND, OP_LOR, OP_COMMA, OP_EQ, OP_NE, OP_NOT, OP_ADDROF, OP_DEREF, OP_INCDEC };

#if VTL_LLVM_MAJOR >= 17
static enum op binop(struct lower *L, CXCursor c) {
  (void)L;
  switch (clang_getCursorBinaryOperatorKind(c)) {
  case CXBinaryOperator_Assign:
    return OP_ASSIGN;
  case CXBinaryOperator_LAnd:
    return OP_LAND;
  case CXBinaryOperator_LOr:
    return OP_LOR;
  case CXBinaryOperator_Comma:
    return OP_COMMA;
  case CXBinaryOperator_EQ:
    return OP_EQ;
  case CXBinaryOperator_NE:
    return OP_NE;
  default:
    return OP_OTHER;
  }
}

static enum op unop(struct lower *L, CXCursor c) {
  (void)L;
  switch (clang_getCursorUnaryOperatorKind(c)) {
  case CXUnaryOperator_LNot:
    return OP_NOT;
  case CXUnaryOperator_AddrOf:
    return OP_ADDROF;
  case CXUnaryOperator_Deref:
    return OP_DEREF;
  case CXUnaryOperator_PostInc:
  case CXUnaryOperator_PostDec:
  case CXUnaryOperator_PreInc:
  case CXUnaryOperator_PreDec:
    return OP_INCDEC;
  default:
    return OP_OTHER;
  }
}
#else
/* Before 17: the operator is the first punctuation token between the operands. */
static enum op tok_op(struct lower *L, CXSourceRange r) {
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(L->tu, r, &toks, &n);
  enum op result = OP_OTHER;
  for (unsigned i = 0; i < n; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
      continue;
    CXString s = clang_getTokenSpelling(L->tu, toks[i]);
    const char *t = clang_getCString(s);
    static const struct {
      const char *t;
      enum op op;
    } map[] = {{"=", OP_ASSIGN}, {"&&", OP_LAND}, {"||", OP_LOR}, {",", OP_COMMA}, {"==", OP_EQ},
               {"!=", OP_NE},    {"!", OP_NOT},   {"&", OP_ADDROF}, {"*", OP_DEREF}, {"++", OP_INCDEC},
               {"--", OP_INCDEC}};
    bool found = false;
    for (size_t k = 0; k < sizeof map / sizeof *map; k++)
      if (strcmp(t, map[k].t) == 0)
        result = map[k].op, found = true;
    clang_disposeString(s);
    if (found || strcmp(t, "(") != 0)
      break;
  }
  clang_disposeTokens(L->tu, toks, n);
  return result;
}

static enum op binop(struct lower *L, CXCursor c) {
  struct kids k = kids_of(L, c);
  if (k.n < 2)
    return OP_OTHER;
  return tok_op(L, clang_getRange(clang_getRangeEnd(clang_getCursorExtent(k.v[0])),
                                  clang_getRangeStart(clang_getCursorExtent(k.v[1]))));
}

static enum op unop(struct lower *L, CXCursor c) {
  struct kids k = kids_of(L, c);
  CXSourceRange ext = clang_getCursorExtent(c);
  if (k.n < 1)
    return OP_OTHER;
  CXSourceRange kr = clang_getCursorExtent(k.v[0]);
  if (clang_equalLocations(clang_getRangeStart(ext), clang_getRangeStart(kr)))
    return tok_op(L, clang_getRange(clang_getRangeEnd(kr), clang_getRangeEnd(ext))) == OP_INCDEC ? OP_INCDEC : OP_OTHER;
  return tok_op(L, clang_getRange(clang_getRangeStart(ext), clang_getRangeStart(kr)));
}
#endif

/* ---- cursor shapes ---- */

/* Counting a node's children without storing them: strip() asks this of every wrapper on the
 * way down, so it must not allocate. */
struct child_count {
  unsigned all, exprs;
  CXCursor last_expr;
};

static enum CXChildVisitResult count_child(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct child_count *cc = data;
  cc->all++;
  if (clang_isExpression(clang_getCursorKind(c)))
    cc->exprs++, cc->last_expr = c;
  return cc->exprs > 1 ? CXChildVisit_Break : CXChildVisit_Continue; /* two operands: no wrapper */
}

static bool is_wrapper(struct lower *L, CXCursor c, CXCursor *inner) {
  (void)L;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr &&
      k != CXCursor_CXXStaticCastExpr && k != CXCursor_CXXFunctionalCastExpr &&
      k != CXCursor_CXXConstCastExpr && k != CXCursor_CXXReinterpretCastExpr)
    return false;
  /* Casts may carry a TypeRef child before the operand; an implicit wrapper has exactly one. */
  struct child_count cc = {0, 0, {0}};
  clang_visitChildren(c, count_child, &cc);
  if (cc.exprs != 1 || (k == CXCursor_UnexposedExpr && cc.all != 1))
    return false;
  *inner = cc.last_expr;
  return true;
}

static bool is_void_cast(CXCursor c) {
  enum CXCursorKind k = clang_getCursorKind(c);
  return (k == CXCursor_CStyleCastExpr || k == CXCursor_CXXStaticCastExpr || k == CXCursor_CXXFunctionalCastExpr) &&
         clang_getCursorType(c).kind == CXType_Void;
}

static CXCursor strip(struct lower *L, CXCursor c) {
  CXCursor in;
  while (!is_void_cast(c) && is_wrapper(L, c, &in))
    c = in;
  return c;
}

static enum CXChildVisitResult count_kids(CXCursor c, CXCursor p, CXClientData d) {
  (void)c;
  (void)p;
  ++*(unsigned *)d;
  return CXChildVisit_Continue;
}

bool lower_is_default_init(CXCursor init) {
  /* `T t;` of a class type shows a constructor call with no arguments as the initialiser. */
  if (clang_getCursorKind(init) != CXCursor_CallExpr)
    return false;
  CXCursor fn = clang_getCursorReferenced(init);
  if (clang_getCursorKind(fn) != CXCursor_Constructor)
    return false;
  unsigned n = 0;
  clang_visitChildren(init, count_kids, &n);
  return n == 0;
}

static bool is_function_kind(enum CXCursorKind k) {
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
         k == CXCursor_Destructor || k == CXCursor_ConversionFunction || k == CXCursor_FunctionTemplate ||
         k == CXCursor_LambdaExpr;
}

/* ---- variables ---- */

static int32_t vmap_find(struct lower *L, CXCursor decl, bool insert, int32_t var) {
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
        vmap_find(L, old[i].decl, true, old[i].var);
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

static int32_t add_var(struct lower *L, CXCursor decl, const char *name, uint8_t flags, const struct vtype *type) {
  struct var v = {name, decl, flags, type, -1};
  vec_push(L->a, &L->g->vars, v);
  int32_t id = (int32_t)L->g->vars.n - 1;
  if (!clang_Cursor_isNull(decl))
    vmap_find(L, decl, true, id);
  return id;
}

/* is_local: a variable with automatic storage (of this or an enclosing function). */
static bool is_local(CXCursor decl) {
  enum CXCursorKind k = clang_getCursorKind(decl);
  if (k == CXCursor_ParmDecl)
    return true;
  if (k != CXCursor_VarDecl)
    return false;
  enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
  if (sc == CX_SC_Static || sc == CX_SC_Extern)
    return false;
  return is_function_kind(clang_getCursorKind(clang_getCursorSemanticParent(decl)));
}

/* var_of: the tracked variable a DeclRefExpr names. A local of an enclosing function (a
 * lambda's capture) is tracked here as an operation of unknown origin, like a parameter. */
static int32_t var_of(struct lower *L, CXCursor ref) {
  CXCursor decl = clang_getCursorReferenced(ref);
  if (clang_Cursor_isNull(decl))
    return -1;
  int32_t v = vmap_find(L, decl, false, 0);
  if (v >= 0)
    return v;
  const struct vtype *vt = is_local(decl) ? model_vtype(L->o->model, clang_getCursorType(decl)) : NULL;
  if (!vt)
    return -1;
  v = add_var(L, decl, spell(L, decl), VAR_PARAM | VAR_VTASK, vt);
  int32_t saved = L->cur;
  L->cur = L->g->entry;
  emit(L, EV_FRESH, v, -1, decl, NULL);
  L->cur = saved;
  return v;
}

static bool is_scalar(CXType t) {
  t = clang_getCanonicalType(t);
  return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Pointer || t.kind == CXType_Enum;
}

static bool is_vtask(struct lower *L, CXCursor c) { return model_is_vtask_type(L->o->model, clang_getCursorType(c)); }

static struct val var_val(int32_t v) {
  struct val r = NONE;
  r.kind = VAL_VAR;
  r.var = v;
  return r;
}

/* ---- value consumers ---- */

static int32_t temp_for(struct lower *L, const struct val *v) {
  struct strbuf sb = STRBUF_INIT;
  sb_addf(&sb, "%s(...)", v->name ? v->name : "");
  int32_t t = add_var(L, clang_getNullCursor(), arena_strdup(L->a, sb_cstr(&sb)), VAR_TEMP | VAR_VTASK,
                      model_vtype(L->o->model, clang_getCursorType(v->cur)));
  sb_release(&sb);
  emit(L, v->completed ? EV_CREATE_COMPLETED : EV_CREATE, t, -1, v->cur, v->name);
  return t;
}

/* consume: `kind` happens to the value v at cursor c. Returns the variable, or -1. */
static int32_t consume(struct lower *L, struct val v, int kind, CXCursor c, const char *name) {
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
      int32_t t = temp_for(L, &v);
      emit(L, kind, t, -1, c, name);
      return t;
    }
    return -1;
  default:
    return -1;
  }
}

/* bind: variable `var` takes the value v (initialisation or assignment). */
static void bind(struct lower *L, struct val v, int32_t var, CXCursor c) {
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

/* escape: the value goes where we cannot follow it. */
static void escape(struct lower *L, struct val v, CXCursor c) {
  if (v.kind == VAL_VAR || v.kind == VAL_MOVED)
    emit(L, EV_ESCAPE, v.var, -1, c, NULL);
}

static struct val lower_expr(struct lower *L, CXCursor c);
static void lower_stmt(struct lower *L, CXCursor c);
static void lower_cond(struct lower *L, CXCursor c, int32_t t, int32_t f);
static bool const_value(struct lower *L, CXCursor c, long long *out);
static int32_t implied_query(struct lower *L, CXCursor e);
static int32_t cond_var(struct lower *L, CXCursor lhs, bool create);

static void lower_discard(struct lower *L, CXCursor c) {
  CXCursor s = strip(L, c);
  bool voided = false;
  while (is_void_cast(s)) {
    struct kids k = kids_of(L, s);
    if (!k.n)
      return;
    s = strip(L, k.v[k.n - 1]);
    voided = true;
  }
  (void)voided;
  struct val v = lower_expr(L, s);
  if (v.kind == VAL_CREATE && !v.completed) {
    int32_t e = emit(L, EV_DISCARD, -1, -1, v.cur, v.name);
    L->g->events.v[e].type = model_vtype(L->o->model, clang_getCursorType(v.cur));
  }
}

/* ---- assignments ---- */

static void assign_to(struct lower *L, CXCursor lhs, struct val v, CXCursor at) {
  CXCursor s = strip(L, lhs);
  enum CXCursorKind k = clang_getCursorKind(s);
  if (k == CXCursor_ArraySubscriptExpr && is_vtask(L, s)) {
    /* a[i] = t: where the array lives decides (a field, a global, a local array). */
    struct kids kd = kids_of(L, s);
    if (kd.n == 2) {
      lower_expr(L, kd.v[1]);
      CXCursor base = strip(L, kd.v[0]);
      enum CXCursorKind bk = clang_getCursorKind(base);
      CXCursor decl = bk == CXCursor_DeclRefExpr ? clang_getCursorReferenced(base) : clang_getNullCursor();
      if (bk == CXCursor_MemberRefExpr || (bk == CXCursor_DeclRefExpr && !is_local(decl))) {
        lower_expr(L, base);
        int32_t e = emit(L, EV_STORE, -1, -1, at, spell(L, base));
        L->g->events.v[e].type = model_type_holds(L->o->model, clang_getCursorType(lhs));
        L->g->events.v[e].flags = bk == CXCursor_MemberRefExpr ? STORE_FIELD
                                  : clang_Cursor_getStorageClass(decl) == CX_SC_Static &&
                                          is_function_kind(clang_getCursorKind(clang_getCursorSemanticParent(decl)))
                                      ? STORE_STATIC
                                      : STORE_GLOBAL;
        escape(L, v, at);
        return;
      }
      lower_expr(L, base);
    }
    escape(L, v, at);
    return;
  }
  if (k == CXCursor_DeclRefExpr) {
    CXCursor decl = clang_getCursorReferenced(s);
    int32_t var = vmap_find(L, decl, false, 0);
    if (var < 0 && is_local(decl))
      var = var_of(L, s);
    if (var >= 0 && (L->g->vars.v[var].flags & VAR_VTASK)) {
      bind(L, v, var, at);
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
    if (is_vtask(L, s) && !is_local(decl)) {
      /* A global or a static: the value is kept beyond the operation. */
      int32_t e = emit(L, EV_STORE, -1, -1, at, spell(L, decl));
      L->g->events.v[e].type = model_type_holds(L->o->model, clang_getCursorType(lhs));
      L->g->events.v[e].flags = clang_Cursor_getStorageClass(decl) == CX_SC_Static && is_function_kind(clang_getCursorKind(clang_getCursorSemanticParent(decl))) ? STORE_STATIC : STORE_GLOBAL;
      escape(L, v, at);
      return;
    }
    escape(L, v, at);
    return;
  }
  if (k == CXCursor_MemberRefExpr && is_vtask(L, s)) {
    struct kids kd = kids_of(L, s);
    for (unsigned i = 0; i < kd.n; i++)
      if (clang_isExpression(clang_getCursorKind(kd.v[i])))
        lower_expr(L, kd.v[i]);
    int32_t e = emit(L, EV_STORE, -1, -1, at, spell(L, s));
    L->g->events.v[e].type = model_type_holds(L->o->model, clang_getCursorType(lhs));
    L->g->events.v[e].flags = STORE_FIELD;
    escape(L, v, at);
    return;
  }
  lower_expr(L, s);
  escape(L, v, at);
}

/* ---- calls ---- */

static bool refers_to(struct lower *L, CXCursor c, CXCursor fn) {
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr && k != CXCursor_OverloadedDeclRef)
    return false;
  (void)L;
  return clang_equalCursors(clang_getCursorReferenced(c), fn);
}

static struct val lower_call(struct lower *L, CXCursor c, int32_t *query_var);

/* pointee_var: the tracked variable a pointer expression designates: &t (through casts), or a
 * local pointer initialised with &t. -1 when it is anything else. */
static int32_t pointee_var(struct lower *L, CXCursor e) {
  CXCursor s = strip(L, e);
  enum CXCursorKind k = clang_getCursorKind(s);
  if (k == CXCursor_UnaryOperator && unop(L, s) == OP_ADDROF) {
    struct kids kd = kids_of(L, s);
    if (kd.n != 1)
      return -1;
    CXCursor in = strip(L, kd.v[0]);
    if (clang_getCursorKind(in) != CXCursor_DeclRefExpr)
      return -1;
    int32_t v = var_of(L, in);
    return v >= 0 && (L->g->vars.v[v].flags & VAR_VTASK) ? v : -1;
  }
  if (k == CXCursor_DeclRefExpr) {
    int32_t p = vmap_find(L, clang_getCursorReferenced(s), false, 0);
    if (p >= 0 && (L->g->vars.v[p].flags & VAR_PTR))
      return L->g->vars.v[p].target;
  }
  return -1;
}

/* pass_arg: what passing value v to parameter type pt does to it. */
static void pass_arg(struct lower *L, struct val v, CXType pt, CXCursor at, const char *callee) {
  if (v.kind != VAL_VAR && v.kind != VAL_MOVED)
    return;
  switch (pt.kind) {
  case CXType_LValueReference:
    if (clang_isConstQualifiedType(clang_getPointeeType(pt)))
      emit(L, EV_USE, v.var, -1, at, callee);
    else
      emit(L, EV_ESCAPE, v.var, -1, at, callee);
    return;
  case CXType_RValueReference:
    /* A `T&&` parameter may or may not move from it; std::move says the caller gave it up. */
    emit(L, v.kind == VAL_MOVED ? EV_TRANSFER : EV_ESCAPE, v.var, -1, at, callee);
    return;
  default: {
    /* pthread_t and the like are plain values: passing one on is not giving it away. */
    const struct vtype *vt = L->g->vars.v[v.var].type;
    int k = v.kind == VAL_MOVED ? EV_TRANSFER : (vt && vt->plain_handle) ? EV_USE : EV_PASS;
    emit(L, k, v.var, -1, at, callee);
    return;
  }
  }
}

static void apply_summary(struct lower *L, uint8_t role, struct val v, CXCursor at, const char *callee,
                          int32_t *query_var) {
  int32_t var;
  switch (role) {
  case SUM_AWAIT:
    consume(L, v, EV_AWAIT, at, callee);
    break;
  case SUM_GET_RESULT:
    consume(L, v, EV_GET_RESULT, at, callee);
    break;
  case SUM_QUERY:
  case SUM_QUERY_NOT:
    var = consume(L, v, EV_QUERY, at, callee);
    if (query_var)
      *query_var = var;
    L->query_neg = role == SUM_QUERY_NOT;
    break;
  case SUM_ESCAPE:
    escape(L, v, at);
    break;
  case SUM_USE:
    consume(L, v, EV_USE, at, callee);
    break;
  default:
    break;
  }
}

/* zero_duration: the argument is a zero timeout: 0s, 0ms, std::chrono::seconds(0), {0}. */
static bool zero_duration(struct lower *L, CXCursor arg) {
  CXToken *toks = NULL;
  unsigned n = 0, literals = 0;
  bool zero = true;
  clang_tokenize(L->tu, clang_getCursorExtent(arg), &toks, &n);
  for (unsigned i = 0; i < n; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Literal)
      continue;
    literals++;
    CXString s = clang_getTokenSpelling(L->tu, toks[i]);
    const char *t = clang_getCString(s);
    size_t digits = strspn(t, "0");
    zero = zero && digits > 0 && strspn(t + digits, "abcdefghijklmnopqrstuvwxyz_") == strlen(t + digits);
    clang_disposeString(s);
  }
  clang_disposeTokens(L->tu, toks, n);
  return literals == 1 && zero;
}

/* member_name: a dependent member expression has no spelling: its last identifier token is
 * the member (t.get_result). */
static const char *member_name(struct lower *L, CXCursor m) {
  char *name = spell(L, m);
  if (*name)
    return name;
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(L->tu, clang_getCursorExtent(m), &toks, &n);
  for (unsigned i = n; i-- > 0;)
    if (clang_getTokenKind(toks[i]) == CXToken_Identifier) {
      CXString s = clang_getTokenSpelling(L->tu, toks[i]);
      name = arena_strdup(L->a, clang_getCString(s));
      clang_disposeString(s);
      break;
    }
  clang_disposeTokens(L->tu, toks, n);
  return name;
}

static struct val lower_call(struct lower *L, CXCursor c, int32_t *query_var) {
  L->live_var = -1;
  CXCursor fn = clang_getCursorReferenced(c);
  bool have_fn = !clang_Cursor_isNull(fn) && is_function_kind(clang_getCursorKind(fn));
  const struct callee_info *ci = have_fn ? model_callee(L->o->model, fn) : NULL;
  struct kids kd = kids_of(L, c);
  CXCursor object = clang_getNullCursor();
  bool have_object = false, callee_seen = false, operator_call = false;
  CXCursor *args = ARENA_ARRAY(L->a, CXCursor, kd.n + 1);
  unsigned nargs = 0;
  for (unsigned i = 0; i < kd.n; i++) {
    CXCursor k = kd.v[i];
    if (!clang_isExpression(clang_getCursorKind(k)))
      continue;
    CXCursor s = strip(L, k);
    if (!callee_seen && have_fn && refers_to(L, s, fn)) {
      callee_seen = true;
      if (clang_getCursorKind(s) == CXCursor_MemberRefExpr) {
        struct kids mk = kids_of(L, s);
        for (unsigned j = 0; j < mk.n; j++)
          if (clang_isExpression(clang_getCursorKind(mk.v[j])))
            object = mk.v[j], have_object = true;
      } else if (i > 0) {
        operator_call = true; /* `a op b`: the callee sits between the operands */
      }
      continue;
    }
    if (!callee_seen && !have_fn && i == 0) {
      callee_seen = true;
      if (clang_getCursorKind(s) == CXCursor_MemberRefExpr) {
        /* A member call that depends on a template parameter (t.get_result() on a
         * vt::vtask<T>): no declaration to ask, but the member's name and the object's
         * tracked type still say what it does. */
        struct kids mk = kids_of(L, s);
        for (unsigned j = 0; j < mk.n; j++)
          if (clang_isExpression(clang_getCursorKind(mk.v[j])))
            object = mk.v[j], have_object = true;
        if (have_object) {
          CXCursor os = strip(L, object);
          int32_t ovar = clang_getCursorKind(os) == CXCursor_DeclRefExpr ? var_of(L, os) : -1;
          if (ovar >= 0 && L->g->vars.v[ovar].type)
            ci = model_method_named(L->o->model, L->g->vars.v[ovar].type, member_name(L, s));
        }
        continue;
      }
      lower_expr(L, k); /* a call through a function pointer */
      continue;
    }
    args[nargs++] = k;
  }
  /* A member operator called as `a op b` or `op a`: the first operand is the object. */
  if (have_fn && clang_getCursorKind(fn) == CXCursor_CXXMethod && !have_object && nargs > 0) {
    if (operator_call || strncmp(ci->name, "operator", 8) == 0) { /* the model's interned name */
      object = args[0];
      have_object = true;
      memmove(args, args + 1, sizeof *args * --nargs);
    }
  }
  const char *name = ci ? ci->name : NULL;

  /* Assignment to a vtask object in C++ is operator= on it. */
  if (have_fn && have_object && name && strcmp(name, "operator=") == 0 && is_vtask(L, object) && nargs == 1) {
    struct val rv = lower_expr(L, args[0]);
    assign_to(L, object, rv, c);
    return NONE;
  }

  /* Copy and move construction of a vtask pass the operation through. */
  if (have_fn && clang_getCursorKind(fn) == CXCursor_Constructor && is_vtask(L, c)) {
    if (nargs == 1 && is_vtask(L, args[0]))
      return lower_expr(L, args[0]);
    for (unsigned i = 0; i < nargs; i++)
      escape(L, lower_expr(L, args[i]), c);
    return nargs ? (struct val){VAL_UNKNOWN, false, -1, {0}, NULL} : NONE;
  }

  /* A method's role comes from the object's type (the method may live in a base class). */
  if (have_fn && have_object &&
      (clang_getCursorKind(fn) == CXCursor_CXXMethod || clang_getCursorKind(fn) == CXCursor_ConversionFunction)) {
    /* through the implicit derived-to-base cast of a base-class method (future::valid) */
    const struct vtype *ovt = model_vtype(L->o->model, clang_getCursorType(strip(L, object)));
    if (ovt)
      ci = model_method(L->o->model, ovt, fn);
  }
  struct val ov = NONE;
  if (have_object)
    ov = lower_expr(L, object);
  /* A method called on a proxy of the operation (libcoro: t.promise().result()). */
  if (have_fn && have_object && ov.kind == VAL_VAR && L->g->vars.v[ov.var].type &&
      !model_vtype(L->o->model, clang_getCursorType(strip(L, object))) &&
      (clang_getCursorKind(fn) == CXCursor_CXXMethod || clang_getCursorKind(fn) == CXCursor_ConversionFunction))
    ci = model_method(L->o->model, L->g->vars.v[ov.var].type, fn);
  struct val *av = ARENA_ARRAY(L->a, struct val, nargs + 1);
  for (unsigned i = 0; i < nargs; i++) {
    /* A profile's create or consume through a pointer (pthread_create(&t), uv_close(&h)):
     * the address taken there is the call's business, not an escape. */
    if (ci && ci->by_pointer && (int)i == ci->arg) {
      int32_t pv = pointee_var(L, args[i]);
      av[i] = pv >= 0 ? var_val(pv) : NONE;
      if (pv < 0)
        lower_expr(L, args[i]);
      continue;
    }
    av[i] = lower_expr(L, args[i]);
  }

  if (ci && ci->role == ROLE_MOVE) {
    if (nargs >= 1 && av[0].kind == VAL_VAR) {
      av[0].kind = VAL_MOVED;
      return av[0];
    }
    return nargs >= 1 ? av[0] : NONE;
  }

  /* f.wait_for(0s) == std::future_status::ready polls: a completion query, not a wait. */
  if (ci && ci->role == ROLE_WAIT && !ci->consumes && nargs >= 1 && strcmp(ci->name, "wait_for") == 0 &&
      zero_duration(L, args[0])) {
    struct callee_info *q = ARENA_NEW(L->a, struct callee_info);
    *q = *ci;
    q->role = ROLE_NONE;
    q->wait = false;
    ci = q;
  }

  int role_arg = -2; /* which operand the role applies to; -2 none */
  if (ci && ci->role != ROLE_NONE && ci->role != ROLE_CREATE && ci->role != ROLE_CREATE_COMPLETED)
    role_arg = ci->arg;
  if (role_arg >= (int)nargs)
    role_arg = -2;
  if (role_arg == -1 && !have_object)
    role_arg = -2;

  L->live_var = -1;
  if (role_arg != -2) {
    struct val tv = role_arg == -1 ? ov : av[role_arg];
    int32_t tvar = tv.kind == VAL_VAR || tv.kind == VAL_MOVED ? tv.var : -1;
    switch (ci->role) {
    case ROLE_AWAIT:
    case ROLE_GET_RESULT:
    case ROLE_QUERY:
    case ROLE_TRANSFER: {
      static const int ev_of[] = {[ROLE_AWAIT] = EV_AWAIT, [ROLE_GET_RESULT] = EV_GET_RESULT,
                                  [ROLE_QUERY] = EV_QUERY, [ROLE_TRANSFER] = EV_TRANSFER};
      int32_t var = consume(L, tv, ev_of[ci->role], c, name);
      if (ci->role == ROLE_QUERY && query_var)
        *query_var = var;
      break;
    }
    case ROLE_WAIT:
      /* Blocks until done (so completed afterwards); future::get also consumes. */
      emit(L, EV_WAIT, tvar, -1, c, name);
      if (ci->consumes)
        consume(L, tv, EV_AWAIT, c, name);
      break;
    case ROLE_LIVENESS:
    case ROLE_CLOSED_QUERY:
      /* Not a use: asking whether it may still be consumed is always allowed. */
      L->live_var = tvar;
      L->live_neg = ci->role == ROLE_CLOSED_QUERY;
      break;
    case ROLE_CREATE_OUT:
      if (tvar >= 0)
        emit(L, EV_CREATE, tvar, -1, c, name);
      break;
    case ROLE_PROXY:
      if (tvar >= 0)
        return var_val(tvar);
      break;
    default:
      break;
    }
  }

  /* Summaries of callees defined in this unit replace the by-value default. */
  const struct summary *sum = NULL;
  if (have_fn && L->o->summaries && role_arg == -2) {
    CXCursor def = clang_getCursorDefinition(fn);
    if (!clang_Cursor_isNull(def) && !clang_equalCursors(def, L->fn))
      sum = L->o->summaries->get(L->o->summaries->self, def);
  }

  CXType ft = have_fn ? clang_getCursorType(fn) : (CXType){CXType_Invalid, {0, 0}};
  int nparams = have_fn ? clang_getNumArgTypes(ft) : -1;
  for (unsigned i = 0; i < nargs; i++) {
    if ((int)i == role_arg)
      continue;
    if (sum && i < sum->nparams && sum->role[i] != SUM_NONE && (av[i].kind == VAL_VAR || av[i].kind == VAL_MOVED || av[i].kind == VAL_CREATE)) {
      apply_summary(L, sum->role[i], av[i], c, name, query_var);
      continue;
    }
    if (sum && i < sum->nparams && sum->role[i] == SUM_NONE && av[i].kind == VAL_VAR) {
      emit(L, EV_USE, av[i].var, -1, c, name);
      continue;
    }
    CXType pt = (nparams >= 0 && (int)i < nparams) ? clang_getArgType(ft, i) : (CXType){CXType_Invalid, {0, 0}};
    pass_arg(L, av[i], pt, c, name);
  }
  if (have_object && role_arg != -1 && (ov.kind == VAL_VAR || ov.kind == VAL_MOVED) && is_vtask(L, object)) {
    /* Another member of the vtask: a use (an rvalue-qualified one on a moved value consumes). */
    emit(L, ov.kind == VAL_MOVED ? EV_TRANSFER : EV_USE, ov.var, -1, c, name);
  }
  if (ci && ci->wait && (role_arg == -2 || ci->role != ROLE_WAIT))
    emit(L, EV_WAIT, -1, -1, c, name);

  struct val result = NONE;
  if (ci && ci->role == ROLE_CREATE_COMPLETED) {
    result.kind = VAL_CREATE;
    result.completed = true;
    result.cur = c;
    result.name = name;
  } else if (is_vtask(L, c)) {
    /* through typedefs: std::vector::emplace_back returns `reference` */
    CXType rt = have_fn ? clang_getCanonicalType(clang_getResultType(ft)) : (CXType){CXType_Invalid, {0, 0}};
    if (rt.kind == CXType_LValueReference || rt.kind == CXType_RValueReference) {
      result.kind = VAL_UNKNOWN;
    } else {
      result.kind = VAL_CREATE;
      result.cur = c;
      result.name = name ? name : "";
    }
  }
  if (ci && ci->noreturn)
    jump(L, -1);
  return result;
}

/* ---- lambdas ---- */

struct capture_scan {
  struct lower *L;
  bool *copied; /* per var: captured by copy (has an init expression) */
};

static enum CXChildVisitResult scan_refs(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct capture_scan *cs = data;
  if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
    int32_t v = vmap_find(cs->L, clang_getCursorReferenced(c), false, 0);
    if (v >= 0 && !cs->copied[v] && (cs->L->g->vars.v[v].flags & (VAR_VTASK | VAR_FLAG)))
      emit(cs->L, EV_ESCAPE, v, -1, c, NULL), cs->copied[v] = true;
  }
  return CXChildVisit_Recurse;
}

/* A lambda's body is a function of its own (the caller analyses it); here only the captures
 * matter: by copy is a use at the capture, an init-capture of std::move(t) a transfer, and
 * anything captured by reference escapes. */
static void lower_lambda(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  bool *copied = ARENA_ARRAY(L->a, bool, L->g->vars.n + 1);
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
      copied[v.var] = true;
    } else if (v.kind == VAL_MOVED) {
      emit(L, EV_TRANSFER, v.var, -1, k, NULL);
      copied[v.var] = true;
    }
  }
  /* Explicit captures without an initialiser of their own are by reference. */
  for (unsigned i = 0; i < kd.n; i++) {
    if (clang_getCursorKind(kd.v[i]) != CXCursor_VariableRef)
      continue;
    int32_t v = vmap_find(L, clang_getCursorReferenced(kd.v[i]), false, 0);
    if (v >= 0 && (size_t)v < L->g->vars.n && !copied[v]) {
      emit(L, EV_ESCAPE, v, -1, kd.v[i], NULL);
      copied[v] = true;
    }
  }
  /* Implicit captures ([&], [=] of what the body names): whatever is left is by reference. */
  if (!clang_Cursor_isNull(body)) {
    struct capture_scan cs = {L, copied};
    clang_visitChildren(body, scan_refs, &cs);
  }
  if (L->o->on_lambda)
    L->o->on_lambda(L->o->self, c);
}

/* ---- expressions ---- */

static struct val lower_binary_chain(struct lower *L, CXCursor c);

static struct val lower_conditional(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  if (kd.n != 3) {
    for (unsigned i = 0; i < kd.n; i++)
      lower_expr(L, kd.v[i]);
    return NONE;
  }
  int32_t t = new_block(L), f = new_block(L), j = new_block(L);
  lower_cond(L, kd.v[0], t, f);
  bool vt = is_vtask(L, c);
  int32_t tmp = vt ? add_var(L, clang_getNullCursor(), "?:", VAR_TEMP | VAR_VTASK, model_vtype(L->o->model, clang_getCursorType(c))) : -1;
  L->cur = t;
  struct val a = lower_expr(L, kd.v[1]);
  if (vt)
    bind(L, a, tmp, kd.v[1]);
  goto_block(L, j);
  L->cur = f;
  struct val b = lower_expr(L, kd.v[2]);
  if (vt)
    bind(L, b, tmp, kd.v[2]);
  goto_block(L, j);
  return vt ? var_val(tmp) : NONE;
}

static struct val lower_stmt_expr(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  if (kd.n != 1 || clang_getCursorKind(kd.v[0]) != CXCursor_CompoundStmt)
    return NONE;
  struct kids body = kids_of(L, kd.v[0]);
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

static struct val lower_expr(struct lower *L, CXCursor c) {
  if (L->g->too_deep)
    return NONE;
  if (++L->depth > L->max_depth) {
    L->g->too_deep = true;
    L->depth--;
    return NONE;
  }
  struct val r = NONE;
  CXCursor in;
  enum CXCursorKind k = clang_getCursorKind(c);
  switch (k) {
  case CXCursor_DeclRefExpr: {
    int32_t v = var_of(L, c);
    if (v >= 0 && (L->g->vars.v[v].flags & VAR_VTASK))
      r = var_val(v);
    else if (v < 0 && is_vtask(L, c))
      r.kind = VAL_UNKNOWN;
    break;
  }
  case CXCursor_MemberRefExpr: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++)
      if (clang_isExpression(clang_getCursorKind(kd.v[i]))) {
        struct val b = lower_expr(L, kd.v[i]);
        if (b.kind == VAL_VAR) /* t.token: reading a field of the vtask itself */
          emit(L, EV_USE, b.var, -1, c, NULL);
      }
    if (is_vtask(L, c))
      r.kind = VAL_UNKNOWN;
    break;
  }
  case CXCursor_CallExpr:
    r = lower_call(L, c, NULL);
    break;
  case CXCursor_BinaryOperator: {
    enum op op = binop(L, c);
    if (op == OP_ASSIGN) {
      struct kids kd = kids_of(L, c);
      long long cval;
      /* Any assignment to a local scalar is recorded: a later condition may test it. */
      int32_t cv = kd.n == 2 && !is_vtask(L, kd.v[1]) ? cond_var(L, kd.v[0], true) : -1;
      if (cv >= 0) {
        /* A condition variable: a constant sets it, a query makes it a flag, anything else
         * makes it unknown. */
        if (const_value(L, strip(L, kd.v[1]), &cval)) {
          emit_cond_set(L, cv, cval, c);
        } else {
          lower_expr(L, kd.v[1]);
          int32_t qv = implied_query(L, kd.v[1]);
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
        break;
      }
      if (kd.n == 2) {
        struct val rv = lower_expr(L, kd.v[1]);
        assign_to(L, kd.v[0], rv, c);
        /* The value of `t = read_async(fd)` is t: vtask_await(t = ...), x = y = ... */
        CXCursor lhs = strip(L, kd.v[0]);
        if (clang_getCursorKind(lhs) == CXCursor_DeclRefExpr) {
          int32_t lv = vmap_find(L, clang_getCursorReferenced(lhs), false, 0);
          if (lv >= 0 && (L->g->vars.v[lv].flags & VAR_VTASK))
            r = var_val(lv);
        }
      }
    } else if (op == OP_LAND || op == OP_LOR) {
      int32_t j = new_block(L);
      lower_cond(L, c, j, j);
      L->cur = j;
    } else {
      r = lower_binary_chain(L, c);
    }
    break;
  }
  case CXCursor_CompoundAssignOperator: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++) {
      CXCursor s = strip(L, kd.v[i]);
      int32_t v = clang_getCursorKind(s) == CXCursor_DeclRefExpr ? vmap_find(L, clang_getCursorReferenced(s), false, 0) : -1;
      if (i == 0 && v >= 0 && (L->g->vars.v[v].flags & (VAR_FLAG | VAR_COND)))
        emit(L, (L->g->vars.v[v].flags & VAR_FLAG) ? EV_FLAG_CLEAR : EV_COND_KILL, v, -1, c, NULL);
      else
        lower_expr(L, kd.v[i]);
    }
    break;
  }
  case CXCursor_UnaryOperator: {
    struct kids kd = kids_of(L, c);
    if (kd.n != 1)
      break;
    enum op op = unop(L, c);
    CXCursor s = strip(L, kd.v[0]);
    if (op == OP_ADDROF || op == OP_INCDEC) {
      if (clang_getCursorKind(s) == CXCursor_DeclRefExpr) {
        int32_t v = var_of(L, s);
        if (v < 0)
          v = vmap_find(L, clang_getCursorReferenced(s), false, 0);
        if (v >= 0 && op == OP_ADDROF && L->g->vars.v[v].type && L->g->vars.v[v].type->by_address)
          break; /* libuv handles live at their address: &h is how they are used */
        if (v >= 0) {
          uint8_t fl = L->g->vars.v[v].flags;
          emit(L, (fl & VAR_FLAG) ? EV_FLAG_CLEAR : (fl & VAR_COND) ? EV_COND_KILL : EV_ESCAPE, v, -1, c, NULL);
          break;
        }
      }
      struct val v = lower_expr(L, s);
      escape(L, v, c);
    } else if (op == OP_NOT) {
      int32_t j = new_block(L);
      lower_cond(L, kd.v[0], j, j);
      L->cur = j;
    } else {
      struct val v = lower_expr(L, kd.v[0]);
      if (op == OP_DEREF && is_vtask(L, c))
        r.kind = VAL_UNKNOWN;
      (void)v;
    }
    break;
  }
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
  case CXCursor_InitListExpr: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++)
      if (clang_isExpression(clang_getCursorKind(kd.v[i])))
        escape(L, lower_expr(L, kd.v[i]), kd.v[i]);
    break;
  }
  case CXCursor_CXXThrowExpr: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++)
      escape(L, lower_expr(L, kd.v[i]), c);
    int32_t saved_cur = L->cur;
    for (struct try_ctx *t = L->tr; t; t = t->outer) {
      for (size_t h = 0; h < t->handlers.n; h++)
        cfg_edge(L->g, saved_cur, t->handlers.v[h], REF_NONE, -1, -1);
      break;
    }
    jump(L, -1);
    break;
  }
  case CXCursor_UnexposedExpr: {
    struct kids kd = kids_of(L, c);
    if (kd.n == 1) {
      r = lower_expr(L, kd.v[0]);
      break;
    }
    if (kd.n >= 2 && first_token_is(L, c, "co_await")) {
      /* CoawaitExpr: operand, common expression and the three await_* calls; only the
       * operand is the user's (libclang.md section 4.2). In a template, the dependent form
       * has the operand and the unresolved operator co_await. */
      L->g->is_coroutine = true;
      struct val v = lower_expr(L, kd.v[0]);
      consume(L, v, EV_AWAIT, c, NULL);
      break;
    }
    if (kd.n >= 2 && first_token_is(L, c, "co_yield")) {
      L->g->is_coroutine = true;
      struct val v = lower_expr(L, kd.v[0]);
      consume(L, v, EV_TRANSFER, c, NULL);
      break;
    }
    for (unsigned i = 0; i < kd.n; i++)
      if (clang_isExpression(clang_getCursorKind(kd.v[i])))
        escape(L, lower_expr(L, kd.v[i]), c);
    break;
  }
  default:
    if (is_wrapper(L, c, &in)) {
      if (is_void_cast(c)) {
        lower_expr(L, in);
        break;
      }
      r = lower_expr(L, in);
      break;
    }
    {
      struct kids kd = kids_of(L, c);
      for (unsigned i = 0; i < kd.n; i++) {
        enum CXCursorKind kk = clang_getCursorKind(kd.v[i]);
        if (clang_isExpression(kk))
          escape(L, lower_expr(L, kd.v[i]), c);
        else if (clang_isStatement(kk))
          lower_stmt(L, kd.v[i]);
      }
      if (k != CXCursor_ArraySubscriptExpr && k != CXCursor_CompoundLiteralExpr)
        break;
      if (is_vtask(L, c))
        r.kind = VAL_UNKNOWN;
    }
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
    struct kids kd = kids_of(L, cur);
    if (kd.n != 2)
      break;
    CXCursor lhs = strip(L, kd.v[0]);
    if (clang_getCursorKind(lhs) != CXCursor_BinaryOperator)
      break;
    enum op op = binop(L, lhs);
    if (op == OP_ASSIGN || op == OP_LAND || op == OP_LOR)
      break;
    cur = lhs;
  }
  struct val last = NONE;
  for (size_t i = spine.n; i-- > 0;) {
    struct kids kd = kids_of(L, spine.v[i]);
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
  return binop(L, c) == OP_COMMA ? last : NONE;
}

/* ---- conditions ---- */

static bool const_value(struct lower *L, CXCursor c, long long *out) {
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_StringLiteral) { /* assert(!"unreachable"): a string is a true pointer */
    *out = 1;
    return true;
  }
  if (k == CXCursor_DeclRefExpr) { /* an enumerator: `s = ST_READ;`, `case ST_IDLE:` */
    CXCursor d = clang_getCursorReferenced(c);
    if (clang_getCursorKind(d) != CXCursor_EnumConstantDecl)
      return false;
    *out = clang_getEnumConstantDeclValue(d);
    return true;
  }
  if (k != CXCursor_IntegerLiteral && k != CXCursor_CXXBoolLiteralExpr && k != CXCursor_CharacterLiteral)
    return false;
  (void)L;
  CXEvalResult r = clang_Cursor_Evaluate(c);
  if (!r)
    return false;
  bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
  if (ok)
    *out = clang_EvalResult_getAsLongLong(r);
  clang_EvalResult_dispose(r);
  return ok;
}

static void branch(struct lower *L, int32_t t, int32_t f, uint8_t rt, uint8_t rf, int32_t var, int32_t ev) {
  cfg_edge(L->g, L->cur, t, rt, var, ev);
  cfg_edge(L->g, L->cur, f, rf, var, ev);
  L->cur = new_block(L);
}

/* lower_cond: evaluates condition c, continuing at t when true and at f when false, with the
 * completion facts each edge proves. */
static void lower_cond(struct lower *L, CXCursor c, int32_t t, int32_t f) {
  if (L->g->too_deep)
    return;
  if (++L->depth > L->max_depth) {
    L->g->too_deep = true;
    L->depth--;
    return;
  }
  c = strip(L, c);
  enum CXCursorKind k = clang_getCursorKind(c);
  long long cv;
  if (const_value(L, c, &cv)) {
    jump(L, cv ? t : f);
  } else if (k == CXCursor_UnaryOperator && unop(L, c) == OP_NOT) {
    struct kids kd = kids_of(L, c);
    if (kd.n == 1)
      lower_cond(L, kd.v[0], f, t);
    else
      branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
  } else if (k == CXCursor_BinaryOperator) {
    enum op op = binop(L, c);
    struct kids kd = kids_of(L, c);
    if ((op == OP_LAND || op == OP_LOR) && kd.n == 2) {
      /* Iterative over the left spine of a chain of the same operator. */
      VEC(CXCursor) rhs = {0};
      CXCursor cur = c;
      for (;;) {
        struct kids ck = kids_of(L, cur);
        vec_push(L->a, &rhs, ck.v[1]);
        CXCursor lhs = strip(L, ck.v[0]);
        if (clang_getCursorKind(lhs) == CXCursor_BinaryOperator && binop(L, lhs) == op &&
            kids_of(L, lhs).n == 2) {
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
    } else if ((op == OP_EQ || op == OP_NE) && kd.n == 2) {
      long long v;
      CXCursor a = strip(L, kd.v[0]), b = strip(L, kd.v[1]);
      if (const_value(L, b, &v) || const_value(L, a, &v)) {
        CXCursor e = const_value(L, b, &v) ? a : b;
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
      } else {
        lower_expr(L, c);
        branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
      }
    } else if (op == OP_COMMA && kd.n == 2) {
      lower_discard(L, kd.v[0]);
      lower_cond(L, kd.v[1], t, f);
    } else {
      lower_expr(L, c);
      branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
    }
  } else if (k == CXCursor_ConditionalOperator) {
    struct kids kd = kids_of(L, c);
    if (kd.n == 3) {
      int32_t a = new_block(L), b = new_block(L);
      lower_cond(L, kd.v[0], a, b);
      L->cur = a;
      lower_cond(L, kd.v[1], t, f);
      L->cur = b;
      lower_cond(L, kd.v[2], t, f);
    } else {
      lower_expr(L, c);
      branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
    }
  } else if (k == CXCursor_CallExpr) {
    CXCursor fn = clang_getCursorReferenced(c);
    struct kids kd = kids_of(L, c);
    bool expect = false;
    if (!clang_Cursor_isNull(fn) && kd.n >= 2) {
      CXString s = clang_getCursorSpelling(fn);
      expect = strcmp(clang_getCString(s), "__builtin_expect") == 0;
      clang_disposeString(s);
    }
    if (expect) { /* likely()/unlikely(): the condition is the first argument */
      lower_cond(L, kd.v[1], t, f);
    } else {
      int32_t qv = -1;
      size_t before = L->g->events.n;
      L->query_neg = false;
      lower_call(L, c, &qv);
      int32_t qev = L->g->events.n > before ? (int32_t)L->g->events.n - 1 : -1;
      if (L->live_var >= 0 && L->live_neg)
        branch(L, t, f, REF_NONE, REF_LIVE, L->live_var, -1);
      else if (L->live_var >= 0)
        branch(L, t, f, REF_LIVE, REF_NONE, L->live_var, -1);
      else if (qv >= 0 && L->query_neg)
        branch(L, t, f, REF_NOT_COMPLETED, REF_COMPLETED, qv, qev);
      else if (qv >= 0)
        branch(L, t, f, REF_COMPLETED, REF_NOT_COMPLETED, qv, qev);
      else
        branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
    }
  } else if (k == CXCursor_DeclRefExpr) {
    CXCursor decl = clang_getCursorReferenced(c);
    int32_t v = vmap_find(L, decl, false, 0);
    if (v >= 0 && (L->g->vars.v[v].flags & VAR_FLAG)) {
      branch(L, t, f, REF_FLAG_TRUE, REF_FLAG_FALSE, v, -1);
    } else if (v >= 0 && (L->g->vars.v[v].flags & VAR_COND)) {
      branch(L, t, f, REF_COND_TRUE, REF_COND_FALSE, v, -1);
    } else if (v < 0 && is_local(decl) && is_scalar(clang_getCursorType(decl))) {
      /* `if (c)` on a plain local: later `if (!c)` knows which branch ran (correlated
       * conditions, the false positive clang-tidy documents for use-after-move). */
      v = add_var(L, decl, spell(L, decl), VAR_COND, NULL);
      branch(L, t, f, REF_COND_TRUE, REF_COND_FALSE, v, -1);
    } else {
      lower_expr(L, c);
      branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
    }
  } else {
    lower_expr(L, c);
    branch(L, t, f, REF_NONE, REF_NONE, -1, -1);
  }
  L->depth--;
}

/* ---- statements ---- */

/* cond_var: the condition variable a plain local scalar names (registering it when create). */
static int32_t cond_var(struct lower *L, CXCursor lhs, bool create) {
  CXCursor s = strip(L, lhs);
  if (clang_getCursorKind(s) != CXCursor_DeclRefExpr)
    return -1;
  CXCursor decl = clang_getCursorReferenced(s);
  int32_t v = vmap_find(L, decl, false, 0);
  if (v >= 0)
    return (L->g->vars.v[v].flags & VAR_COND) ? v : -1;
  if (!create || !is_local(decl) || !is_scalar(clang_getCursorType(decl)))
    return -1;
  return add_var(L, decl, spell(L, decl), VAR_COND, NULL);
}

/* implied_query: the vtask whose completion expression e proves when it is true: a query call
 * (library, annotated, or a same-unit helper that is one), `a || b` when both prove the same,
 * `a && b` when either does, a flag variable; -1 when it proves nothing. Syntactic: the events
 * of e are lowered separately. */
static int32_t implied_query(struct lower *L, CXCursor e) {
  for (int depth = 0; depth < 64; depth++) {
    e = strip(L, e);
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k == CXCursor_DeclRefExpr) {
      int32_t v = vmap_find(L, clang_getCursorReferenced(e), false, 0);
      return v >= 0 && (L->g->vars.v[v].flags & VAR_FLAG) ? L->g->vars.v[v].target : -1;
    }
    if (k == CXCursor_BinaryOperator) {
      struct kids kd = kids_of(L, e);
      if (kd.n != 2)
        return -1;
      enum op op = binop(L, e);
      if (op == OP_LOR) {
        int32_t a = implied_query(L, kd.v[0]), b = implied_query(L, kd.v[1]);
        return a >= 0 && a == b ? a : -1;
      }
      if (op == OP_LAND) {
        int32_t a = implied_query(L, kd.v[0]);
        return a >= 0 ? a : implied_query(L, kd.v[1]);
      }
      long long cv;
      if ((op == OP_EQ || op == OP_NE) && const_value(L, strip(L, kd.v[1]), &cv) && ((op == OP_EQ) == (cv != 0))) {
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
    struct kids kd = kids_of(L, e);
    /* the tracked operand: the object of a member call, or an argument */
    const struct callee_info *ci = model_callee(L->o->model, fn);
    int32_t found = -1;
    unsigned argi = 0;
    for (unsigned i = 0; i < kd.n; i++) {
      CXCursor s = strip(L, kd.v[i]);
      enum CXCursorKind sk = clang_getCursorKind(s);
      if (sk == CXCursor_MemberRefExpr && clang_equalCursors(clang_getCursorReferenced(s), fn)) {
        struct kids mk = kids_of(L, s);
        CXCursor obj = mk.n ? strip(L, mk.v[mk.n - 1]) : clang_getNullCursor();
        int32_t ov = !clang_Cursor_isNull(obj) && clang_getCursorKind(obj) == CXCursor_DeclRefExpr
                         ? vmap_find(L, clang_getCursorReferenced(obj), false, 0)
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
      int32_t av = sk == CXCursor_DeclRefExpr ? vmap_find(L, clang_getCursorReferenced(s), false, 0) : -1;
      bool is_arg_q = ci->role == ROLE_QUERY && ci->arg == (int)argi;
      if (!is_arg_q && L->o->summaries && av >= 0) {
        CXCursor def = clang_getCursorDefinition(fn);
        const struct summary *sum = clang_Cursor_isNull(def) || clang_equalCursors(def, L->fn)
                                        ? NULL
                                        : L->o->summaries->get(L->o->summaries->self, def);
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

static void lower_vardecl(struct lower *L, CXCursor d) {
  struct kids kd = kids_of(L, d);
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
        int32_t e = emit(L, EV_STORE, -1, -1, d, spell(L, d));
        L->g->events.v[e].type = model_type_holds(L->o->model, clang_getCursorType(d));
        L->g->events.v[e].flags = sc == CX_SC_Static ? STORE_STATIC : STORE_GLOBAL;
        escape(L, v, d);
      }
    }
    return;
  }
  if (vt) {
    int32_t var = add_var(L, d, spell(L, d), VAR_VTASK, model_vtype(L->o->model, ty));
    struct val v = clang_Cursor_isNull(init) ? NONE : lower_expr(L, init);
    if (!clang_Cursor_isNull(init) && v.kind == VAL_NONE)
      v.kind = VAL_UNKNOWN; /* initialised from something we cannot follow (a dependent expression) */
    bind(L, v, var, d);
    return;
  }
  /* Scalar locals: condition variables (`bool done = false;`, `int state = 0;` are known
   * values) and query flags (`bool done = vtask_is_completed(t);`). A bool is a condition
   * variable from its declaration on, so that declaring it again (the next loop iteration)
   * forgets what the previous one knew. */
  enum CXTypeKind ck = clang_getCanonicalType(ty).kind;
  bool integral = (ck >= CXType_Bool && ck <= CXType_Int128) || ck == CXType_Enum;
  if (integral) {
    long long cval;
    if (!clang_Cursor_isNull(init) && const_value(L, strip(L, init), &cval)) {
      int32_t cv = add_var(L, d, spell(L, d), VAR_COND, NULL);
      emit_cond_set(L, cv, cval, d);
      return;
    }
    int32_t qv = -1;
    L->query_neg = false;
    if (!clang_Cursor_isNull(init)) {
      CXCursor s = strip(L, init);
      if (clang_getCursorKind(s) == CXCursor_CallExpr) {
        lower_call(L, s, &qv);
      } else {
        lower_expr(L, init);
        qv = implied_query(L, init);
      }
    }
    if (qv >= 0) {
      int32_t flag = add_var(L, d, spell(L, d), VAR_FLAG | VAR_COND, NULL);
      L->g->vars.v[flag].target = qv;
      int32_t e = emit(L, EV_FLAG_SET, flag, qv, d, NULL);
      if (L->query_neg)
        L->g->events.v[e].flags |= EVF_NEGATED;
    } else {
      /* Declared again on each pass through its scope: what the last pass knew is gone. */
      int32_t cv = add_var(L, d, spell(L, d), VAR_COND, NULL);
      emit(L, EV_COND_KILL, cv, -1, d, NULL);
    }
    return;
  }
  if (clang_Cursor_isNull(init))
    return;
  if (ty.kind == CXType_Pointer) {
    /* uv_tcp_t *p = &h: p designates the handle for the profile's calls through pointers. */
    int32_t target = pointee_var(L, init);
    if (target >= 0 && L->g->vars.v[target].type && L->g->vars.v[target].type->by_address) {
      int32_t pv = add_var(L, d, spell(L, d), VAR_PTR, NULL);
      L->g->vars.v[pv].target = target;
      return;
    }
  }
  long long cval;
  if (ty.kind == CXType_Pointer && const_value(L, strip(L, init), &cval)) {
    emit_cond_set(L, add_var(L, d, spell(L, d), VAR_COND, NULL), cval, d);
    return;
  }
  struct val v = lower_expr(L, init);
  /* A reference or pointer bound to the vtask: what it does next is out of sight. */
  if (ty.kind == CXType_LValueReference || ty.kind == CXType_RValueReference)
    escape(L, v, d);
  else if (ty.kind == CXType_Pointer) /* `r = vtask_await(rd)`, then `if (r == NULL) break;` */
    emit(L, EV_COND_KILL, add_var(L, d, spell(L, d), VAR_COND, NULL), -1, d, NULL);
}

/* Labels are function-scoped and unique by name (GNU __label__ aside), and the cursor a goto's
 * LabelRef references does not compare equal to the LabelStmt itself: key them by name. */
static int32_t label_block(struct lower *L, CXCursor label) {
  char *name = spell(L, label);
  for (size_t i = 0; i < L->labels.n; i++)
    if (strcmp(L->labels.v[i].name, name) == 0)
      return L->labels.v[i].block;
  struct label lb = {name, new_block(L)};
  vec_push(L->a, &L->labels, lb);
  return lb.block;
}

/* Header parts of `for (init; cond; inc)` are all optional, and libclang lists only those
 * present: the top-level semicolons of the header tell which child is which. */
static void classify_for(struct lower *L, CXCursor c, struct kids *kd, int *role) {
  unsigned nh = kd->n - 1; /* the body is last */
  CXSourceRange ext = clang_getCursorExtent(c);
  CXSourceLocation body_start = clang_getRangeStart(clang_getCursorExtent(kd->v[nh]));
  CXToken *toks = NULL;
  unsigned n = 0;
  unsigned semi[2] = {0, 0};
  int nsemi = 0;
  CXFile f1 = NULL, f2 = NULL;
  unsigned o1 = 0, o2 = 0;
  clang_getFileLocation(clang_getRangeStart(ext), &f1, NULL, NULL, &o1);
  clang_getFileLocation(body_start, &f2, NULL, NULL, &o2);
  if (f1 && f2 && clang_File_isEqual(f1, f2) && o2 > o1) {
    CXSourceRange hr = clang_getRange(clang_getLocationForOffset(L->tu, f1, o1), clang_getLocationForOffset(L->tu, f1, o2));
    clang_tokenize(L->tu, hr, &toks, &n);
    int depth = 0;
    for (unsigned i = 0; i < n && nsemi < 2; i++) {
      if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
        continue;
      CXString s = clang_getTokenSpelling(L->tu, toks[i]);
      const char *t = clang_getCString(s);
      if (strcmp(t, "(") == 0 || strcmp(t, "[") == 0 || strcmp(t, "{") == 0)
        depth++;
      else if (strcmp(t, ")") == 0 || strcmp(t, "]") == 0 || strcmp(t, "}") == 0)
        depth--;
      else if (strcmp(t, ";") == 0 && depth == 1)
        semi[nsemi++] = file_offset(clang_getTokenLocation(L->tu, toks[i]));
      clang_disposeString(s);
    }
    clang_disposeTokens(L->tu, toks, n);
  }
  for (unsigned i = 0; i < nh; i++) {
    if (nsemi == 2) {
      unsigned off = file_offset(clang_getRangeStart(clang_getCursorExtent(kd->v[i])));
      role[i] = off < semi[0] ? 0 : off < semi[1] ? 1 : 2;
    } else {
      /* Inside a macro the offsets say nothing: guess from the shapes. */
      enum CXCursorKind k = clang_getCursorKind(kd->v[i]);
      role[i] = (i == 0 && (k == CXCursor_DeclStmt || nh == 3)) ? 0 : (i + 1 == nh && nh >= 2) ? 2 : 1;
    }
  }
}

static void lower_loop_body(struct lower *L, CXCursor body, int32_t brk, int32_t cont) {
  int32_t ob = L->brk, oc = L->cont;
  L->brk = brk;
  L->cont = cont;
  lower_stmt(L, body);
  L->brk = ob;
  L->cont = oc;
}

static void lower_for(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  if (!kd.n)
    return;
  int *role = ARENA_ARRAY(L->a, int, kd.n);
  classify_for(L, c, &kd, role);
  CXCursor cond = clang_getNullCursor(), condvar = clang_getNullCursor();
  unsigned nh = kd.n - 1;
  for (unsigned i = 0; i < nh; i++) {
    if (role[i] == 0) {
      if (clang_isExpression(clang_getCursorKind(kd.v[i])))
        lower_discard(L, kd.v[i]);
      else
        lower_stmt(L, kd.v[i]);
    } else if (role[i] == 1) {
      if (clang_getCursorKind(kd.v[i]) == CXCursor_VarDecl)
        condvar = kd.v[i];
      else
        cond = kd.v[i];
    }
  }
  int32_t head = new_block(L), body = new_block(L), inc = new_block(L), exit = new_block(L);
  goto_block(L, head);
  if (!clang_Cursor_isNull(condvar))
    lower_vardecl(L, condvar);
  if (clang_Cursor_isNull(cond))
    goto_block(L, body);
  else
    lower_cond(L, cond, body, exit);
  L->cur = body;
  lower_loop_body(L, kd.v[nh], exit, inc);
  goto_block(L, inc);
  for (unsigned i = 0; i < nh; i++)
    if (role[i] == 2)
      lower_discard(L, kd.v[i]);
  jump(L, head);
  L->cur = exit;
}

static void lower_while(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  if (kd.n < 2)
    return;
  int32_t head = new_block(L), body = new_block(L), exit = new_block(L);
  goto_block(L, head);
  for (unsigned i = 0; i + 2 < kd.n; i++)
    if (clang_getCursorKind(kd.v[i]) == CXCursor_VarDecl)
      lower_vardecl(L, kd.v[i]);
  lower_cond(L, kd.v[kd.n - 2], body, exit);
  L->cur = body;
  lower_loop_body(L, kd.v[kd.n - 1], exit, head);
  jump(L, head);
  L->cur = exit;
}

static void lower_do(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  if (kd.n != 2)
    return;
  int32_t body = new_block(L), cond = new_block(L), exit = new_block(L);
  goto_block(L, body);
  lower_loop_body(L, kd.v[0], exit, cond);
  goto_block(L, cond);
  /* do { } while (0) is how macros make one statement: no back edge. */
  lower_cond(L, kd.v[1], body, exit);
  L->cur = exit;
}

static void lower_range_for(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  if (kd.n < 2)
    return;
  CXCursor loopvar = clang_getNullCursor();
  for (unsigned i = 0; i + 1 < kd.n; i++) {
    if (clang_getCursorKind(kd.v[i]) == CXCursor_VarDecl && clang_Cursor_isNull(loopvar))
      loopvar = kd.v[i];
    else if (clang_isExpression(clang_getCursorKind(kd.v[i])))
      lower_expr(L, kd.v[i]);
    else if (clang_getCursorKind(kd.v[i]) == CXCursor_DeclStmt)
      lower_stmt(L, kd.v[i]);
  }
  int32_t head = new_block(L), body = new_block(L), exit = new_block(L);
  goto_block(L, head);
  branch(L, body, exit, REF_NONE, REF_NONE, -1, -1);
  L->cur = body;
  if (!clang_Cursor_isNull(loopvar) && model_is_vtask_type(L->o->model, clang_getCursorType(loopvar))) {
    int32_t v = add_var(L, loopvar, spell(L, loopvar), VAR_VTASK, model_vtype(L->o->model, clang_getCursorType(loopvar)));
    emit(L, EV_FRESH, v, -1, loopvar, NULL);
  }
  lower_loop_body(L, kd.v[kd.n - 1], exit, head);
  jump(L, head);
  L->cur = exit;
}

static void lower_switch(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  if (kd.n < 2)
    return;
  for (unsigned i = 0; i + 2 < kd.n; i++)
    if (clang_getCursorKind(kd.v[i]) == CXCursor_VarDecl)
      lower_vardecl(L, kd.v[i]);
    else if (clang_getCursorKind(kd.v[i]) == CXCursor_DeclStmt)
      lower_stmt(L, kd.v[i]);
  lower_expr(L, kd.v[kd.n - 2]);
  struct switch_ctx sw = {L->cur, cond_var(L, kd.v[kd.n - 2], true), false, L->sw};
  if (sw.var >= 0)
    L->g->vars.v[sw.var].flags |= VAR_STATE;
  int32_t exit = new_block(L);
  L->sw = &sw;
  L->cur = new_block(L); /* code before the first label is unreachable */
  int32_t ob = L->brk;
  L->brk = exit;
  lower_stmt(L, kd.v[kd.n - 1]);
  L->brk = ob;
  L->sw = sw.outer;
  goto_block(L, exit);
  if (!sw.has_default)
    cfg_edge(L->g, sw.dispatch, exit, sw.var >= 0 ? REF_DEFAULT : REF_NONE, sw.var, -1);
}

/* case_edge: the switch's dispatch reaches a case label when the condition variable holds the
 * label's value (a GNU range `case 1 ... 5:` or an unknown value says nothing), and the
 * default label when it holds none of them. */
static void case_edge(struct lower *L, CXCursor label, int32_t b) {
  struct switch_ctx *sw = L->sw;
  if (clang_getCursorKind(label) == CXCursor_DefaultStmt) {
    sw->has_default = true;
    cfg_edge(L->g, sw->dispatch, b, sw->var >= 0 ? REF_DEFAULT : REF_NONE, sw->var, -1);
    return;
  }
  struct kids kd = kids_of(L, label);
  long long v;
  if (sw->var >= 0 && kd.n == 2 && const_value(L, strip(L, kd.v[0]), &v))
    cfg_edge_value(L->g, sw->dispatch, b, REF_EQ, sw->var, v);
  else
    cfg_edge(L->g, sw->dispatch, b, REF_NONE, -1, -1);
}

static void lower_if(struct lower *L, CXCursor c) {
  int32_t join = new_block(L);
  for (;;) {
    struct kids kd = kids_of(L, c);
    unsigned i = 0;
    /* [init] [condition variable] condition then [else] */
    if (kd.n >= 3 && clang_getCursorKind(kd.v[0]) == CXCursor_DeclStmt)
      lower_stmt(L, kd.v[i++]);
    else if (kd.n >= 3 && L->cxx && clang_isExpression(clang_getCursorKind(kd.v[0])) &&
             clang_getCursorKind(kd.v[1]) != CXCursor_VarDecl) {
      /* `if (f(); c) s` and `if (c) s1 else s2` have the same shape: a ';' between the
       * first two children says it is an init statement. */
      CXSourceRange gap = clang_getRange(clang_getRangeEnd(clang_getCursorExtent(kd.v[0])),
                                         clang_getRangeStart(clang_getCursorExtent(kd.v[1])));
      CXToken *toks = NULL;
      unsigned n = 0;
      bool semi = false;
      clang_tokenize(L->tu, gap, &toks, &n);
      for (unsigned t = 0; t < n && !semi; t++) {
        CXString s = clang_getTokenSpelling(L->tu, toks[t]);
        semi = strcmp(clang_getCString(s), ";") == 0;
        clang_disposeString(s);
      }
      clang_disposeTokens(L->tu, toks, n);
      if (semi && (kd.n == 3 || kd.n == 4))
        lower_discard(L, kd.v[i++]);
    }
    if (i < kd.n && clang_getCursorKind(kd.v[i]) == CXCursor_VarDecl)
      lower_vardecl(L, kd.v[i++]);
    if (i + 1 >= kd.n) {
      for (; i < kd.n; i++)
        lower_stmt(L, kd.v[i]);
      goto_block(L, join);
      return;
    }
    CXCursor cond = kd.v[i++];
    CXCursor then = kd.v[i++];
    bool has_else = i < kd.n;
    int32_t tb = new_block(L), fb = has_else ? new_block(L) : join;
    lower_cond(L, cond, tb, fb);
    L->cur = tb;
    lower_stmt(L, then);
    goto_block(L, join);
    if (!has_else) {
      L->cur = join;
      return;
    }
    L->cur = fb;
    CXCursor els = kd.v[i];
    if (clang_getCursorKind(els) == CXCursor_IfStmt && !L->g->too_deep) {
      c = els; /* else-if chains iterate */
      continue;
    }
    lower_stmt(L, els);
    goto_block(L, join);
    L->cur = join;
    return;
  }
}

static void lower_try(struct lower *L, CXCursor c) {
  struct kids kd = kids_of(L, c);
  if (!kd.n)
    return;
  struct try_ctx tc;
  memset(&tc, 0, sizeof tc);
  tc.outer = L->tr;
  int32_t join = new_block(L);
  for (unsigned i = 1; i < kd.n; i++)
    vec_push(L->a, &tc.handlers, new_block(L));
  int32_t body = new_block(L);
  goto_block(L, body);
  tc.first_block = body;
  L->tr = &tc;
  lower_stmt(L, kd.v[0]);
  L->tr = tc.outer;
  int32_t last = (int32_t)L->g->blocks.n;
  goto_block(L, join);
  /* Anything in the try block may throw: every block of it may reach every handler. */
  for (int32_t b = tc.first_block; b < last; b++)
    for (size_t h = 0; h < tc.handlers.n; h++)
      cfg_edge(L->g, b, tc.handlers.v[h], REF_NONE, -1, -1);
  for (unsigned i = 1; i < kd.n; i++) {
    L->cur = tc.handlers.v[i - 1];
    struct kids hk = kids_of(L, kd.v[i]);
    for (unsigned j = 0; j < hk.n; j++)
      if (clang_getCursorKind(hk.v[j]) == CXCursor_VarDecl)
        lower_vardecl(L, hk.v[j]);
      else
        lower_stmt(L, hk.v[j]);
    goto_block(L, join);
  }
  L->cur = join;
}

static void lower_stmt(struct lower *L, CXCursor c) {
  if (L->g->too_deep)
    return;
  if (++L->depth > L->max_depth) {
    L->g->too_deep = true;
    L->depth--;
    return;
  }
  enum CXCursorKind k = clang_getCursorKind(c);
  if (clang_isExpression(k)) {
    lower_discard(L, c);
    L->depth--;
    return;
  }
  switch (k) {
  case CXCursor_CompoundStmt: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++)
      lower_stmt(L, kd.v[i]);
    break;
  }
  case CXCursor_DeclStmt: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++) {
      enum CXCursorKind dk = clang_getCursorKind(kd.v[i]);
      if (dk == CXCursor_VarDecl)
        lower_vardecl(L, kd.v[i]);
      else if ((dk == CXCursor_StructDecl || dk == CXCursor_UnionDecl || dk == CXCursor_ClassDecl) && L->o->on_record)
        L->o->on_record(L->o->self, kd.v[i]);
      else if (dk == CXCursor_UnexposedDecl) { /* structured binding: its initialiser */
        struct kids bk = kids_of(L, kd.v[i]);
        for (unsigned j = 0; j < bk.n; j++)
          if (clang_isExpression(clang_getCursorKind(bk.v[j])))
            escape(L, lower_expr(L, bk.v[j]), kd.v[i]);
      }
    }
    break;
  }
  case CXCursor_IfStmt:
    lower_if(L, c);
    break;
  case CXCursor_WhileStmt:
    lower_while(L, c);
    break;
  case CXCursor_DoStmt:
    lower_do(L, c);
    break;
  case CXCursor_ForStmt:
    lower_for(L, c);
    break;
  case CXCursor_CXXForRangeStmt:
    lower_range_for(L, c);
    break;
  case CXCursor_SwitchStmt:
    lower_switch(L, c);
    break;
  case CXCursor_CaseStmt:
  case CXCursor_DefaultStmt: {
    /* case 1: case 2: stmt nests case inside case: walk the chain iteratively. */
    for (;;) {
      int32_t b = new_block(L);
      goto_block(L, b);
      if (L->sw)
        case_edge(L, c, b);
      struct kids kd = kids_of(L, c);
      if (!kd.n)
        break;
      CXCursor sub = kd.v[kd.n - 1];
      enum CXCursorKind sk = clang_getCursorKind(sub);
      if (sk == CXCursor_CaseStmt || sk == CXCursor_DefaultStmt) {
        c = sub;
        continue;
      }
      lower_stmt(L, sub);
      break;
    }
    break;
  }
  case CXCursor_BreakStmt:
    jump(L, L->brk);
    break;
  case CXCursor_ContinueStmt:
    jump(L, L->cont);
    break;
  case CXCursor_ReturnStmt: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++)
      if (clang_isExpression(clang_getCursorKind(kd.v[i]))) {
        consume(L, lower_expr(L, kd.v[i]), EV_TRANSFER, c, NULL);
        /* `return vtask_is_completed(t) && !vtask_is_faulted(t);` makes the function a query
         * of t for its callers (summaries), `return !vtask_is_completed(t);` a negated one,
         * when every return agrees. */
        CXCursor e = strip(L, kd.v[i]);
        bool neg = false;
        if (clang_getCursorKind(e) == CXCursor_UnaryOperator && unop(L, e) == OP_NOT) {
          struct kids nk = kids_of(L, e);
          if (nk.n == 1)
            e = nk.v[0], neg = true;
        }
        int32_t q = implied_query(L, e);
        if (L->g->returns_query == -1) {
          L->g->returns_query = q >= 0 ? q : -2;
          L->g->returns_query_neg = neg;
        } else if (L->g->returns_query != q || L->g->returns_query_neg != neg) {
          L->g->returns_query = -2;
        }
      }
    jump(L, L->g->exit);
    break;
  }
  case CXCursor_GotoStmt: {
    struct kids kd = kids_of(L, c);
    CXCursor target = kd.n ? clang_getCursorReferenced(kd.v[0]) : clang_getNullCursor();
    jump(L, clang_Cursor_isNull(target) ? -1 : label_block(L, target));
    break;
  }
  case CXCursor_IndirectGotoStmt: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++)
      lower_expr(L, kd.v[i]);
    vec_push(L->a, &L->indirect_gotos, L->cur);
    jump(L, -1);
    break;
  }
  case CXCursor_LabelStmt: {
    goto_block(L, label_block(L, c));
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++)
      lower_stmt(L, kd.v[i]);
    break;
  }
  case CXCursor_CXXTryStmt:
    lower_try(L, c);
    break;
  case CXCursor_NullStmt:
  case CXCursor_GCCAsmStmt:
  case CXCursor_MSAsmStmt:
    break;
  case CXCursor_UnexposedStmt: {
    struct kids kd = kids_of(L, c);
    if (first_token_is(L, c, "co_return")) {
      /* CoreturnStmt: [operand] then the promise's return_value/return_void call. */
      L->g->is_coroutine = true;
      if (kd.n >= 2)
        consume(L, lower_expr(L, kd.v[0]), EV_TRANSFER, c, NULL);
      jump(L, L->g->exit);
      break;
    }
    for (unsigned i = 0; i < kd.n; i++)
      lower_stmt(L, kd.v[i]);
    break;
  }
  default: {
    struct kids kd = kids_of(L, c);
    for (unsigned i = 0; i < kd.n; i++) {
      enum CXCursorKind kk = clang_getCursorKind(kd.v[i]);
      if (clang_isStatement(kk) || clang_isExpression(kk))
        lower_stmt(L, kd.v[i]);
    }
    break;
  }
  }
  L->depth--;
}

/* ---- functions ---- */

bool lower_function(struct cfg *g, CXCursor fn, const struct lower_opts *o) {
  struct arena *a = g->arena;
  struct lower L;
  memset(&L, 0, sizeof L);
  L.g = g;
  L.o = o;
  L.a = a;
  L.tu = clang_Cursor_getTranslationUnit(fn);
  L.brk = L.cont = -1;
  L.live_var = -1;
  L.fn = fn;
  L.max_depth = o->max_depth > 0 ? o->max_depth : LOWER_MAX_DEPTH;
  enum CXLanguageKind lang = clang_getCursorLanguage(fn);
  L.cxx = lang == CXLanguage_CPlusPlus;
  g->fn = fn;

  struct kids kd = kids_of(&L, fn);
  CXCursor body = clang_getNullCursor();
  for (unsigned i = 0; i < kd.n; i++) {
    enum CXCursorKind k = clang_getCursorKind(kd.v[i]);
    if (k == CXCursor_CompoundStmt || k == CXCursor_UnexposedStmt || k == CXCursor_CXXTryStmt)
      body = kd.v[i];
  }
  if (clang_Cursor_isNull(body))
    return false;
  if (clang_getCursorKind(fn) == CXCursor_LambdaExpr) {
    g->fn_name = "lambda";
  } else {
    g->fn_name = spell(&L, fn);
  }
  L.cur = g->entry;
  for (unsigned i = 0; i < kd.n; i++) {
    CXCursor p = kd.v[i];
    if (clang_getCursorKind(p) != CXCursor_ParmDecl)
      continue;
    if (model_is_vtask_type(o->model, clang_getCursorType(p))) {
      int32_t v = add_var(&L, p, spell(&L, p), VAR_PARAM | VAR_VTASK, model_vtype(o->model, clang_getCursorType(p)));
      emit(&L, EV_FRESH, v, -1, p, NULL);
    }
  }
  int32_t start = new_block(&L);
  goto_block(&L, start);
  /* Constructor initialisers: what they take is stored in the object. */
  for (unsigned i = 0; i < kd.n; i++)
    if (clang_isExpression(clang_getCursorKind(kd.v[i])) && clang_getCursorKind(fn) != CXCursor_LambdaExpr)
      escape(&L, lower_expr(&L, kd.v[i]), kd.v[i]);
  if (clang_getCursorKind(body) == CXCursor_UnexposedStmt) {
    /* A coroutine body: the user's CompoundStmt plus implicit promise machinery located at
     * the function name; only the CompoundStmt is the user's code. */
    g->is_coroutine = true;
    struct kids bk = kids_of(&L, body);
    for (unsigned i = 0; i < bk.n; i++)
      if (clang_getCursorKind(bk.v[i]) == CXCursor_CompoundStmt) {
        lower_stmt(&L, bk.v[i]);
        break;
      }
  } else {
    lower_stmt(&L, body);
  }
  goto_block(&L, g->exit);
  for (size_t i = 0; i < L.indirect_gotos.n; i++)
    for (size_t l = 0; l < L.labels.n; l++)
      cfg_edge(g, L.indirect_gotos.v[i], L.labels.v[l].block, REF_NONE, -1, -1);
  cfg_finish(g);
  return true;
}
