/* decls.c: see decls.h. */
#include "analyzer/flow/decls.h"

#include <stdint.h>

#include "analyzer/flow/lower.h"

static char *type_spelling(struct decls *d, CXType t) {
  CXString s = clang_getTypeSpelling(t);
  char *r = arena_strdup(d->arena, clang_getCString(s));
  clang_disposeString(s);
  return r;
}

static char *cursor_spelling(struct decls *d, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  char *r = arena_strdup(d->arena, clang_getCString(s));
  clang_disposeString(s);
  return r;
}

static void fact(struct decls *d, int kind, CXCursor c, const struct vtype *vt) {
  struct decl_fact f = {kind, cursor_spelling(d, c), type_spelling(d, clang_getCursorType(c)), c, vt};
  d->fact(d->self, &f);
}

static enum CXChildVisitResult last_child(CXCursor c, CXCursor p, CXClientData data) {
  (void)p;
  *(CXCursor *)data = c;
  return CXChildVisit_Continue;
}

/* has_body: definition c (clang_isCursorDefinition) has its body as its last child (after
 * parameters, attributes, constructor initialisers). libclang visits a function's body only
 * when the declaration has one, and then calls it the definition (clang_getCursorDefinition:
 * the redeclaration whose body FunctionDecl::getBody finds, this one first), so a declaration
 * that is not the definition, as most in headers are, is answered without the visit of its
 * children. */
static bool has_body(CXCursor c) {
  CXCursor last = clang_getNullCursor();
  clang_visitChildren(c, last_child, &last);
  enum CXCursorKind k = clang_getCursorKind(last);
  return !clang_Cursor_isNull(last) && (k == CXCursor_CompoundStmt || k == CXCursor_UnexposedStmt || k == CXCursor_CXXTryStmt);
}

static bool is_record(enum CXCursorKind k) {
  return k == CXCursor_StructDecl || k == CXCursor_ClassDecl || k == CXCursor_UnionDecl ||
         k == CXCursor_ClassTemplate || k == CXCursor_ClassTemplatePartialSpecialization;
}

/* field_decl: a field that holds a tracked type, unless its class is the machinery that carries
 * awaitables to their consumer (an awaiter, a promise type: the model knows their shape). */
/* type_holds: model_type_holds, asked once per type of the unit (a CXType is its
 * translation unit and its type, data[1] and data[0]; the model's answer depends on nothing
 * else). */
static const struct vtype *type_holds(struct decls *d, CXType t) {
  if (!t.data[0])
    return model_type_holds(d->model, t);
  if (2 * (d->memo_n + 1) > d->memo_cap) {
    size_t cap = d->memo_cap ? 2 * d->memo_cap : 256;
    struct decls_memo *m = ARENA_ARRAY(d->arena, struct decls_memo, cap);
    for (size_t i = 0; i < d->memo_cap; i++)
      if (d->memo[i].type) {
        size_t k = ((uintptr_t)d->memo[i].type >> 4) & (cap - 1);
        while (m[k].type)
          k = (k + 1) & (cap - 1);
        m[k] = d->memo[i];
      }
    d->memo = m;
    d->memo_cap = cap;
  }
  size_t k = ((uintptr_t)t.data[0] >> 4) & (d->memo_cap - 1);
  for (; d->memo[k].type; k = (k + 1) & (d->memo_cap - 1))
    if (d->memo[k].type == t.data[0])
      return d->memo[k].holds;
  d->memo[k].type = t.data[0];
  d->memo[k].holds = model_type_holds(d->model, t);
  d->memo_n++;
  return d->memo[k].holds;
}

static void field_decl(struct decls *d, CXCursor c) {
  const struct vtype *vt = type_holds(d, clang_getCursorType(c));
  if (vt && !model_carries_awaitables(d->model, clang_getCursorSemanticParent(c)))
    fact(d, DECL_FIELD, c, vt);
}

static void var_decl(struct decls *d, CXCursor c) {
  if (is_record(clang_getCursorKind(clang_getCursorSemanticParent(c)))) {
    /* static data member: storage in the class, like a field (and a global) */
    const struct vtype *mt = model_type_holds(d->model, clang_getCursorType(c));
    if (mt)
      fact(d, DECL_STATIC_MEMBER, c, mt);
    return;
  }
  /* A namespace-scope vtask with an initialiser: stored in a global. */
  const struct vtype *vt = model_vtype(d->model, clang_getCursorType(c));
  if (vt) {
    CXCursor last = clang_getNullCursor();
    clang_visitChildren(c, last_child, &last);
    if (!clang_Cursor_isNull(last) && clang_isExpression(clang_getCursorKind(last)) && !lower_is_default_init(last))
      fact(d, DECL_GLOBAL_INIT, c, vt);
  }
}

/* What walk does with a declaration of kind k: nothing, recurse into it, or look at it as a
 * field, a variable or a function. */
enum walk_do { WALK_NOTHING, WALK_RECURSE, WALK_FIELD, WALK_VAR, WALK_FUNCTION };

static enum walk_do walk_do(enum CXCursorKind k) {
  switch (k) {
  case CXCursor_Namespace:
  case CXCursor_LinkageSpec:
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
  case CXCursor_ClassDecl:
  case CXCursor_ClassTemplate:
  case CXCursor_ClassTemplatePartialSpecialization:
  case CXCursor_UnexposedDecl: /* extern "C++" blocks, export */
    return WALK_RECURSE;
  case CXCursor_FieldDecl:
    return WALK_FIELD;
  case CXCursor_VarDecl:
    return WALK_VAR;
  case CXCursor_FunctionDecl:
  case CXCursor_CXXMethod:
  case CXCursor_Constructor:
  case CXCursor_Destructor:
  case CXCursor_ConversionFunction:
  case CXCursor_FunctionTemplate:
    return WALK_FUNCTION;
  default:
    return WALK_NOTHING;
  }
}

/* walk: declarations in system headers are passed over, and those the preamble's record
 * covers (skip). Where a declaration is costs more to ask (clang_Location_isInSystemHeader and
 * the cursor's location: 430 instructions, against a few for its kind) than what walk does
 * with most of a system header's: nothing with a typedef, an enum or a function's declaration
 * without its definition. So those are passed over first, wherever they are; the answer is the
 * same. */
static enum CXChildVisitResult walk(CXCursor c, CXCursor parent, CXClientData data) {
  struct decls *d = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  enum walk_do what = walk_do(k);
  if (what == WALK_NOTHING || (what == WALK_FUNCTION && !clang_isCursorDefinition(c)))
    return CXChildVisit_Continue;
  if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
    return CXChildVisit_Continue;
  if (d->skip && clang_getCursorKind(parent) == CXCursor_TranslationUnit && d->skip(d->self, c))
    return CXChildVisit_Continue;
  switch (what) {
  case WALK_RECURSE:
    return CXChildVisit_Recurse;
  case WALK_FIELD:
    field_decl(d, c);
    break;
  case WALK_VAR:
    var_decl(d, c);
    break;
  case WALK_FUNCTION:
    if (has_body(c)) {
      d->function(d->self, c);
      /* Lambdas met in the body are functions of their own; they may nest (the queue grows
       * while it is read). */
      for (size_t i = 0; i < d->lambdas.n; i++)
        d->function(d->self, d->lambdas.v[i]);
      d->lambdas.n = 0;
    }
    break;
  case WALK_NOTHING:
    break;
  }
  return CXChildVisit_Continue;
}

void decls_walk(struct decls *d, CXTranslationUnit tu) {
  clang_visitChildren(clang_getTranslationUnitCursor(tu), walk, d);
}

/* walk_record: the fields of a type defined inside a function body. Only declaration facts:
 * its member functions are not lowered from inside another function's lowering (nested
 * lowering of local classes crashed libclang on real code: fmtlib's tests). */
static enum CXChildVisitResult walk_record(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct decls *d = data;
  switch (clang_getCursorKind(c)) {
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
  case CXCursor_ClassDecl:
    return CXChildVisit_Recurse;
  case CXCursor_FieldDecl:
    field_decl(d, c);
    return CXChildVisit_Continue;
  default:
    return CXChildVisit_Continue;
  }
}

void decls_on_record(void *decls, CXCursor record) { clang_visitChildren(record, walk_record, decls); }

void decls_on_lambda(void *decls, CXCursor lambda) {
  struct decls *d = decls;
  vec_push(d->arena, &d->lambdas, lambda);
}
