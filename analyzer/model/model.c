/* model.c: the built-in profiles of spec section 3 as tables, annotations (section 4) and the
 * configuration's awaitables (section 4b); lookups are cached per declaration cursor. */
#include "analyzer/model/model.h"

#include <stdio.h>
#include <string.h>

#include "analyzer/support/strbuf.h"

/* ---- a small cache keyed by declaration cursor ---- */

struct slot {
  CXCursor key;
  unsigned hash;
  bool used;
  bool type_done;
  int8_t fields_allowed;      /* typedefs: -1 not computed, else carries vtask::fields_allowed */
  const struct vtype *type;   /* type cache */
  struct callee_info *callee; /* callee cache */
};

struct model {
  struct arena *arena;
  const struct model_settings *settings;
  struct slot *slots;
  size_t cap, n;
};

static const struct model_settings no_settings;

struct model *model_new(struct arena *a, const struct model_settings *settings) {
  struct model *m = ARENA_NEW(a, struct model);
  m->arena = a;
  m->settings = settings ? settings : &no_settings;
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
  s->fields_allowed = -1;
  m->n++;
  return s;
}

/* ---- names ---- */

/* qualified_name: "ns::cls::name" of a declaration, skipping inline namespaces (std::__1,
 * std::__cxx11) and extern "C" blocks, so libraries match however their headers nest them. */
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

static bool in_list(const char *const *list, const char *s) {
  for (; *list; list++)
    if (strcmp(*list, s) == 0)
      return true;
  return false;
}

/* ---- the profiles' types ---- */

static const char *const profile_names[PROF_COUNT] = {
    "vtask", "std-future", "asio", "async-simple", "concurrencpp", "folly", "cppcoro", "libcoro",
    "pthread", "libuv", "custom",
};

const char *model_profile_name(int profile) {
  return profile >= 0 && profile < PROF_COUNT ? profile_names[profile] : "?";
}

/*                                   name profile double-await fields-allowed discard-local by-address */
static const struct vtype builtin_types[] = {
    {"vtask", PROF_VTASK, DA_ERROR, false, true, false, false, -1},
    {"vt::vtask", PROF_VTASK, DA_ERROR, false, true, false, false, -1},
    {"std::future", PROF_STD_FUTURE, DA_ERROR, true, false, false, false, -1},
    {"asio::awaitable", PROF_ASIO, DA_ERROR, false, true, false, false, -1},
    {"boost::asio::awaitable", PROF_ASIO, DA_ERROR, false, true, false, false, -1},
    {"async_simple::coro::Lazy", PROF_ASYNC_SIMPLE, DA_ERROR, false, true, false, false, -1},
    {"concurrencpp::result", PROF_CONCURRENCPP, DA_ERROR, true, false, false, false, -1},
    {"concurrencpp::lazy_result", PROF_CONCURRENCPP, DA_ERROR, true, false, false, false, -1},
    {"folly::coro::Task", PROF_FOLLY, DA_ERROR, false, true, false, false, -1},
    {"folly::SemiFuture", PROF_FOLLY, DA_ERROR, true, false, false, false, -1},
    {"folly::Future", PROF_FOLLY, DA_ERROR, true, false, false, false, -1},
    {"cppcoro::task", PROF_CPPCORO, DA_AFTER_MOVE, false, true, false, false, -1},
    {"coro::task", PROF_LIBCORO, DA_AFTER_MOVE, false, true, false, false, -1},
    /* C handles are matched by their typedef names. */
    {"pthread_t", PROF_PTHREAD, DA_ERROR, true, false, false, true, -1},
    {"thrd_t", PROF_PTHREAD, DA_ERROR, true, false, false, true, -1},
    {"uv_handle_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_tcp_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_udp_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_pipe_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_tty_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_stream_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_timer_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_idle_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_prepare_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_check_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_async_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_poll_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_signal_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_process_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_fs_event_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
    {"uv_fs_poll_t", PROF_LIBUV, DA_ERROR, true, false, true, false, -1},
};
enum { NBUILTIN = sizeof builtin_types / sizeof builtin_types[0] };

/* with_settings: the table entry adjusted by the configuration's Profiles tuning. */
static const struct vtype *with_settings(struct model *m, const struct vtype *t) {
  const struct model_settings *s = m->settings;
  if (s->off[t->profile])
    return NULL;
  if (!s->double_await[t->profile] && !s->fields[t->profile])
    return t;
  struct vtype *c = ARENA_NEW(m->arena, struct vtype);
  *c = *t;
  if (s->double_await[t->profile])
    c->double_await = (uint8_t)(s->double_await[t->profile] - 1);
  if (s->fields[t->profile])
    c->fields_allowed = s->fields[t->profile] == 2;
  return c;
}

static const struct vtype *builtin_named(struct model *m, const char *qname) {
  for (size_t i = 0; i < NBUILTIN; i++)
    if (strcmp(builtin_types[i].name, qname) == 0)
      return with_settings(m, &builtin_types[i]);
  return NULL;
}

/* ---- annotations: __attribute__((annotate("vtask::..."))) ---- */

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

static bool has_annotation(CXCursor decl, const char *what) {
  struct annot_scan s = {what, false};
  clang_visitChildren(decl, find_annotation, &s);
  return s.found;
}

static const struct vtype *custom_type(struct model *m, const char *name, int custom, bool fields_allowed) {
  if (m->settings->off[PROF_CUSTOM])
    return NULL;
  struct vtype *t = ARENA_NEW(m->arena, struct vtype);
  t->name = arena_strdup(m->arena, name);
  t->profile = PROF_CUSTOM;
  t->double_await = DA_ERROR;
  t->fields_allowed = fields_allowed;
  t->discard_local = true;
  t->plain_handle = false;
  t->custom = custom;
  return with_settings(m, t);
}

/* configured: the configuration's awaitable whose Type names this declaration. C tags are
 * written 'struct job' (or 'union', 'enum'), typedefs and C++ classes by (qualified) name. */
static int configured(struct model *m, CXCursor decl, const char *qname) {
  const struct model_settings *s = m->settings;
  enum CXCursorKind k = clang_getCursorKind(decl);
  for (size_t i = 0; i < s->ncustom; i++) {
    const char *t = s->custom[i].type;
    if (strncmp(t, "struct ", 7) == 0 && (k == CXCursor_StructDecl || k == CXCursor_ClassDecl) && strcmp(t + 7, qname) == 0)
      return (int)i;
    if (strncmp(t, "union ", 6) == 0 && k == CXCursor_UnionDecl && strcmp(t + 6, qname) == 0)
      return (int)i;
    if (strncmp(t, "class ", 6) == 0 && strcmp(t + 6, qname) == 0)
      return (int)i;
    if (strcmp(t, qname) == 0 && (k == CXCursor_TypedefDecl || k == CXCursor_TypeAliasDecl ||
                                  clang_getCursorLanguage(decl) == CXLanguage_CPlusPlus))
      return (int)i;
  }
  return -1;
}

/* decl_type: the tracked type a declaration (record, typedef, template) introduces, or NULL. */
static const struct vtype *decl_type(struct model *m, CXCursor decl) {
  CXCursor tmpl = clang_getSpecializedCursorTemplate(decl);
  CXCursor named = clang_Cursor_isNull(tmpl) ? decl : tmpl;
  struct strbuf q = STRBUF_INIT;
  qualified_name(named, &q);
  const char *qname = sb_cstr(&q);
  const struct vtype *r = builtin_named(m, qname);
  if (!r) {
    int ci = configured(m, named, qname);
    if (ci >= 0) {
      int fa = m->settings->custom[ci].fields_allowed;
      r = custom_type(m, qname, ci, fa == 1);
    } else if (has_annotation(named, "vtask::single_use")) {
      /* fields_allowed may sit on the typedef or on the struct it names */
      bool fa = has_annotation(named, "vtask::fields_allowed");
      if (!fa && clang_getCursorKind(named) == CXCursor_TypedefDecl) {
        CXCursor under = clang_getTypeDeclaration(clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(named)));
        fa = !clang_Cursor_isNull(under) && has_annotation(under, "vtask::fields_allowed");
      }
      r = custom_type(m, qname, -1, fa);
    }
  }
  sb_release(&q);
  return r;
}

static const struct vtype *allow_fields(struct model *m, const struct vtype *t) {
  if (!t || t->fields_allowed)
    return t;
  struct vtype *c = ARENA_NEW(m->arena, struct vtype);
  *c = *t;
  c->fields_allowed = true;
  return c;
}

static const struct vtype *vtype_of(struct model *m, CXType t, bool *typedef_allows);

const struct vtype *model_vtype(struct model *m, CXType t) {
  bool fa = false;
  const struct vtype *r = vtype_of(m, t, &fa);
  /* typedef struct job job_t __attribute__((annotate("vtask::fields_allowed"))): the
   * allowance on a typedef applies to the type it names */
  return fa ? allow_fields(m, r) : r;
}

static const struct vtype *vtype_of(struct model *m, CXType t, bool *typedef_allows) {
  /* Typedef names first (pthread_t is an integer, uv_tcp_t a typedef of a struct), through
   * elaborated and qualified spellings; then the canonical record. */
  for (int depth = 0; depth < 16; depth++) {
    if (t.kind == CXType_Elaborated) {
      t = clang_Type_getNamedType(t);
      continue;
    }
    if (t.kind != CXType_Typedef)
      break;
    CXCursor td = clang_getTypeDeclaration(t);
    if (clang_Cursor_isNull(td))
      break;
    struct slot *s = lookup(m, td);
    if (!s->type_done) {
      s->type_done = true;
      s->type = decl_type(m, td);
    }
    if (s->type)
      return s->type;
    if (s->fields_allowed < 0)
      s->fields_allowed = has_annotation(td, "vtask::fields_allowed");
    if (s->fields_allowed)
      *typedef_allows = true;
    t = clang_getTypedefDeclUnderlyingType(td);
  }
  t = clang_getCanonicalType(t);
  switch (t.kind) {
  case CXType_Record:
  case CXType_Unexposed: /* dependent specialisations (vt::vtask<T> inside a template) */
  case CXType_Elaborated:
    break;
  default:
    return NULL;
  }
  CXCursor decl = clang_getTypeDeclaration(t);
  if (clang_Cursor_isNull(decl) || clang_isInvalid(clang_getCursorKind(decl)))
    return NULL;
  struct slot *s = lookup(m, decl);
  if (!s->type_done) {
    s->type_done = true;
    s->type = decl_type(m, decl);
  }
  return s->type;
}

bool model_is_vtask_type(struct model *m, CXType t) { return model_vtype(m, t) != NULL; }

static const struct vtype *holds(struct model *m, CXType t, int depth) {
  if (depth > 8)
    return NULL;
  const struct vtype *vt = model_vtype(m, t);
  if (vt)
    return vt;
  CXType as_written = t;
  t = clang_getCanonicalType(t);
  switch (t.kind) {
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
  case CXType_DependentSizedArray: {
    /* the element as written keeps its typedef name (pthread_t, an annotated typedef) */
    CXType e = clang_getArrayElementType(as_written);
    return holds(m, e.kind != CXType_Invalid ? e : clang_getArrayElementType(t), depth + 1);
  }
  case CXType_Record:
  case CXType_Unexposed:
  case CXType_Elaborated: {
    int n = clang_Type_getNumTemplateArguments(t);
    for (int i = 0; i < n; i++) {
      CXType a = clang_Type_getTemplateArgumentAsType(t, (unsigned)i);
      if (a.kind == CXType_Invalid)
        continue;
      vt = holds(m, a, depth + 1);
      if (vt)
        return vt;
    }
    return NULL;
  }
  default:
    return NULL; /* pointers, references, functions: they do not hold the value */
  }
}

const struct vtype *model_type_holds(struct model *m, CXType t) { return holds(m, t, 0); }
bool model_type_holds_vtask(struct model *m, CXType t) { return holds(m, t, 0) != NULL; }

/* ---- calls ---- */

struct role_entry {
  const char *name;
  uint8_t role;
  int8_t arg;
  uint8_t flags; /* RF_* */
};

enum { RF_CONSUMES = 1, RF_BY_POINTER = 2 };

/* Free functions, by qualified name. */
static const struct role_entry functions[] = {
    /* vtask (C API, spec section 2) */
    {"vtask_await", ROLE_AWAIT, 0, 0},
    {"vtask_get_result", ROLE_GET_RESULT, 0, 0},
    {"vtask_is_completed", ROLE_QUERY, 0, 0},
    {"vtask_is_completed_successfully", ROLE_QUERY, 0, 0},
    {"vtask_is_faulted", ROLE_QUERY, 0, 0},
    {"vtask_is_canceled", ROLE_QUERY, 0, 0},
    {"vtask_as_task", ROLE_TRANSFER, 0, 0},
    {"vtask_from_result", ROLE_CREATE_COMPLETED, -1, 0},
    {"vtask_completed", ROLE_CREATE_COMPLETED, -1, 0},
    {"vt::from_result", ROLE_CREATE_COMPLETED, -1, 0},
    {"std::move", ROLE_MOVE, 0, 0},
    {"std::forward", ROLE_MOVE, 0, 0},
    /* blocking waits */
    {"cppcoro::sync_wait", ROLE_WAIT, 0, 0},
    {"coro::sync_wait", ROLE_WAIT, 0, 0},
    {"folly::coro::blockingWait", ROLE_WAIT, 0, RF_CONSUMES},
    {"async_simple::coro::syncAwait", ROLE_WAIT, 0, RF_CONSUMES},
    /* pthread and C11 threads */
    {"pthread_create", ROLE_CREATE_OUT, 0, RF_BY_POINTER},
    {"thrd_create", ROLE_CREATE_OUT, 0, RF_BY_POINTER},
    {"pthread_join", ROLE_AWAIT, 0, 0},
    {"pthread_detach", ROLE_AWAIT, 0, 0},
    {"thrd_join", ROLE_AWAIT, 0, 0},
    {"thrd_detach", ROLE_AWAIT, 0, 0},
    /* libuv */
    {"uv_close", ROLE_AWAIT, 0, RF_BY_POINTER},
    {"uv_is_closing", ROLE_CLOSED_QUERY, 0, RF_BY_POINTER},
    {"uv_tcp_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_tcp_init_ex", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_udp_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_udp_init_ex", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_pipe_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_tty_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_timer_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_idle_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_prepare_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_check_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_async_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_poll_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_poll_init_socket", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_signal_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_fs_event_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_fs_poll_init", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {"uv_spawn", ROLE_CREATE_OUT, 1, RF_BY_POINTER},
    {NULL, 0, 0, 0},
};

/* Methods, per profile, on *this. */
static const struct role_entry m_vtask[] = {
    {"is_completed", ROLE_QUERY, -1, 0}, {"is_completed_successfully", ROLE_QUERY, -1, 0},
    {"is_faulted", ROLE_QUERY, -1, 0},   {"is_canceled", ROLE_QUERY, -1, 0},
    {"get_result", ROLE_GET_RESULT, -1, 0}, {"as_task", ROLE_TRANSFER, -1, 0},
    {NULL, 0, 0, 0},
};
static const struct role_entry m_future[] = {
    {"get", ROLE_WAIT, -1, RF_CONSUMES}, {"share", ROLE_TRANSFER, -1, 0}, {"wait", ROLE_WAIT, -1, 0},
    {"wait_for", ROLE_WAIT, -1, 0},      {"wait_until", ROLE_WAIT, -1, 0}, {"valid", ROLE_LIVENESS, -1, 0},
    {NULL, 0, 0, 0},
};
static const struct role_entry m_async_simple[] = {
    {"via", ROLE_TRANSFER, -1, 0}, {"start", ROLE_TRANSFER, -1, 0}, {"isReady", ROLE_QUERY, -1, 0},
    {NULL, 0, 0, 0},
};
static const struct role_entry m_concurrencpp[] = {
    {"get", ROLE_WAIT, -1, RF_CONSUMES}, {"wait", ROLE_WAIT, -1, 0},        {"wait_for", ROLE_WAIT, -1, 0},
    {"wait_until", ROLE_WAIT, -1, 0},    {"resolve", ROLE_TRANSFER, -1, 0}, {"run", ROLE_TRANSFER, -1, 0},
    {"status", ROLE_QUERY, -1, 0},       {"operator bool", ROLE_LIVENESS, -1, 0},
    {NULL, 0, 0, 0},
};
static const struct role_entry m_folly[] = {
    {"semi", ROLE_TRANSFER, -1, 0},      {"scheduleOn", ROLE_TRANSFER, -1, 0},
    {"start", ROLE_TRANSFER, -1, 0},     {"via", ROLE_TRANSFER, -1, 0},
    {"thenValue", ROLE_TRANSFER, -1, 0}, {"thenTry", ROLE_TRANSFER, -1, 0},
    {"thenError", ROLE_TRANSFER, -1, 0}, {"then", ROLE_TRANSFER, -1, 0},
    {"ensure", ROLE_TRANSFER, -1, 0},    {"onError", ROLE_TRANSFER, -1, 0},
    {"value", ROLE_GET_RESULT, -1, 0},   {"result", ROLE_GET_RESULT, -1, 0},
    {"get", ROLE_WAIT, -1, RF_CONSUMES}, {"wait", ROLE_WAIT, -1, 0},
    {"isReady", ROLE_QUERY, -1, 0},      {"hasValue", ROLE_QUERY, -1, 0},
    {"hasException", ROLE_QUERY, -1, 0}, {NULL, 0, 0, 0},
};
static const struct role_entry m_cppcoro[] = {
    {"is_ready", ROLE_QUERY, -1, 0},
    {NULL, 0, 0, 0},
};
/* libcoro: t.promise().result() takes the result, through the promise. */
static const struct role_entry m_libcoro[] = {
    {"is_ready", ROLE_QUERY, -1, 0}, {"promise", ROLE_PROXY, -1, 0}, {"result", ROLE_GET_RESULT, -1, 0},
    {NULL, 0, 0, 0},
};
static const struct role_entry m_none[] = {{NULL, 0, 0, 0}};

static const struct role_entry *const methods_of[PROF_COUNT] = {
    [PROF_VTASK] = m_vtask,      [PROF_STD_FUTURE] = m_future,     [PROF_ASIO] = m_none,
    [PROF_ASYNC_SIMPLE] = m_async_simple, [PROF_CONCURRENCPP] = m_concurrencpp, [PROF_FOLLY] = m_folly,
    [PROF_CPPCORO] = m_cppcoro,  [PROF_LIBCORO] = m_libcoro,       [PROF_PTHREAD] = m_none,
    [PROF_LIBUV] = m_none,       [PROF_CUSTOM] = m_none,
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

static void apply_entry(struct callee_info *ci, const struct role_entry *e) {
  ci->role = e->role;
  ci->arg = e->arg;
  ci->consumes = (e->flags & RF_CONSUMES) != 0;
  ci->by_pointer = (e->flags & RF_BY_POINTER) != 0;
  if (e->role == ROLE_WAIT)
    ci->wait = true;
}

/* The profile a free function belongs to, so switching a profile off silences it too. */
static int function_profile(const char *qname) {
  if (strncmp(qname, "vtask_", 6) == 0 || strncmp(qname, "vt::", 4) == 0)
    return PROF_VTASK;
  if (strncmp(qname, "pthread_", 8) == 0 || strncmp(qname, "thrd_", 5) == 0)
    return PROF_PTHREAD;
  if (strncmp(qname, "uv_", 3) == 0)
    return PROF_LIBUV;
  if (strncmp(qname, "cppcoro::", 9) == 0)
    return PROF_CPPCORO;
  if (strncmp(qname, "coro::", 6) == 0)
    return PROF_LIBCORO;
  if (strncmp(qname, "folly::", 7) == 0)
    return PROF_FOLLY;
  if (strncmp(qname, "async_simple::", 14) == 0)
    return PROF_ASYNC_SIMPLE;
  return -1;
}

/* Annotated parameters and functions (spec section 4). */
static const struct {
  const char *annotation;
  uint8_t role;
} annotated_roles[] = {
    {"vtask::await", ROLE_AWAIT},   {"vtask::get_result", ROLE_GET_RESULT}, {"vtask::query", ROLE_QUERY},
    {"vtask::transfer", ROLE_TRANSFER},
};

static bool annotated(struct callee_info *ci, CXCursor decl) {
  for (size_t k = 0; k < sizeof annotated_roles / sizeof *annotated_roles; k++)
    if (has_annotation(decl, annotated_roles[k].annotation)) {
      ci->role = annotated_roles[k].role;
      ci->arg = -1;
      return true;
    }
  int n = clang_Cursor_getNumArguments(decl);
  for (int i = 0; i < n; i++) {
    CXCursor p = clang_Cursor_getArgument(decl, (unsigned)i);
    for (size_t k = 0; k < sizeof annotated_roles / sizeof *annotated_roles; k++)
      if (has_annotation(p, annotated_roles[k].annotation)) {
        ci->role = annotated_roles[k].role;
        ci->arg = (int8_t)i;
        return true;
      }
  }
  if (has_annotation(decl, "vtask::returns_completed")) {
    ci->role = ROLE_CREATE_COMPLETED;
    return true;
  }
  return false;
}

/* configured_role: the configuration's awaitables name functions (the argument of their
 * type) and methods by name. */
static bool configured_role(struct model *m, struct callee_info *ci, CXCursor decl, const struct vtype *vt) {
  static const uint8_t role_of[CR_COUNT] = {ROLE_AWAIT, ROLE_GET_RESULT, ROLE_WAIT, ROLE_QUERY, ROLE_TRANSFER,
                                            ROLE_CREATE_COMPLETED};
  const struct model_settings *s = m->settings;
  for (size_t i = 0; i < s->ncustom; i++) {
    const struct model_custom *c = &s->custom[i];
    if (vt && vt->custom != (int)i)
      continue;
    for (int r = 0; r < CR_COUNT; r++)
      for (size_t k = 0; k < c->nnames[r]; k++) {
        if (strcmp(c->names[r][k], ci->name) != 0)
          continue;
        ci->role = role_of[r];
        ci->arg = -1;
        if (r == CR_WAIT)
          ci->wait = true;
        if (!vt && r != CR_CREATE_COMPLETED) {
          /* a free function: the first argument of the configured type */
          int n = clang_Cursor_getNumArguments(decl);
          ci->arg = -2;
          for (int a = 0; a < n && ci->arg == -2; a++) {
            const struct vtype *at = model_vtype(m, clang_getCursorType(clang_Cursor_getArgument(decl, (unsigned)a)));
            if (at && at->custom == (int)i)
              ci->arg = (int8_t)a;
          }
          if (ci->arg == -2) {
            ci->role = ROLE_NONE;
            ci->arg = -1;
            ci->wait = false;
            continue;
          }
        }
        return true;
      }
  }
  return false;
}

static struct callee_info *new_info(struct model *m, CXCursor decl) {
  struct callee_info *ci = ARENA_NEW(m->arena, struct callee_info);
  ci->arg = -1;
  CXString sp = clang_getCursorSpelling(decl);
  ci->name = arena_strdup(m->arena, clang_getCString(sp));
  clang_disposeString(sp);
  return ci;
}

const struct callee_info *model_callee(struct model *m, CXCursor decl) {
  struct slot *s = lookup(m, decl);
  if (s->callee)
    return s->callee;
  struct callee_info *ci = new_info(m, decl);
  s->callee = ci;
  /* Templates: a call to a function template specialisation names its template. */
  CXCursor tdecl = clang_getSpecializedCursorTemplate(decl);
  CXCursor named = clang_Cursor_isNull(tdecl) ? decl : tdecl;
  struct strbuf q = STRBUF_INIT;
  qualified_name(named, &q);
  const char *qname = sb_cstr(&q);
  enum CXCursorKind dk = clang_getCursorKind(decl);
  if (dk != CXCursor_CXXMethod && dk != CXCursor_ConversionFunction) {
    const struct role_entry *e = find_role(functions, qname);
    int prof = e ? function_profile(qname) : -1;
    if (e && !(prof >= 0 && m->settings->off[prof]))
      apply_entry(ci, e);
    else if (!annotated(ci, decl))
      configured_role(m, ci, decl, NULL);
  } else if (!annotated(ci, decl)) {
    /* A method called on some object: its class decides (model_method); the waits of the
     * profiles are also known here so that blocking-in-coroutine sees them on any object. */
    const struct vtype *cls = decl_type(m, clang_getCursorSemanticParent(decl));
    if (cls) {
      const struct role_entry *e = find_role(methods_of[cls->profile], ci->name);
      if (e)
        apply_entry(ci, e);
    }
  }
  /* std::shared_future and the like are never tracked, but they still block. */
  static const char *const extra_waits[] = {
      "std::shared_future::get", "std::shared_future::wait", "std::shared_future::wait_for",
      "std::shared_future::wait_until", "std::__basic_future::wait", "std::__basic_future::wait_for",
      "std::__basic_future::wait_until", "std::future::get", "std::future::wait", "std::future::wait_for",
      "std::future::wait_until", NULL};
  if (in_list(extra_waits, qname))
    ci->wait = true;
  ci->noreturn = decl_is_noreturn(decl, qname);
  sb_release(&q);
  return ci;
}

const struct callee_info *model_method_named(struct model *m, const struct vtype *vt, const char *name) {
  struct callee_info *ci = ARENA_NEW(m->arena, struct callee_info);
  ci->arg = -1;
  ci->name = arena_strdup(m->arena, name);
  const struct role_entry *e = find_role(methods_of[vt->profile], name);
  if (e)
    apply_entry(ci, e);
  return ci;
}

const struct callee_info *model_method(struct model *m, const struct vtype *vt, CXCursor decl) {
  const struct callee_info *base = model_callee(m, decl);
  if (!vt)
    return base;
  struct callee_info tmp = *base;
  tmp.role = ROLE_NONE;
  tmp.arg = -1;
  tmp.consumes = tmp.by_pointer = false;
  const struct role_entry *e = find_role(methods_of[vt->profile], base->name);
  if (e)
    apply_entry(&tmp, e);
  else if (base->role != ROLE_NONE && base->arg == -1)
    return base; /* annotated method */
  else if (vt->custom >= 0)
    configured_role(m, &tmp, decl, vt);
  if (tmp.role == base->role && tmp.consumes == base->consumes && tmp.wait == base->wait)
    return base;
  struct callee_info *ci = ARENA_NEW(m->arena, struct callee_info);
  *ci = tmp;
  return ci;
}
