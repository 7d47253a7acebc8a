/* template_code.c: see template_code.h. */
#include "analyzer/driver/template_code.h"

#include <string.h>

static enum CXChildVisitResult find_auto_param(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  bool *found = data;
  if (clang_getCursorKind(c) != CXCursor_ParmDecl)
    return CXChildVisit_Continue;
  CXString t = clang_getTypeSpelling(clang_getCursorType(c));
  const char *s = clang_getCString(t);
  *found = s && strstr(s, "auto") != NULL;
  clang_disposeString(t);
  return *found ? CXChildVisit_Break : CXChildVisit_Continue;
}

static bool is_generic_lambda(CXCursor lambda) {
  bool found = false;
  clang_visitChildren(lambda, find_auto_param, &found);
  return found;
}

static enum CXChildVisitResult find_dependent(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  bool *found = data;
  if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
    return CXChildVisit_Continue;
  enum CXCursorKind k = clang_getCursorKind(c);
  bool dependent = k == CXCursor_FunctionTemplate || k == CXCursor_ClassTemplate ||
                   k == CXCursor_ClassTemplatePartialSpecialization || k == CXCursor_TemplateTypeParameter ||
                   k == CXCursor_NonTypeTemplateParameter || k == CXCursor_TemplateTemplateParameter ||
                   (k == CXCursor_LambdaExpr && is_generic_lambda(c));
  if (!dependent && (k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_ClassDecl ||
                     k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_VarDecl))
    dependent = !clang_Cursor_isNull(clang_getSpecializedCursorTemplate(c));
  if (dependent) {
    *found = true;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Recurse;
}

bool template_code_in_main_file(CXTranslationUnit tu) {
  bool found = false;
  clang_visitChildren(clang_getTranslationUnitCursor(tu), find_dependent, &found);
  return found;
}

