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
 * program), or with a public pointer the program aims at its own data (iovec's iov_base,
 * epoll_event's data.ptr, a ucontext's stack). Pointers the library keeps for itself (FILE's
 * buffers, fields named with a leading '_') are not followed. A character buffer the function
 * also reads as a structure (`(struct msg *)buf`) is no buffer. A parameter that is a pointer or
 * reference to const makes its argument inert, whatever it is (sleep_for's duration). C++
 * constructors of a system header's classes are judged as functions (std::lock_guard); other
 * members are never inert: their object is state of the program's. A function during which
 * other code runs (the model's hands_over: pthread_cond_wait, sem_wait, pthread_mutex_lock,
 * raise, dlopen) is never inert: another thread, a handler or a library's constructor may
 * give `s->th` another value meanwhile. */
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

/* public_name: a field the program sets (iov_base, msg_iov, data.ptr, sival_ptr), not one of
 * the library's own (FILE's _IO_read_ptr, a mutex's __data): a reserved name starts with '_'. */
static bool public_name(CXCursor field) {
  CXString s = clang_getCursorSpelling(field);
  const char *n = clang_getCString(s);
  bool pub = n && n[0] && n[0] != '_';
  clang_disposeString(s);
  return pub;
}

static enum CXVisitorResult field_inert(CXCursor field, CXClientData data) {
  struct fields_walk *w = data;
  CXType t = clang_getCanonicalType(clang_getCursorType(field));
  while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
    t = clang_getCanonicalType(clang_getArrayElementType(t));
  if (t.kind == CXType_Pointer) {
    CXType p = clang_getCanonicalType(clang_getPointeeType(t));
    if (is_function_type(p))
      w->inert = false;
    else if (public_name(field) && !is_number(p) && !clang_isConstQualifiedType(p) &&
             !(p.kind == CXType_Record && in_system_header(clang_getTypeDeclaration(p))))
      w->inert = false; /* iov_base, data.ptr: the call writes where the program points it */
  } else if (t.kind == CXType_Record && !system_record_inert(t, w->depth + 1)) {
    w->inert = false;
  }
  return w->inert ? CXVisit_Continue : CXVisit_Break;
}

/* system_record_inert: a complete structure or union of a system header with no function
 * pointer in it, nor a public pointer the program may aim at its own data (iovec's iov_base,
 * epoll_event's data.ptr), nor such in the structures it holds (to a bounded depth). */
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

/* punned: decl (a character buffer) is also seen through a pointer of another type in this
 * function (`const struct msg *m = (const struct msg *)buf;`): what a call writes into it may
 * be a structure's fields. The function's explicit casts of variables to pointers of other
 * types than characters are collected once, on first need. */
struct punned_walk {
  struct lower *L;
  VEC(unsigned) found;
};

static enum CXChildVisitResult collect_punned(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct punned_walk *w = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_CStyleCastExpr || k == CXCursor_CXXReinterpretCastExpr || k == CXCursor_CXXStaticCastExpr) {
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    CXCursor in = cx_strip(w->L, c);
    if (t.kind == CXType_Pointer && !is_number(clang_getCanonicalType(clang_getPointeeType(t))) &&
        clang_getCursorKind(in) == CXCursor_DeclRefExpr)
      vec_push(w->L->a, &w->found, clang_hashCursor(clang_getCursorReferenced(in)));
  }
  return CXChildVisit_Recurse;
}

static bool punned(struct lower *L, CXCursor decl) {
  if (!L->punned_ready) {
    struct punned_walk w = {L, {0}};
    clang_visitChildren(L->fn, collect_punned, &w);
    L->punned = w.found.v;
    L->npunned = w.found.n;
    L->punned_ready = true;
  }
  unsigned h = clang_hashCursor(decl);
  for (size_t i = 0; i < L->npunned; i++)
    if (L->punned[i] == h)
      return true;
  return false;
}

/* buffer_punned: argument e is a character buffer the function also reads as a structure. */
static bool buffer_punned(struct lower *L, CXCursor e) {
  CXCursor s = cx_strip(L, e);
  return clang_getCursorKind(s) == CXCursor_DeclRefExpr && punned(L, clang_getCursorReferenced(s));
}

/* to_const: a parameter that is a reference or a pointer to a const number or system structure
 * with nothing in it that points at the program's data (readv's const struct iovec * does:
 * the call writes where its iov_base points). */
static bool to_const(CXType t) {
  CXType c = clang_getCanonicalType(t);
  if (c.kind != CXType_LValueReference && c.kind != CXType_RValueReference && c.kind != CXType_Pointer)
    return false;
  CXType p = clang_getCanonicalType(clang_getPointeeType(c));
  if (!clang_isConstQualifiedType(p) || p.kind == CXType_Void)
    return false;
  return is_number(p) || (p.kind == CXType_Record && system_record_inert(p, 0));
}

bool var_call_is_inert(struct lower *L, CXCursor call) {
  if (clang_getCursorKind(call) != CXCursor_CallExpr)
    return false;
  CXCursor fn = clang_getCursorReferenced(call);
  enum CXCursorKind fk = clang_getCursorKind(fn);
  if ((fk != CXCursor_FunctionDecl && fk != CXCursor_Constructor) || !in_system_header(fn))
    return false;
  CXType ft = clang_getCursorType(fn);
  int nparams = clang_getNumArgTypes(ft);
  const struct callee_info *ci = model_callee(L->o->model, fn);
  if (ci && ci->hands_over)
    return false;
  int n = clang_Cursor_getNumArguments(call);
  if (n < 0)
    return false;
  for (int i = 0; i < n; i++) {
    CXCursor a = clang_Cursor_getArgument(call, (unsigned)i);
    if (i < nparams && to_const(clang_getArgType(ft, (unsigned)i)))
      continue; /* std::this_thread::sleep_for(const duration &) */
    /* as passed, and before its casts: (char *)&m is a structure's address */
    if (!argument_inert(L, clang_getCursorType(a)) || !argument_inert(L, clang_getCursorType(cx_strip(L, a))) ||
        buffer_punned(L, a))
      return false;
  }
  return true;
}
