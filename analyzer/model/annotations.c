/* annotations.c: spec section 4. A header marks its own single-use types and the roles of its
 * functions and parameters with __attribute__((annotate("vtask::..."))), read here through
 * libclang's AnnotateAttr cursors. Annotated types belong to the `custom` profile. */
#include <string.h>

#include "analyzer/model/model_int.h"

struct annot_scan {
  const char *want;
  bool found;
};

static enum CXChildVisitResult find_annotation(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct annot_scan *s = data;
  if (clang_getCursorKind(c) == CXCursor_AnnotateAttr) {
    CXString sp = clang_getCursorSpelling(c);
    if (strcmp(clang_getCString(sp), s->want) == 0)
      s->found = true;
    clang_disposeString(sp);
    if (s->found)
      return CXChildVisit_Break;
  }
  return CXChildVisit_Continue;
}

/* own_attrs_only: a cursor of kind k shows as attributes among its children exactly its
 * declaration's own (clang_Cursor_hasAttrs). Not a template's: a ClassTemplate's children are
 * those of the class it templates, whose attributes are not the template declaration's. */
static bool own_attrs_only(enum CXCursorKind k) {
  switch (k) {
  case CXCursor_TypedefDecl:
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
  case CXCursor_EnumDecl:
  case CXCursor_FunctionDecl:
  case CXCursor_ParmDecl:
  case CXCursor_VarDecl:
  case CXCursor_FieldDecl:
    return true;
  default:
    return false;
  }
}

/* annot_has: an annotation is one of the declaration's attributes, which libclang visits as
 * its children: a C declaration without attributes (most are) is answered without the visit
 * (about a thousand instructions of set-up for each typedef a unit's fields name). */
bool annot_has(CXCursor decl, const char *what) {
  if (own_attrs_only(clang_getCursorKind(decl)) && !clang_Cursor_hasAttrs(decl))
    return false;
  struct annot_scan s = {what, false};
  clang_visitChildren(decl, find_annotation, &s);
  return s.found;
}

/* Annotated parameters and functions. */
static const struct {
  const char *annotation;
  uint8_t role;
} annotated_roles[] = {
    {"vtask::await", ROLE_AWAIT},
    {"vtask::get_result", ROLE_GET_RESULT},
    {"vtask::query", ROLE_QUERY},
    {"vtask::transfer", ROLE_TRANSFER},
};
enum { NROLES = sizeof annotated_roles / sizeof annotated_roles[0] };

bool annot_role(struct callee_info *ci, CXCursor decl) {
  for (size_t k = 0; k < NROLES; k++)
    if (annot_has(decl, annotated_roles[k].annotation)) {
      ci->role = annotated_roles[k].role;
      ci->arg = -1;
      return true;
    }
  int n = clang_Cursor_getNumArguments(decl);
  for (int i = 0; i < n; i++) {
    CXCursor p = clang_Cursor_getArgument(decl, (unsigned)i);
    for (size_t k = 0; k < NROLES; k++)
      if (annot_has(p, annotated_roles[k].annotation)) {
        ci->role = annotated_roles[k].role;
        ci->arg = (int8_t)i;
        return true;
      }
  }
  if (annot_has(decl, "vtask::returns_completed")) {
    ci->role = ROLE_CREATE_COMPLETED;
    return true;
  }
  return false;
}

const struct vtype *annot_type(struct model *m, CXCursor named, const char *qname) {
  if (!annot_has(named, "vtask::single_use"))
    return NULL;
  /* fields_allowed may sit on the typedef or on the struct it names */
  bool fa = annot_has(named, "vtask::fields_allowed");
  if (!fa && clang_getCursorKind(named) == CXCursor_TypedefDecl) {
    CXCursor under = clang_getTypeDeclaration(clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(named)));
    fa = !clang_Cursor_isNull(under) && annot_has(under, "vtask::fields_allowed");
  }
  return conf_custom_type(m, qname, -1, fa);
}
