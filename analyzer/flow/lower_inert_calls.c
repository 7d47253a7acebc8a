/* lower_inert_calls.c: the calls that cannot change what an access path holds.
 *
 * An access path (`s->th`, `pool->workers[2].tid`: lower_names.c) is a handle kept in one of
 * the program's structures. Between two uses of it, a call we cannot see may have given it
 * another value, so the lowering forgets what every path held after such a call, and
 * `pthread_join(s->th, NULL); refill(s); pthread_join(s->th, NULL);` is not a double join.
 * But a function of a system header knows nothing of the program's structures: it can reach
 * one only through what the call gives it. So `printf`, `fprintf(stderr, ...)`, `sleep`,
 * `pthread_mutex_lock(&s->mu)` and `strerror` between two joins of `s->th` leave it as it
 * was, and the second join is reported. Such a call is inert when each of its arguments is
 *
 *   - a value that is not a pointer: a number, an enum, a thread ID, and in C a structure of
 *     a system header copied in (in C++ a structure by value may be an iterator into the
 *     program's data, or a callable);
 *   - a pointer (or a C++ reference) to const;
 *   - a pointer to something the callee may write without reaching a structure of the
 *     program's: a number or a character (a buffer, an out-parameter), a pointer to those
 *     (strtol's end pointer), or a complete structure of a system header that holds no
 *     function pointer however deep (FILE, pthread_mutex_t, struct timespec).
 *
 * Not inert: a pointer to void (memset, free, qsort), to one of the program's structures, to
 * a handle, to a pointer to structures, any function pointer (a callback may do anything),
 * a pointer to an opaque structure (a library's event base may hold anything), or to a
 * structure with function pointers inside (a libuv loop: uv_run calls back into the
 * program). Pointers inside a system structure are not followed: FILE's buffers are the
 * library's own. Members of C++ classes are never inert: their object is state of the
 * program's. Other threads are not considered: a thread that gives `s->th` another value
 * while this one waits in pthread_cond_wait is not seen. */
#include "analyzer/flow/lower_int.h"

static bool in_system_header(CXCursor decl) {
  return clang_Location_isInSystemHeader(clang_getCursorLocation(decl)) != 0;
}

static bool is_function_type(CXType t) {
  return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

static bool is_number(CXType t) {
  return (t.kind >= CXType_FirstBuiltin && t.kind <= CXType_LastBuiltin && t.kind != CXType_Void) ||
         t.kind == CXType_Enum;
}

struct fields_walk {
  int depth;
  bool inert;
};

static bool system_record_inert(CXType record, int depth);

static enum CXVisitorResult field_inert(CXCursor field, CXClientData data) {
  struct fields_walk *w = data;
  CXType t = clang_getCanonicalType(clang_getCursorType(field));
  while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
    t = clang_getCanonicalType(clang_getArrayElementType(t));
  if (t.kind == CXType_Pointer && is_function_type(clang_getCanonicalType(clang_getPointeeType(t))))
    w->inert = false;
  else if (t.kind == CXType_Record && !system_record_inert(t, w->depth + 1))
    w->inert = false;
  return w->inert ? CXVisit_Continue : CXVisit_Break;
}

/* system_record_inert: a complete structure or union of a system header with no function
 * pointer in it, nor in the structures it holds (to a bounded depth). */
static bool system_record_inert(CXType record, int depth) {
  CXCursor decl = clang_getTypeDeclaration(record);
  if (depth > 4 || clang_Cursor_isNull(decl) || !in_system_header(decl))
    return false;
  if (clang_Type_getSizeOf(record) < 0)
    return false; /* opaque: we cannot see what it holds */
  struct fields_walk w = {depth, true};
  clang_Type_visitFields(record, field_inert, &w);
  return w.inert;
}

/* written_inert: the callee may write an object of type t without changing a path. */
static bool written_inert(CXType t) {
  t = clang_getCanonicalType(t);
  if (clang_isConstQualifiedType(t))
    return true;
  if (is_number(t))
    return true;
  if (t.kind == CXType_Pointer) {
    CXType p = clang_getCanonicalType(clang_getPointeeType(t));
    return is_number(p) || clang_isConstQualifiedType(p);
  }
  if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
    return written_inert(clang_getArrayElementType(t));
  if (t.kind == CXType_Record)
    return system_record_inert(t, 0);
  return false;
}

static bool argument_inert(struct lower *L, CXType t) {
  CXType c = clang_getCanonicalType(t);
  switch (c.kind) {
  case CXType_Pointer:
  case CXType_LValueReference:
  case CXType_RValueReference: {
    CXType p = clang_getCanonicalType(clang_getPointeeType(c));
    if (model_vtype(L->o->model, clang_getPointeeType(t)))
      return false; /* a handle, written */
    if (is_function_type(p) || p.kind == CXType_Void)
      return clang_isConstQualifiedType(p) && p.kind == CXType_Void; /* const void *: read only */
    return written_inert(p);
  }
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
    return written_inert(clang_getArrayElementType(c));
  case CXType_Record:
    return !L->cxx && system_record_inert(c, 0);
  default:
    return is_number(c);
  }
}

bool var_call_is_inert(struct lower *L, CXCursor call) {
  if (clang_getCursorKind(call) != CXCursor_CallExpr)
    return false;
  CXCursor fn = clang_getCursorReferenced(call);
  if (clang_getCursorKind(fn) != CXCursor_FunctionDecl || !in_system_header(fn))
    return false;
  int n = clang_Cursor_getNumArguments(call);
  if (n < 0)
    return false;
  for (int i = 0; i < n; i++)
    if (!argument_inert(L, clang_getCursorType(clang_Cursor_getArgument(call, (unsigned)i))))
      return false;
  return true;
}
