/* lower.c: turns one function body into a control-flow graph of vtask events (cfg.h). The
 * entry of the lowering: it sets up struct lower, tracks the parameters, lowers the body (the
 * user's part of a coroutine's) and wires indirect gotos to every label. The grammar, and which
 * room handles which part of it, is in lower_int.h. */
#include "analyzer/flow/lower_int.h"

#include <string.h>

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

bool lower_function(struct cfg *g, CXCursor fn, const struct lower_opts *o) {
  struct arena *a = g->arena;
  struct lower L;
  memset(&L, 0, sizeof L);
  L.g = g;
  L.o = o;
  L.a = a;
  L.tu = clang_Cursor_getTranslationUnit(fn);
  L.brk = L.cont = -1;
  L.fn = fn;
  L.max_depth = o->max_depth > 0 ? o->max_depth : LOWER_MAX_DEPTH;
  enum CXLanguageKind lang = clang_getCursorLanguage(fn);
  L.cxx = lang == CXLanguage_CPlusPlus;
  g->fn = fn;

  struct kids kd = cx_kids(&L, fn);
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
    g->fn_name = cx_spell(&L, fn);
  }
  L.cur = g->entry;
  for (unsigned i = 0; i < kd.n; i++) {
    CXCursor p = kd.v[i];
    if (clang_getCursorKind(p) != CXCursor_ParmDecl)
      continue;
    /* a vtask, a reference to one, a pointer to a handle: of unknown origin at entry */
    uint16_t fl = 0;
    const struct vtype *vt = var_tracked_type(&L, clang_getCursorType(p), &fl);
    if (vt) {
      int32_t v = var_add(&L, p, cx_spell(&L, p), VAR_PARAM | fl, vt);
      int32_t e = emit(&L, EV_FRESH, v, -1, p, NULL);
      g->events.v[e].flags |= EVF_BOUNDARY;
    } else if (var_is_scalar(clang_getCursorType(p))) {
      /* a condition variable from entry, as a scalar local is from its declaration: every
       * write to it is then seen, also one that comes before its first test in the text (a
       * loop's), which a comparison over it must forget */
      var_add(&L, p, cx_spell(&L, p), VAR_COND, NULL);
    }
  }
  int32_t start = new_block(&L);
  goto_block(&L, start);
  /* Constructor initialisers: what they take is stored in the object. */
  for (unsigned i = 0; i < kd.n; i++)
    if (clang_isExpression(clang_getCursorKind(kd.v[i])) && clang_getCursorKind(fn) != CXCursor_LambdaExpr)
      val_escape(&L, lower_expr(&L, kd.v[i]), kd.v[i]);
  if (clang_getCursorKind(body) == CXCursor_UnexposedStmt) {
    /* A coroutine body: the user's CompoundStmt plus implicit promise machinery located at
     * the function name; only the CompoundStmt is the user's code. */
    g->is_coroutine = true;
    struct kids bk = cx_kids(&L, body);
    for (unsigned i = 0; i < bk.n; i++)
      if (clang_getCursorKind(bk.v[i]) == CXCursor_CompoundStmt) {
        lower_stmt(&L, bk.v[i]);
        break;
      }
  } else {
    lower_stmt(&L, body);
  }
  goto_block(&L, g->exit);
  /* What a reference parameter, a handle pointer or an access path holds outlives the call:
   * at the exit it is the caller's (an out-parameter's fresh vtask is not dropped). */
  for (size_t v = 0; v < g->vars.n; v++) {
    if (var_is_ref_param(&g->vars.v[v]) || (g->vars.v[v].flags & (VAR_HANDLE_PTR | VAR_PATH))) {
      int32_t e = emit(&L, EV_ESCAPE, (int32_t)v, -1, g->vars.v[v].decl, NULL);
      g->events.v[e].flags |= EVF_BOUNDARY;
    }
  }
  var_finish_paths(&L);
  for (size_t i = 0; i < L.indirect_gotos.n; i++)
    for (size_t l = 0; l < L.labels.n; l++)
      cfg_edge(g, L.indirect_gotos.v[i], L.labels.v[l].block, REF_NONE, -1, -1);
  cfg_finish(g);
  return true;
}
