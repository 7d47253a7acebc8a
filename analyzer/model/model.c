/* model.c: the built-in `vtask` profile (C and C++) and the blocking waits of the library
 * profiles, as tables; lookups are cached per declaration cursor. */
#include "analyzer/model/model.h"

#include <stdio.h>
#include <string.h>

#include "analyzer/support/strbuf.h"

/* ---- a small cache keyed by declaration cursor ---- */

struct slot {
  CXCursor key;
  unsigned hash;
  bool used;
  int8_t is_vtask;            /* type cache: -1 unknown, 0 no, 1 yes */
  struct callee_info *callee; /* callee cache */
};

struct model {
  struct arena *arena;
  struct slot *slots;
  size_t cap, n;
};

struct model *model_new(struct arena *a) {
  struct model *m = ARENA_NEW(a, struct model);
  m->arena = a;
  m->cap = 256;
  m->slots = ARENA_ARRAY(a, struct slot, m->cap);
  return m;
}

static struct slot *lookup(struct model *m, CXCursor c) {
  if (m->n * 2 >= m->cap) {
    struct slot *old = m->slots;
    size_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = ARENA_ARRAY(m->arena, struct slot, m->cap);
    m->n = 0;
    for (size_t i = 0; i < oldcap; i++)
      if (old[i].used) {
        size_t j = old[i].hash & (m->cap - 1);
        while (m->slots[j].used)
          j = (j + 1) & (m->cap - 1);
        m->slots[j] = old[i];
        m->n++;
      }
  }
  unsigned h = clang_hashCursor(c);
  size_t j = h & (m->cap - 1);
  while (m->slots[j].used) {
    if (m->slots[j].hash == h && clang_equalCursors(m->slots[j].key, c))
      return &m->slots[j];
    j = (j + 1) & (m->cap - 1);
  }
  struct slot *s = &m->slots[j];
  s->used = true;
  s->key = c;
  s->hash = h;
  s->is_vtask = -1;
  m->n++;
  return s;
}

/* ---- names ---- */

/* qualified_name: "ns::cls::name" of a declaration, skipping inline namespaces (std::__1,
 * std::__cxx11) and anonymous ones, so libraries match however their headers nest them. */
static void qualified_name(CXCursor c, struct strbuf *out) {
  CXCursor chain[32];
  int n = 0;
  for (CXCursor p = c; n < 32; p = clang_getCursorSemanticParent(p)) {
    enum CXCursorKind k = clang_getCursorKind(p);
    if (clang_Cursor_isNull(p) || k == CXCursor_TranslationUnit || clang_isInvalid(k))
      break;
    if (k == CXCursor_Namespace && clang_Cursor_isInlineNamespace(p))
      continue;
    if (k == CXCursor_LinkageSpec)
      continue;
    chain[n++] = p;
  }
  for (int i = n - 1; i >= 0; i--) {
    CXString s = clang_getCursorSpelling(chain[i]);
    sb_adds(out, clang_getCString(s));
    clang_disposeString(s);
    if (i)
      sb_adds(out, "::");
  }
}

/* ---- types ---- */

static bool decl_is_vtask(CXCursor decl) {
  /* A specialisation (vt::vtask<int>) names the template it came from. */
  CXCursor tmpl = clang_getSpecializedCursorTemplate(decl);
  if (!clang_Cursor_isNull(tmpl))
    decl = tmpl;
  struct strbuf q = STRBUF_INIT;
  qualified_name(decl, &q);
  const char *s = sb_cstr(&q);
  bool r = strcmp(s, "vtask") == 0 || strcmp(s, "vt::vtask") == 0;
  sb_release(&q);
  return r;
}

bool model_is_vtask_type(struct model *m, CXType t) {
  t = clang_getCanonicalType(t);
  switch (t.kind) {
  case CXType_Record:
  case CXType_Unexposed: /* dependent specialisations (vt::vtask<T> inside a template) */
  case CXType_Elaborated:
    break;
  default:
    return false;
  }
  CXCursor decl = clang_getTypeDeclaration(t);
  if (clang_Cursor_isNull(decl) || clang_isInvalid(clang_getCursorKind(decl)))
    return false;
  struct slot *s = lookup(m, decl);
  if (s->is_vtask < 0)
    s->is_vtask = decl_is_vtask(decl);
  return s->is_vtask == 1;
}

static bool holds(struct model *m, CXType t, int depth) {
  if (depth > 8)
    return false;
  t = clang_getCanonicalType(t);
  switch (t.kind) {
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
  case CXType_DependentSizedArray:
    return holds(m, clang_getArrayElementType(t), depth + 1);
  case CXType_Record:
  case CXType_Unexposed:
  case CXType_Elaborated: {
    if (model_is_vtask_type(m, t))
      return true;
    int n = clang_Type_getNumTemplateArguments(t);
    for (int i = 0; i < n; i++) {
      CXType a = clang_Type_getTemplateArgumentAsType(t, (unsigned)i);
      if (a.kind != CXType_Invalid && holds(m, a, depth + 1))
        return true;
    }
    return false;
  }
  default:
    return false; /* pointers, references, functions: they do not hold the value */
  }
}

bool model_type_holds_vtask(struct model *m, CXType t) { return holds(m, t, 0); }

/* ---- calls ---- */

struct role_entry {
  const char *name;
  uint8_t role;
  int8_t arg;
};

/* C API (spec section 2): global functions taking the vtask first. */
static const struct role_entry c_api[] = {
    {"vtask_await", ROLE_AWAIT, 0},
    {"vtask_get_result", ROLE_GET_RESULT, 0},
    {"vtask_is_completed", ROLE_QUERY, 0},
    {"vtask_is_completed_successfully", ROLE_QUERY, 0},
    {"vtask_is_faulted", ROLE_QUERY, 0},
    {"vtask_is_canceled", ROLE_QUERY, 0},
    {"vtask_as_task", ROLE_TRANSFER, 0},
    {"vtask_from_result", ROLE_CREATE_COMPLETED, -1},
    {"vtask_completed", ROLE_CREATE_COMPLETED, -1},
    {"vt::from_result", ROLE_CREATE_COMPLETED, -1},
    {"std::move", ROLE_MOVE, 0},
    {"std::forward", ROLE_MOVE, 0},
    {NULL, 0, 0},
};

/* Methods of vt::vtask<T>, on *this. */
static const struct role_entry cxx_methods[] = {
    {"is_completed", ROLE_QUERY, -1},
    {"is_completed_successfully", ROLE_QUERY, -1},
    {"is_faulted", ROLE_QUERY, -1},
    {"is_canceled", ROLE_QUERY, -1},
    {"get_result", ROLE_GET_RESULT, -1},
    {"as_task", ROLE_TRANSFER, -1},
    {NULL, 0, 0},
};

/* Blocking waits of the library profiles (spec section 3), by qualified name. A wait is
 * legitimate in synchronous code and a deadlock inside a coroutine. */
static const char *const waits[] = {
    "std::future::get", "std::future::wait",
    /* libstdc++ declares the waits once, in the base of future and shared_future */
    "std::__basic_future::wait", "std::__basic_future::wait_for", "std::__basic_future::wait_until", "std::future::wait_for", "std::future::wait_until",
    "std::shared_future::get", "std::shared_future::wait", "std::shared_future::wait_for",
    "std::shared_future::wait_until",
    "cppcoro::sync_wait", "coro::sync_wait",
    "folly::coro::blockingWait", "folly::Future::get", "folly::Future::wait",
    "folly::SemiFuture::get", "folly::SemiFuture::wait",
    "async_simple::coro::syncAwait",
    "concurrencpp::result::get", "concurrencpp::result::wait", "concurrencpp::result::wait_for",
    "concurrencpp::result::wait_until",
    NULL,
};

/* Functions that never return, by name, for declarations that do not say so themselves. */
static const char *const noreturns[] = {
    "abort", "exit", "_Exit", "quick_exit", "_exit", "__assert_fail", "__assert_perror_fail",
    "__assert_rtn", "__assert", "_assert", "longjmp", "siglongjmp", "_longjmp", "__longjmp_chk",
    "__builtin_unreachable", "__builtin_trap", "__builtin_abort", "pthread_exit", "thrd_exit",
    "err", "errx", "verr", "verrx", "std::terminate", "std::abort", "std::exit", "std::_Exit",
    "std::quick_exit", "std::unreachable", "std::rethrow_exception", "std::__throw_logic_error",
    NULL,
};

static bool in_list(const char *const *list, const char *s) {
  for (; *list; list++)
    if (strcmp(*list, s) == 0)
      return true;
  return false;
}

static bool first_token_is(CXCursor c, const char *const *words) {
  CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
  CXToken *tok = clang_getToken(tu, clang_getRangeStart(clang_getCursorExtent(c)));
  if (!tok)
    return false;
  CXString s = clang_getTokenSpelling(tu, *tok);
  bool r = in_list(words, clang_getCString(s));
  clang_disposeString(s);
  clang_disposeTokens(tu, tok, 1);
  return r;
}

static enum CXChildVisitResult find_noreturn_attr(CXCursor c, CXCursor parent, CXClientData data) {
  static const char *const words[] = {"noreturn", "_Noreturn", "__noreturn__", NULL};
  (void)parent;
  if (clang_getCursorKind(c) == CXCursor_UnexposedAttr && first_token_is(c, words)) {
    *(bool *)data = true;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Continue;
}

static bool decl_is_noreturn(CXCursor decl, const char *qname) {
  if (in_list(noreturns, qname))
    return true;
  CXString ts = clang_getTypeSpelling(clang_getCursorType(decl));
  bool r = strstr(clang_getCString(ts), "noreturn") != NULL;
  clang_disposeString(ts);
  if (!r)
    clang_visitChildren(decl, find_noreturn_attr, &r);
  return r;
}

static const struct role_entry *find_role(const struct role_entry *t, const char *name) {
  for (; t->name; t++)
    if (strcmp(t->name, name) == 0)
      return t;
  return NULL;
}

const struct callee_info *model_callee(struct model *m, CXCursor decl) {
  struct slot *s = lookup(m, decl);
  if (s->callee)
    return s->callee;
  struct callee_info *ci = ARENA_NEW(m->arena, struct callee_info);
  s->callee = ci;
  ci->arg = -1;
  CXString sp = clang_getCursorSpelling(decl);
  ci->name = arena_strdup(m->arena, clang_getCString(sp));
  clang_disposeString(sp);

  /* Templates: a call to a function template specialisation names its template. */
  CXCursor tdecl = clang_getSpecializedCursorTemplate(decl);
  CXCursor named = clang_Cursor_isNull(tdecl) ? decl : tdecl;
  struct strbuf q = STRBUF_INIT;
  qualified_name(named, &q);
  const char *qname = sb_cstr(&q);

  enum CXCursorKind k = clang_getCursorKind(decl);
  const struct role_entry *e = NULL;
  if (k == CXCursor_CXXMethod) {
    CXCursor cls = clang_getCursorSemanticParent(decl);
    if (decl_is_vtask(cls))
      e = find_role(cxx_methods, ci->name);
  } else {
    e = find_role(c_api, qname);
  }
  if (e) {
    ci->role = e->role;
    ci->arg = e->arg;
  }
  /* Waits match "ns::cls::method" with the class's template arguments dropped. */
  ci->wait = in_list(waits, qname);
  ci->noreturn = decl_is_noreturn(decl, qname);
  sb_release(&q);
  return ci;
}
