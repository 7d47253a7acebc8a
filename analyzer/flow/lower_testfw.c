/* lower_testfw.c: test frameworks' assertions as the lowering sees them (the names and kinds
 * are the model's: analyzer/model/testfw.c). A fatal guard (REQUIRE, ASSERT_TRUE) continues
 * only on its condition's true edge; an expect-throw (REQUIRE_THROWS, EXPECT_THROW, a
 * configured helper taking a lambda) makes no vtask, so nothing in it is discarded. */
#include <string.h>

#include "analyzer/flow/lower_int.h"
#include "analyzer/model/testfw.h"

/* A statement that a macro expanded to starts at the macro's name: its expansion location is
 * the name's token, and its spelling location differs from it (on libclang < 19, where the two
 * agree: a keyword statement whose text there is not its keyword). Reading that identifier from
 * libclang's buffer is cheap; the preprocessing record costs parse time (8-11% on C++ test
 * units) and records only top-level expansions, not a REQUIRE inside a project's wrapper. */

/* The identifier at a file offset (read from libclang's buffer), in the arena; NULL if there is
 * none. */
static char *ident_at(struct lower *L, CXFile f, unsigned off) {
  size_t len = 0;
  const char *buf = clang_getFileContents(L->tu, f, &len);
  if (!buf || off >= len)
    return NULL;
  size_t e = off;
  while (e < len && ((buf[e] >= 'a' && buf[e] <= 'z') || (buf[e] >= 'A' && buf[e] <= 'Z') || buf[e] == '_' ||
                     (e > off && buf[e] >= '0' && buf[e] <= '9')))
    e++;
  return e > off ? arena_strndup(L->a, buf + off, e - off) : NULL;
}

#if VTL_LLVM_MAJOR < 19
static bool keyword_stmt(enum CXCursorKind k) {
  return k == CXCursor_DoStmt || k == CXCursor_IfStmt || k == CXCursor_SwitchStmt || k == CXCursor_WhileStmt ||
         k == CXCursor_ForStmt || k == CXCursor_CompoundStmt || k == CXCursor_CXXTryStmt;
}

/* A keyword statement whose text starts with its keyword (or `{`) was not written by a macro. */
static bool starts_with_keyword(const char *name, enum CXCursorKind k) {
  const char *kw = k == CXCursor_DoStmt       ? "do"
                   : k == CXCursor_IfStmt     ? "if"
                   : k == CXCursor_SwitchStmt ? "switch"
                   : k == CXCursor_WhileStmt  ? "while"
                   : k == CXCursor_ForStmt    ? "for"
                   : k == CXCursor_CXXTryStmt ? "try"
                                              : "";
  return strcmp(name, kw) == 0;
}
#endif

static bool has_lambda_arg(struct lower *L, CXCursor call) {
  int n = clang_Cursor_getNumArguments(call);
  for (int i = 0; i < n; i++)
    if (clang_getCursorKind(cx_strip(L, clang_Cursor_getArgument(call, (unsigned)i))) == CXCursor_LambdaExpr)
      return true;
  return false;
}

/* macro_args: the condition argument's file offsets [*a, *b) of the macro invoked at off
 * (its name) and ending by `end`: all the arguments or the first. */
static bool macro_args(struct lower *L, CXFile f, unsigned off, unsigned end, int which, unsigned *a, unsigned *b) {
  CXToken *toks = NULL;
  unsigned n = 0;
  CXSourceRange r = clang_getRange(clang_getLocationForOffset(L->tu, f, off), clang_getLocationForOffset(L->tu, f, end));
  clang_tokenize(L->tu, r, &toks, &n);
  bool ok = false;
  int depth = 0;
  for (unsigned i = 1; i < n; i++) {
    CXString s = clang_getTokenSpelling(L->tu, toks[i]);
    const char *t = clang_getCString(s);
    unsigned at = cx_file_offset(clang_getTokenLocation(L->tu, toks[i]));
    bool open = !strcmp(t, "(") || !strcmp(t, "[") || !strcmp(t, "{");
    bool close = !strcmp(t, ")") || !strcmp(t, "]") || !strcmp(t, "}");
    bool comma = !strcmp(t, ","), paren = !strcmp(t, "(");
    clang_disposeString(s);
    if (i == 1) {
      if (!paren)
        break;
      depth = 1;
      if (i + 1 < n)
        *a = cx_file_offset(clang_getTokenLocation(L->tu, toks[i + 1]));
      continue;
    }
    if (open)
      depth++;
    else if ((close && --depth == 0) || (comma && depth == 1 && which == AA_FIRST)) {
      *b = at;
      ok = *b > *a;
      break;
    }
  }
  clang_disposeTokens(L->tu, toks, n);
  return ok;
}

struct cond_find {
  CXFile f;
  unsigned a, b;
  unsigned n;
  CXCursor cur[16];
  unsigned s[16], e[16];
};

/* The outermost expressions written inside the argument's text: each copy of the condition
 * that the expansion evaluates (Catch2 evaluates it twice), or the pieces of a decomposed one. */
static enum CXChildVisitResult find_cond(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct cond_find *cf = data;
  if (!clang_isExpression(clang_getCursorKind(c)))
    return CXChildVisit_Recurse;
  CXSourceRange ext = clang_getCursorExtent(c);
  CXFile fs = NULL, fe = NULL;
  unsigned s = 0, e = 0;
  clang_getFileLocation(clang_getRangeStart(ext), &fs, NULL, NULL, &s);
  clang_getFileLocation(clang_getRangeEnd(ext), &fe, NULL, NULL, &e);
  if (fs && fe && clang_File_isEqual(fs, cf->f) && clang_File_isEqual(fe, cf->f) && s >= cf->a && s < cf->b &&
      e <= cf->b) {
    if (cf->n < 16) {
      cf->cur[cf->n] = c;
      cf->s[cf->n] = s;
      cf->e[cf->n++] = e;
    }
    return CXChildVisit_Continue;
  }
  return CXChildVisit_Recurse;
}

/* guard_cond: the expression that is the whole condition: the widest one starting at its first
 * token, which every other one lies within. A condition a decomposer split into pieces
 * (doctest's `REQUIRE(a == b)`) has none: the statement is then lowered as it is. */
static CXCursor guard_cond(struct lower *L, CXCursor stmt, CXFile f, unsigned a, unsigned b) {
  struct cond_find cf;
  memset(&cf, 0, sizeof cf);
  cf.f = f;
  cf.a = a;
  cf.b = b;
  clang_visitChildren(stmt, find_cond, &cf);
  (void)L;
  int best = -1;
  for (unsigned i = 0; i < cf.n; i++)
    if (cf.s[i] == a && (best < 0 || cf.e[i] > cf.e[best]))
      best = (int)i;
  if (best < 0 || cf.n == 16)
    return clang_getNullCursor();
  for (unsigned i = 0; i < cf.n; i++)
    if (cf.s[i] < cf.s[best] || cf.e[i] > cf.e[best])
      return clang_getNullCursor();
  return cf.cur[best];
}

/* The test stops when cond is false (true for a negated guard): code after the guard runs only
 * on the other edge, as after `if (!cond) abort();`. */
static void lower_guard(struct lower *L, CXCursor cond, int kind) {
  int32_t ok = new_block(L), stop = new_block(L);
  if (kind == AK_FATAL_FALSE)
    lower_cond(L, cond, stop, ok);
  else
    lower_cond(L, cond, ok, stop);
  L->cur = stop;
  jump(L, -1);
  L->cur = ok;
}

static enum CXChildVisitResult mark_lambdas(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) == CXCursor_LambdaExpr) {
    testfw_mark_lambda(data, c);
    return CXChildVisit_Continue;
  }
  return CXChildVisit_Recurse;
}

/* lower_assertion: a statement that is a test framework's assertion. A fatal guard whose
 * condition is found is lowered here (true); otherwise the statement is lowered as usual, as
 * part of the expansion (L->tfw_*), its calls expected to throw for an expect-throw. */
bool lower_assertion(struct lower *L, CXCursor c, enum CXCursorKind k) {
  struct testfw *tf = model_testfw(L->o->model);
  CXSourceRange ext = clang_getCursorExtent(c);
  CXSourceLocation start = clang_getRangeStart(ext);
  CXFile ef = NULL, sf = NULL;
  unsigned eoff = 0, soff = 0;
  clang_getExpansionLocation(start, &ef, NULL, NULL, &eoff);
  clang_getSpellingLocation(start, &sf, NULL, NULL, &soff);
  if (!ef)
    return false;
  bool macro = !(sf && clang_File_isEqual(ef, sf) && eoff == soff);
  if (L->tfw_file && macro && clang_File_isEqual(L->tfw_file, ef) && L->tfw_off == eoff)
    return false; /* a statement inside the expansion being lowered */
  char *name = NULL;
#if VTL_LLVM_MAJOR >= 19
  if (macro)
    macro = (name = ident_at(L, ef, eoff)) != NULL;
#else
  /* the spelling location is the file location here: a keyword statement whose text at its
   * expansion location is not its keyword came from a macro */
  if (macro || keyword_stmt(k))
    macro = (name = ident_at(L, ef, eoff)) != NULL && !starts_with_keyword(name, k);
#endif
  if (!macro) {
    /* assert_throws(lambda), and the functions the configuration names: require_ok(cond) */
    if (!clang_isExpression(k))
      return false;
    CXCursor call = cx_strip(L, c);
    if (clang_getCursorKind(call) != CXCursor_CallExpr || (!testfw_has_functions(tf) && !has_lambda_arg(L, call)))
      return false;
    struct assert_info ai = testfw_function(tf, clang_getCursorReferenced(call));
    if (ai.kind == AK_EXPECT_THROW) {
      clang_visitChildren(call, mark_lambdas, tf);
      L->expect_throw++;
    } else if (ai.kind != AK_NONE && clang_Cursor_getNumArguments(call) >= 1) {
      struct kids kd = cx_kids(L, call);
      CXCursor cond = clang_Cursor_getArgument(call, 0);
      for (unsigned i = 0; i + (unsigned)clang_Cursor_getNumArguments(call) < kd.n; i++)
        lower_expr(L, kd.v[i]); /* the callee (an object's member, a function pointer) */
      for (int i = 1; i < clang_Cursor_getNumArguments(call); i++)
        lower_expr(L, clang_Cursor_getArgument(call, (unsigned)i));
      lower_guard(L, cond, ai.kind);
      return true;
    }
    return false;
  }
  L->tfw_file = ef;
  L->tfw_off = eoff;
  struct assert_info ai = testfw_macro(tf, L->tu, ef, name);
  if (ai.kind == AK_EXPECT_THROW) {
    clang_visitChildren(c, mark_lambdas, tf);
    L->expect_throw++;
    return false;
  }
  if (ai.kind == AK_NONE)
    return false;
  CXFile endf = NULL;
  unsigned end = 0, a = 0, b = 0;
  clang_getFileLocation(clang_getRangeEnd(ext), &endf, NULL, NULL, &end);
  if (!endf || !clang_File_isEqual(endf, ef) || end <= eoff || !macro_args(L, ef, eoff, end, ai.arg, &a, &b))
    return false;
  CXCursor cond = guard_cond(L, c, ef, a, b);
  if (clang_Cursor_isNull(cond))
    return false;
  lower_guard(L, cond, ai.kind);
  return true;
}
