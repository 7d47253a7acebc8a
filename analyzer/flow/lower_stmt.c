/* lower_stmt.c: statements, one function per kind (as sparse's linearize.c). Each leaves L->cur
 * at the block where control continues; a statement that leaves (break, continue, return,
 * goto, throw) continues in a fresh unreachable block. */
#include <string.h>

#include "analyzer/flow/lower_int.h"
#include "analyzer/model/testfw.h"

/* Labels are function-scoped and unique by name (GNU __label__ aside), and the cursor a goto's
 * LabelRef references does not compare equal to the LabelStmt itself: key them by name. */
static int32_t label_block(struct lower *L, CXCursor label) {
  char *name = cx_spell(L, label);
  for (size_t i = 0; i < L->labels.n; i++)
    if (strcmp(L->labels.v[i].name, name) == 0)
      return L->labels.v[i].block;
  struct label lb = {name, new_block(L)};
  vec_push(L->a, &L->labels, lb);
  return lb.block;
}

/* file_loc: a location whose spelling is offset off of file f (what clang_tokenize reads), given
 * loc whose file location that is: loc itself when it is spelled there too (not in a macro),
 * which spares clang_getLocationForOffset its per-file map of macro arguments (on lua, 2% of a
 * run's instructions for a few hundred `for` statements). */
static CXSourceLocation file_loc(struct lower *L, CXSourceLocation loc, CXFile f, unsigned off) {
  CXFile sf = NULL;
  unsigned so = 0;
  clang_getSpellingLocation(loc, &sf, NULL, NULL, &so);
  if (sf && so == off && clang_File_isEqual(sf, f))
    return loc;
  return clang_getLocationForOffset(L->tu, f, off);
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
    CXSourceRange hr = clang_getRange(file_loc(L, clang_getRangeStart(ext), f1, o1), file_loc(L, body_start, f1, o2));
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
        semi[nsemi++] = cx_file_offset(clang_getTokenLocation(L->tu, toks[i]));
      clang_disposeString(s);
    }
    clang_disposeTokens(L->tu, toks, n);
  }
  for (unsigned i = 0; i < nh; i++) {
    if (nsemi == 2) {
      unsigned off = cx_file_offset(clang_getRangeStart(clang_getCursorExtent(kd->v[i])));
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
  struct kids kd = cx_kids(L, c);
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
  struct kids kd = cx_kids(L, c);
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
  struct kids kd = cx_kids(L, c);
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

/* auto_element: the handle type of a range-for's `auto` element (`for (const auto tid :
 * threads)` over a std::vector<pthread_t>, rocksdb's env_posix.cc), which the loop variable's
 * own type cannot say: it is deduced from the container's instantiation, which names its
 * element by the canonical type (unsigned long). The range's type as written still says it.
 * Only an element that is the handle itself (an integer-like one): a pair or a struct that
 * holds one is not. */
static const struct vtype *auto_element(struct lower *L, CXCursor loopvar, CXCursor range, uint16_t *flags) {
  CXType t = clang_getCursorType(loopvar);
  bool ref = t.kind == CXType_LValueReference || t.kind == CXType_RValueReference;
  CXType base = ref ? clang_getPointeeType(t) : t;
  if (base.kind != CXType_Auto)
    return NULL;
  CXType e = clang_getCanonicalType(base);
  if (e.kind == CXType_Record || e.kind == CXType_Pointer || e.kind == CXType_Invalid)
    return NULL;
  const struct vtype *vt = model_type_holds(L->o->model, clang_getCursorType(range));
  if (!vt || !vt->plain_handle)
    return NULL;
  *flags = VAR_VTASK | (ref ? VAR_REF : 0);
  return vt;
}

static void lower_range_for(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  if (kd.n < 2)
    return;
  CXCursor loopvar = clang_getNullCursor(), range = clang_getNullCursor();
  for (unsigned i = 0; i + 1 < kd.n; i++) {
    if (clang_getCursorKind(kd.v[i]) == CXCursor_VarDecl && clang_Cursor_isNull(loopvar))
      loopvar = kd.v[i];
    else if (clang_isExpression(clang_getCursorKind(kd.v[i]))) {
      range = kd.v[i];
      lower_expr(L, kd.v[i]);
    }
    else if (clang_getCursorKind(kd.v[i]) == CXCursor_DeclStmt)
      lower_stmt(L, kd.v[i]);
  }
  int32_t head = new_block(L), body = new_block(L), exit = new_block(L);
  goto_block(L, head);
  cond_branch(L, body, exit, REF_NONE, REF_NONE, -1, -1);
  L->cur = body;
  if (!clang_Cursor_isNull(loopvar)) /* `for (auto &w : workers) pthread_join(w.tid, NULL);` */
    var_forget_paths_of(L, loopvar, loopvar);
  uint16_t fl = 0;
  const struct vtype *lvt = clang_Cursor_isNull(loopvar) ? NULL : var_tracked_type(L, clang_getCursorType(loopvar), &fl);
  if (!lvt && !clang_Cursor_isNull(loopvar) && !clang_Cursor_isNull(range))
    lvt = auto_element(L, loopvar, range, &fl);
  if (lvt) { /* each element by value or by reference (`auto &f : futures`): a fresh operation */
    int32_t v = var_add(L, loopvar, cx_spell(L, loopvar), fl, lvt);
    emit(L, EV_FRESH, v, -1, loopvar, NULL);
  }
  lower_loop_body(L, kd.v[kd.n - 1], exit, head);
  jump(L, head);
  L->cur = exit;
}

static void lower_switch(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
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
    L->g->vars.v[sw.var].flags |= VAR_STATE; /* a state machine's state */
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

static void lower_if(struct lower *L, CXCursor c) {
  int32_t join = new_block(L);
  for (;;) {
    struct kids kd = cx_kids(L, c);
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
  struct kids kd = cx_kids(L, c);
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
    struct kids hk = cx_kids(L, kd.v[i]);
    for (unsigned j = 0; j < hk.n; j++)
      if (clang_getCursorKind(hk.v[j]) == CXCursor_VarDecl)
        lower_vardecl(L, hk.v[j]);
      else
        lower_stmt(L, hk.v[j]);
    goto_block(L, join);
  }
  L->cur = join;
}

/* compound = "{" stmt* "}" */
static void lower_compound(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++)
    lower_stmt(L, kd.v[i]);
}

/* decl-stmt = (vardecl | record-decl | structured-binding) ("," ...)* ";" */
static void lower_decl_stmt(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++) {
    enum CXCursorKind dk = clang_getCursorKind(kd.v[i]);
    if (dk == CXCursor_VarDecl)
      lower_vardecl(L, kd.v[i]);
    else if ((dk == CXCursor_StructDecl || dk == CXCursor_UnionDecl || dk == CXCursor_ClassDecl) && L->o->on_record)
      L->o->on_record(L->o->self, kd.v[i]);
    else if (dk == CXCursor_UnexposedDecl) { /* structured binding: its initialiser */
      struct kids bk = cx_kids(L, kd.v[i]);
      for (unsigned j = 0; j < bk.n; j++)
        if (clang_isExpression(clang_getCursorKind(bk.v[j])))
          val_escape(L, lower_expr(L, bk.v[j]), kd.v[i]);
    }
  }
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
  struct kids kd = cx_kids(L, label);
  long long v;
  if (sw->var >= 0 && kd.n == 2 && cx_const_value(L, cx_strip(L, kd.v[0]), &v))
    cfg_edge_value(L->g, sw->dispatch, b, REF_EQ, sw->var, v);
  else
    cfg_edge(L->g, sw->dispatch, b, REF_NONE, -1, -1);
}

/* case = ("case" expr | "default") ":" stmt: a block the switch's dispatch reaches, entered by
 * fall-through too. case 1: case 2: stmt nests case inside case: walk the chain iteratively. */
static void lower_case(struct lower *L, CXCursor c) {
  for (;;) {
    int32_t b = new_block(L);
    goto_block(L, b);
    if (L->sw)
      case_edge(L, c, b);
    struct kids kd = cx_kids(L, c);
    if (!kd.n)
      return;
    CXCursor sub = kd.v[kd.n - 1];
    enum CXCursorKind sk = clang_getCursorKind(sub);
    if (sk == CXCursor_CaseStmt || sk == CXCursor_DefaultStmt) {
      c = sub;
      continue;
    }
    lower_stmt(L, sub);
    return;
  }
}

/* return = "return" expr? ";" */
static void lower_return(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++)
    if (clang_isExpression(clang_getCursorKind(kd.v[i]))) {
      /* `return vtask_is_completed(t) && !vtask_is_faulted(t);` makes the function a query
       * of t for its callers (summaries), `return !vtask_is_completed(t);` a negated one,
       * when every return agrees. */
      CXCursor e = cx_strip(L, kd.v[i]);
      bool neg = false;
      if (clang_getCursorKind(e) == CXCursor_UnaryOperator && cx_unop(L, e) == OP_NOT) {
        struct kids nk = cx_kids(L, e);
        if (nk.n == 1)
          e = cx_strip(L, nk.v[0]), neg = true;
      }
      int32_t q = cond_implied_query(L, e);
      enum op lop = clang_getCursorKind(e) == CXCursor_BinaryOperator ? cx_binop(L, e) : OP_OTHER;
      long long k;
      if (lop == OP_LAND || lop == OP_LOR) {
        /* `return a.done() && b.done();`: as `if (...) return true; return false;`, each way a
         * block of its own, so that the summary learns what each parameter's completion is on
         * each (summary.c, constant_query): true here says both completed. */
        int32_t tb = new_block(L), fb = new_block(L);
        lower_cond(L, e, neg ? fb : tb, neg ? tb : fb);
        struct ret_const rt = {tb, true}, rf = {fb, false};
        vec_push(L->a, &L->g->ret_consts, rt);
        vec_push(L->a, &L->g->ret_consts, rf);
        L->cur = tb;
        jump(L, L->g->exit);
        L->cur = fb;
      } else {
        val_consume(L, lower_expr(L, kd.v[i]), EV_TRANSFER, c, NULL);
      }
      if (lop == OP_LAND || lop == OP_LOR) {
        /* counted above */
      } else if (q < 0 && !neg && cx_const_value(L, e, &k)) {
        /* a block of its own: the state the return leaves with (summary.c) */
        int32_t rb = new_block(L);
        goto_block(L, rb);
        struct ret_const rc = {rb, k != 0};
        vec_push(L->a, &L->g->ret_consts, rc);
      } else {
        L->g->returns_other = true; /* a query's answer, or anything else */
      }
      if (L->g->returns_query == -1) {
        L->g->returns_query = q >= 0 ? q : -2;
        L->g->returns_query_neg = neg;
      } else if (L->g->returns_query != q || L->g->returns_query_neg != neg) {
        L->g->returns_query = -2;
      }
    }
  jump(L, L->g->exit);
}

/* goto = "goto" label ";" */
static void lower_goto(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  CXCursor target = kd.n ? clang_getCursorReferenced(kd.v[0]) : clang_getNullCursor();
  jump(L, clang_Cursor_isNull(target) ? -1 : label_block(L, target));
}

/* indirect-goto = "goto" "*" expr ";": may reach any label (lower_function adds the edges). */
static void lower_indirect_goto(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++)
    lower_expr(L, kd.v[i]);
  vec_push(L->a, &L->indirect_gotos, L->cur);
  jump(L, -1);
}

/* label = name ":" stmt */
static void lower_label(struct lower *L, CXCursor c) {
  goto_block(L, label_block(L, c));
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++)
    lower_stmt(L, kd.v[i]);
}

/* The statements libclang does not expose, co_return among them. */
static void lower_unexposed_stmt(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  if (cx_first_token_is(L, c, "co_return")) {
    /* CoreturnStmt: [operand] then the promise's return_value/return_void call. */
    L->g->is_coroutine = true;
    if (kd.n >= 2)
      val_consume(L, lower_expr(L, kd.v[0]), EV_TRANSFER, c, NULL);
    jump(L, L->g->exit);
    return;
  }
  for (unsigned i = 0; i < kd.n; i++)
    lower_stmt(L, kd.v[i]);
}

/* Any other statement: its statements and expressions, in order. */
static void lower_other_stmt(struct lower *L, CXCursor c) {
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n; i++) {
    enum CXCursorKind kk = clang_getCursorKind(kd.v[i]);
    if (clang_isStatement(kk) || clang_isExpression(kk))
      lower_stmt(L, kd.v[i]);
  }
}


static void lower_stmt_kind(struct lower *L, CXCursor c, enum CXCursorKind k);


void lower_stmt(struct lower *L, CXCursor c) {
  if (L->g->too_deep)
    return;
  if (++L->depth > L->max_depth) {
    L->g->too_deep = true;
    L->depth--;
    return;
  }
  enum CXCursorKind k = clang_getCursorKind(c);
  CXFile tfw_file = L->tfw_file;
  unsigned tfw_off = L->tfw_off;
  int expect_throw = L->expect_throw;
  if (L->depth == 1 && clang_getCursorKind(L->fn) == CXCursor_LambdaExpr &&
      testfw_lambda_marked(model_testfw(L->o->model), L->fn))
    L->expect_throw++; /* the body of a lambda handed to an expect-throw */
  if (lower_assertion(L, c, k)) {
    L->tfw_file = tfw_file;
    L->tfw_off = tfw_off;
    L->expect_throw = expect_throw;
    L->depth--;
    return;
  }
  lower_stmt_kind(L, c, k);
  L->tfw_file = tfw_file;
  L->tfw_off = tfw_off;
  L->expect_throw = expect_throw;
  L->depth--;
}

static void lower_stmt_kind(struct lower *L, CXCursor c, enum CXCursorKind k) {
  if (clang_isExpression(k)) {
    if (L->expect_throw)
      lower_expr(L, c); /* expected to throw: whatever it would return is never made */
    else
      lower_discard(L, c); /* expr-stmt = expr ";" */
    return;
  }
  switch (k) {
  case CXCursor_CompoundStmt:
    lower_compound(L, c);
    break;
  case CXCursor_DeclStmt:
    lower_decl_stmt(L, c);
    break;
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
  case CXCursor_DefaultStmt:
    lower_case(L, c);
    break;
  case CXCursor_BreakStmt:
    jump(L, L->brk);
    break;
  case CXCursor_ContinueStmt:
    jump(L, L->cont);
    break;
  case CXCursor_ReturnStmt:
    lower_return(L, c);
    break;
  case CXCursor_GotoStmt:
    lower_goto(L, c);
    break;
  case CXCursor_IndirectGotoStmt:
    lower_indirect_goto(L, c);
    break;
  case CXCursor_LabelStmt:
    lower_label(L, c);
    break;
  case CXCursor_CXXTryStmt:
    lower_try(L, c);
    break;
  case CXCursor_NullStmt:
  case CXCursor_GCCAsmStmt:
  case CXCursor_MSAsmStmt:
    break;
  case CXCursor_UnexposedStmt:
    lower_unexposed_stmt(L, c);
    break;
  default:
    lower_other_stmt(L, c);
    break;
  }
}
