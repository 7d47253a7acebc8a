/* lower_clang.c: the lowering's libclang adapter. Children, spellings, tokens, operator kinds
 * and the wrappers (parentheses, implicit casts) that hide an expression: everything here asks
 * libclang a question about one cursor and knows nothing of vtasks, so the other rooms read as
 * grammar rather than as cursor plumbing. */
#include <stdint.h>
#include <string.h>

#include "analyzer/flow/lower_int.h"

/* ---- children, spellings, tokens ---- */

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

/* The memo's key is the whole cursor, compared field by field: equal cursors have the same
 * children (libclang computes them from the cursor's fields alone). */
static bool same_cursor(const CXCursor *a, const CXCursor *b) {
  return a->kind == b->kind && a->xdata == b->xdata && a->data[0] == b->data[0] && a->data[1] == b->data[1] &&
         a->data[2] == b->data[2];
}

static size_t cursor_hash(const CXCursor *c) {
  uint64_t h = (uint64_t)c->kind * 0x9E3779B97F4A7C15ull;
  h ^= (uint64_t)(uintptr_t)c->data[1] * 0xC2B2AE3D27D4EB4Full;
  h ^= (uint64_t)(uintptr_t)c->data[0] + ((uint64_t)(uintptr_t)c->data[2] << 1) + (uint64_t)(unsigned)c->xdata;
  h ^= h >> 31;
  h *= 0x165667B19E3779F9ull;
  return (size_t)(h ^ (h >> 29));
}

static struct kids_slot *kids_slot(struct lower *L, const CXCursor *c) {
  if (2 * (L->kids_n + 1) > L->kids_cap) {
    size_t ncap = L->kids_cap ? L->kids_cap * 2 : 256;
    struct kids_slot *nv = ARENA_ARRAY(L->a, struct kids_slot, ncap);
    for (size_t i = 0; i < L->kids_cap; i++) {
      if (!L->kids_memo[i].key.kind)
        continue;
      size_t k = cursor_hash(&L->kids_memo[i].key) & (ncap - 1);
      while (nv[k].key.kind)
        k = (k + 1) & (ncap - 1);
      nv[k] = L->kids_memo[i];
    }
    L->kids_memo = nv;
    L->kids_cap = ncap;
  }
  size_t k = cursor_hash(c) & (L->kids_cap - 1);
  while (L->kids_memo[k].key.kind && !same_cursor(&L->kids_memo[k].key, c))
    k = (k + 1) & (L->kids_cap - 1);
  return &L->kids_memo[k];
}

struct kids cx_kids(struct lower *L, CXCursor c) {
  struct kids k = {NULL, 0, 0, L->a};
  if (!c.kind) { /* never a key: not memoised */
    clang_visitChildren(c, collect, &k);
    return k;
  }
  struct kids_slot *s = kids_slot(L, &c);
  if (s->key.kind) {
    k.v = s->v;
    k.n = k.cap = s->n;
    return k;
  }
  clang_visitChildren(c, collect, &k);
  s->key = c;
  s->v = k.v;
  s->n = k.n;
  L->kids_n++;
  return k;
}

char *cx_spell(struct lower *L, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  char *r = arena_strdup(L->a, clang_getCString(s));
  clang_disposeString(s);
  return r;
}

bool cx_first_token_is(struct lower *L, CXCursor c, const char *word) {
  CXToken *tok = clang_getToken(L->tu, clang_getCursorLocation(c));
  if (!tok)
    return false;
  CXString s = clang_getTokenSpelling(L->tu, *tok);
  bool r = strcmp(clang_getCString(s), word) == 0;
  clang_disposeString(s);
  clang_disposeTokens(L->tu, tok, 1);
  return r;
}
unsigned cx_file_offset(CXSourceLocation loc) {
  unsigned off = 0;
  clang_getFileLocation(loc, NULL, NULL, NULL, &off);
  return off;
}

/* ---- operators (clang_getCursor*OperatorKind from libclang 17; tokens before) ---- */

#if VTL_LLVM_MAJOR >= 17
enum op cx_binop(struct lower *L, CXCursor c) {
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
  case CXBinaryOperator_LT:
    return OP_LT;
  case CXBinaryOperator_LE:
    return OP_LE;
  case CXBinaryOperator_GT:
    return OP_GT;
  case CXBinaryOperator_GE:
    return OP_GE;
  default:
    return OP_OTHER;
  }
}

enum op cx_unop(struct lower *L, CXCursor c) {
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
               {"--", OP_INCDEC}, {"<", OP_LT}, {"<=", OP_LE}, {">", OP_GT}, {">=", OP_GE}};
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

enum op cx_binop(struct lower *L, CXCursor c) {
  struct kids k = cx_kids(L, c);
  if (k.n < 2)
    return OP_OTHER;
  return tok_op(L, clang_getRange(clang_getRangeEnd(clang_getCursorExtent(k.v[0])),
                                  clang_getRangeStart(clang_getCursorExtent(k.v[1]))));
}

enum op cx_unop(struct lower *L, CXCursor c) {
  struct kids k = cx_kids(L, c);
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

/* Counting a node's children without storing them: cx_strip() asks this of every wrapper on the
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

bool cx_is_wrapper(struct lower *L, CXCursor c, CXCursor *inner) {
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr &&
      k != CXCursor_CXXStaticCastExpr && k != CXCursor_CXXFunctionalCastExpr &&
      k != CXCursor_CXXConstCastExpr && k != CXCursor_CXXReinterpretCastExpr)
    return false;
  /* Casts may carry a TypeRef child before the operand; an implicit wrapper has exactly one.
   * The children come from the memo: the wrapper's operand is lowered next anyway. */
  struct child_count cc = {0, 0, {0}};
  struct kids kd = cx_kids(L, c);
  for (unsigned i = 0; i < kd.n && count_child(kd.v[i], c, &cc) == CXChildVisit_Continue; i++)
    ;
  if (cc.exprs != 1 || (k == CXCursor_UnexposedExpr && cc.all != 1))
    return false;
  if (cx_is_conversion(c, cc.last_expr))
    return false;
  *inner = cc.last_expr;
  return true;
}

/* cx_is_conversion: an explicit cast of an object to a scalar (static_cast<bool>(r)) calls a
 * conversion operator; it yields a new value, not its operand. Outside templates libclang
 * shows the operator's call beneath the cast; inside one, the operand is dependent and the
 * cast is all there is. */
bool cx_is_conversion(CXCursor cast, CXCursor operand) {
  enum CXCursorKind k = clang_getCursorKind(cast);
  if (k == CXCursor_ParenExpr || k == CXCursor_UnexposedExpr)
    return false;
  CXType to = clang_getCanonicalType(clang_getCursorType(cast));
  CXType from = clang_getCanonicalType(clang_getCursorType(operand));
  bool to_scalar = (to.kind >= CXType_Bool && to.kind <= CXType_Int128) || to.kind == CXType_Enum;
  bool from_object = from.kind == CXType_Record || from.kind == CXType_Unexposed || from.kind == CXType_Elaborated;
  return to_scalar && from_object;
}

bool cx_is_void_cast(CXCursor c) {
  enum CXCursorKind k = clang_getCursorKind(c);
  return (k == CXCursor_CStyleCastExpr || k == CXCursor_CXXStaticCastExpr || k == CXCursor_CXXFunctionalCastExpr) &&
         clang_getCursorType(c).kind == CXType_Void;
}

/* cx_strip: the expression under parentheses and implicit or value-preserving casts; a cast to
 * void is kept, since it says the value is discarded. */
CXCursor cx_strip(struct lower *L, CXCursor c) {
  CXCursor in;
  while (!cx_is_void_cast(c) && cx_is_wrapper(L, c, &in))
    c = in;
  return c;
}

bool cx_is_function_kind(enum CXCursorKind k) {
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
         k == CXCursor_Destructor || k == CXCursor_ConversionFunction || k == CXCursor_FunctionTemplate ||
         k == CXCursor_LambdaExpr;
}

/* cx_const_value: the value of an integer, bool, character or string literal, or of an
 * enumerator (c already stripped). */
bool cx_const_value(struct lower *L, CXCursor c, long long *out) {
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
