/* model.c: the model of one translation unit (model.h). It reads the profile records
 * (profiles.c), annotations (annotations.c) and the configuration's awaitables (configured.c),
 * and caches its answers per declaration cursor. What call shapes mean (a zero timeout, a
 * class that carries awaitables) is decided here too, so that the lowering only asks. */
#include <stdio.h>
#include <string.h>

#include "analyzer/model/model_int.h"

static const struct model_settings no_settings;

/* ---- the cache ---- */

struct slot *model_slot(struct model *m, CXCursor c) {
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
  s->carrier = -1;
  m->n++;
  return s;
}

/* ---- names ---- */

void model_qualified_name(CXCursor c, struct strbuf *out) {
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

bool model_in_list(const char *const *list, const char *s) {
  for (; list && *list; list++)
    if (strcmp(*list, s) == 0)
      return true;
  return false;
}

static bool profile_on(const struct model *m, int p) { return !m->settings->off[p]; }

/* ---- types ---- */

const struct vtype *model_with_settings(struct model *m, const struct vtype *t) {
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

struct model *model_new(struct arena *a, const struct model_settings *settings) {
  struct model *m = ARENA_NEW(a, struct model);
  m->arena = a;
  m->settings = settings ? settings : &no_settings;
  m->cap = 256;
  m->slots = ARENA_ARRAY(a, struct slot, m->cap);
  /* Each profile's types as the rules will see them. */
  m->builtin = ARENA_ARRAY(a, const struct vtype *, model_nprofiles);
  for (int p = 0; p < model_nprofiles; p++) {
    const struct profile *pr = &model_profiles[p];
    size_t n = 0;
    while (pr->types && pr->types[n].name)
      n++;
    struct vtype *v = ARENA_ARRAY(a, struct vtype, n + 1);
    for (size_t i = 0; i < n; i++) {
      const struct type_entry *e = &pr->types[i];
      v[i] = (struct vtype){e->name, (uint8_t)p, e->double_await, e->fields_allowed, e->discard_local,
                            e->by_address, e->plain_handle, e->drop_reported, -1, e->words ? e->words : pr->words};
    }
    m->builtin[p] = v;
  }
  return m;
}

static const struct vtype *builtin_named(struct model *m, const char *qname) {
  for (int p = 0; p < model_nprofiles; p++)
    for (size_t i = 0; model_profiles[p].types && model_profiles[p].types[i].name; i++)
      if (strcmp(model_profiles[p].types[i].name, qname) == 0)
        return model_with_settings(m, &m->builtin[p][i]);
  return NULL;
}

/* decl_type: the tracked type a declaration (record, typedef, template) introduces, or NULL. */
static const struct vtype *decl_type(struct model *m, CXCursor decl) {
  CXCursor tmpl = clang_getSpecializedCursorTemplate(decl);
  CXCursor named = clang_Cursor_isNull(tmpl) ? decl : tmpl;
  struct strbuf q = STRBUF_INIT;
  model_qualified_name(named, &q);
  const char *qname = sb_cstr(&q);
  const struct vtype *r = builtin_named(m, qname);
  if (!r)
    r = conf_type(m, named, qname);
  if (!r)
    r = annot_type(m, named, qname);
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
    if (t.kind == CXType_Auto) {
      /* `auto tid = ...` deduced as a typedef (pthread_t): libclang names the type an auto
       * stands for only through its declaration */
      CXCursor d = clang_getTypeDeclaration(t);
      enum CXCursorKind dk = clang_getCursorKind(d);
      if (dk != CXCursor_TypedefDecl && dk != CXCursor_TypeAliasDecl)
        break;
      t = clang_getCursorType(d);
      continue;
    }
    if (t.kind != CXType_Typedef)
      break;
    CXCursor td = clang_getTypeDeclaration(t);
    if (clang_Cursor_isNull(td))
      break;
    struct slot *s = model_slot(m, td);
    if (!s->type_done) {
      s->type_done = true;
      s->type = decl_type(m, td);
    }
    if (s->type)
      return s->type;
    if (s->fields_allowed < 0)
      s->fields_allowed = annot_has(td, "vtask::fields_allowed");
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
  struct slot *s = model_slot(m, decl);
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
    /* the arguments as written keep their typedef names (std::vector<pthread_t>), the
     * canonical specialisation's do not (std::vector<unsigned long>) */
    CXType w = clang_Type_getNumTemplateArguments(as_written) > 0 ? as_written : t;
    int n = clang_Type_getNumTemplateArguments(w);
    for (int i = 0; i < n; i++) {
      CXType a = clang_Type_getTemplateArgumentAsType(w, (unsigned)i);
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

/* ---- callees ---- */

static bool first_token_is(CXCursor c, const char *const *words) {
  CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
  CXToken *tok = clang_getToken(tu, clang_getRangeStart(clang_getCursorExtent(c)));
  if (!tok)
    return false;
  CXString s = clang_getTokenSpelling(tu, *tok);
  bool r = model_in_list(words, clang_getCString(s));
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
  for (int p = 0; p < model_nprofiles; p++)
    if (model_in_list(model_profiles[p].noreturns, qname))
      return true;
  CXString ts = clang_getTypeSpelling(clang_getCursorType(decl));
  bool r = strstr(clang_getCString(ts), "noreturn") != NULL;
  clang_disposeString(ts);
  if (!r)
    clang_visitChildren(decl, find_noreturn_attr, &r);
  return r;
}

static const struct role_entry *find_role(const struct role_entry *t, const char *name) {
  for (; t && t->name; t++)
    if (strcmp(t->name, name) == 0)
      return t;
  return NULL;
}

/* clear_role: ci without any table's role (the names and noreturn stay). */
static void clear_role(struct callee_info *ci) {
  ci->role = ROLE_NONE;
  ci->arg = -1;
  ci->consumes = ci->by_pointer = ci->releases = false;
  ci->poll_if_zero_arg = ci->condition_arg = -1;
  ci->drop = DROP_BY_TYPE;
  ci->verb = ci->dropped = NULL;
}

static void apply_entry(struct callee_info *ci, const struct role_entry *e) {
  ci->role = e->role;
  ci->arg = e->arg;
  ci->consumes = (e->flags & RF_CONSUMES) != 0;
  ci->by_pointer = (e->flags & RF_BY_POINTER) != 0;
  ci->releases = (e->flags & RF_RELEASES) != 0;
  ci->poll_if_zero_arg = (e->flags & RF_POLL_IF_ZERO) ? 0 : -1;
  ci->condition_arg = (e->flags & RF_CONDITION_ARG) ? 0 : -1;
  ci->drop = (e->flags & RF_DROP_REPORTED) ? DROP_REPORTED : DROP_BY_TYPE;
  ci->verb = e->verb;
  ci->dropped = e->dropped;
  if (e->role == ROLE_WAIT)
    ci->wait = true;
}

static struct callee_info *new_info(struct model *m, CXCursor decl) {
  struct callee_info *ci = ARENA_NEW(m->arena, struct callee_info);
  clear_role(ci);
  CXString sp = clang_getCursorSpelling(decl);
  ci->name = arena_strdup(m->arena, clang_getCString(sp));
  clang_disposeString(sp);
  return ci;
}

/* profile_function: the entry of a free function in the first profile that is on and knows it. */
static const struct role_entry *profile_function(const struct model *m, const char *qname) {
  for (int p = 0; p < model_nprofiles; p++) {
    const struct role_entry *e = profile_on(m, p) ? find_role(model_profiles[p].functions, qname) : NULL;
    if (e)
      return e;
  }
  return NULL;
}

const struct callee_info *model_callee(struct model *m, CXCursor decl) {
  struct slot *s = model_slot(m, decl);
  if (s->callee)
    return s->callee;
  struct callee_info *ci = new_info(m, decl);
  s->callee = ci;
  /* Templates: a call to a function template specialisation names its template. */
  CXCursor tdecl = clang_getSpecializedCursorTemplate(decl);
  CXCursor named = clang_Cursor_isNull(tdecl) ? decl : tdecl;
  struct strbuf q = STRBUF_INIT;
  model_qualified_name(named, &q);
  const char *qname = sb_cstr(&q);
  ci->qname = arena_strdup(m->arena, qname);
  enum CXCursorKind dk = clang_getCursorKind(decl);
  if (dk != CXCursor_CXXMethod && dk != CXCursor_ConversionFunction) {
    const struct role_entry *e = profile_function(m, qname);
    if (e)
      apply_entry(ci, e);
    else if (!annot_role(ci, decl))
      conf_role(m, ci, decl, NULL);
  } else if (!annot_role(ci, decl)) {
    /* A method called on some object: its class decides (model_method); the waits of the
     * profiles are also known here so that blocking-in-coroutine sees them on any object. */
    const struct vtype *cls = decl_type(m, clang_getCursorSemanticParent(decl));
    if (cls) {
      const struct role_entry *e = find_role(model_profiles[cls->profile].methods, ci->name);
      if (e)
        apply_entry(ci, e);
    }
  }
  /* A constructor of a class template is spelt with its parameters (std::lock_guard::
   * lock_guard<_Mutex>): the lists name it without. */
  char *bare = arena_strdup(m->arena, qname);
  char *last = strrchr(bare, ':');
  char *lt = strchr(last ? last : bare, '<');
  if (lt && clang_getCursorKind(decl) == CXCursor_Constructor)
    *lt = 0;
  for (int p = 0; p < model_nprofiles; p++) {
    if (model_in_list(model_profiles[p].waits, qname))
      ci->wait = true;
    if (model_in_list(model_profiles[p].hands_over, bare))
      ci->hands_over = true;
  }
  ci->noreturn = decl_is_noreturn(decl, qname);
  sb_release(&q);
  return ci;
}

const struct callee_info *model_method_named(struct model *m, const struct vtype *vt, const char *name) {
  struct callee_info *ci = ARENA_NEW(m->arena, struct callee_info);
  clear_role(ci);
  ci->name = ci->qname = arena_strdup(m->arena, name);
  const struct role_entry *e = find_role(model_profiles[vt->profile].methods, name);
  if (e)
    apply_entry(ci, e);
  return ci;
}

static bool same_role(const struct callee_info *a, const struct callee_info *b) {
  return a->role == b->role && a->arg == b->arg && a->consumes == b->consumes && a->wait == b->wait &&
         a->by_pointer == b->by_pointer && a->releases == b->releases && a->poll_if_zero_arg == b->poll_if_zero_arg &&
         a->condition_arg == b->condition_arg && a->drop == b->drop && a->verb == b->verb && a->dropped == b->dropped;
}

const struct callee_info *model_method(struct model *m, const struct vtype *vt, CXCursor decl) {
  const struct callee_info *base = model_callee(m, decl);
  if (!vt)
    return base;
  struct callee_info tmp = *base;
  clear_role(&tmp);
  const struct role_entry *e = find_role(model_profiles[vt->profile].methods, base->name);
  if (e)
    apply_entry(&tmp, e);
  else if (base->role != ROLE_NONE && base->arg == -1)
    return base; /* annotated method */
  else if (vt->custom >= 0)
    conf_role(m, &tmp, decl, vt);
  if (same_role(&tmp, base))
    return base;
  struct callee_info *ci = ARENA_NEW(m->arena, struct callee_info);
  *ci = tmp;
  return ci;
}

/* ---- call shapes ---- */

/* zero_duration: the argument is a zero timeout: 0s, 0ms, std::chrono::seconds(0), {0}: one
 * literal, all zeros, with at most a user-defined-literal suffix. */
static bool zero_duration(CXCursor arg) {
  CXTranslationUnit tu = clang_Cursor_getTranslationUnit(arg);
  CXToken *toks = NULL;
  unsigned n = 0, literals = 0;
  bool zero = true;
  clang_tokenize(tu, clang_getCursorExtent(arg), &toks, &n);
  for (unsigned i = 0; i < n; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Literal)
      continue;
    literals++;
    CXString s = clang_getTokenSpelling(tu, toks[i]);
    const char *t = clang_getCString(s);
    size_t digits = strspn(t, "0");
    zero = zero && digits > 0 && strspn(t + digits, "abcdefghijklmnopqrstuvwxyz_") == strlen(t + digits);
    clang_disposeString(s);
  }
  clang_disposeTokens(tu, toks, n);
  return literals == 1 && zero;
}

const struct callee_info *model_call_args(struct model *m, const struct callee_info *ci, const CXCursor *args,
                                          unsigned nargs) {
  /* f.wait_for(0s) == std::future_status::ready polls: it neither blocks nor consumes. */
  if (ci && ci->role == ROLE_WAIT && !ci->consumes && ci->poll_if_zero_arg >= 0 &&
      (unsigned)ci->poll_if_zero_arg < nargs && zero_duration(args[ci->poll_if_zero_arg])) {
    struct callee_info *q = ARENA_NEW(m->arena, struct callee_info);
    *q = *ci;
    q->role = ROLE_USE;
    q->wait = false;
    return q;
  }
  return ci;
}

static bool is_function_kind(enum CXCursorKind k) {
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_FunctionTemplate ||
         k == CXCursor_Constructor || k == CXCursor_ConversionFunction;
}

/* launch_deferred: the call's first argument is the enumerator std::launch::deferred alone
 * (through implicit conversions): std::async(std::launch::deferred, f) runs f only when the
 * result is asked for, so a dropped one never runs, and its destructor does not wait. */
static enum CXChildVisitResult find_deferred(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k == CXCursor_DeclRefExpr) {
    CXCursor d = clang_getCursorReferenced(c);
    CXString s = clang_getCursorSpelling(d);
    CXString e = clang_getCursorSpelling(clang_getCursorSemanticParent(d));
    *(bool *)data = clang_getCursorKind(d) == CXCursor_EnumConstantDecl &&
                    strcmp(clang_getCString(s), "deferred") == 0 && strcmp(clang_getCString(e), "launch") == 0;
    clang_disposeString(s);
    clang_disposeString(e);
    return CXChildVisit_Break;
  }
  return k == CXCursor_UnexposedExpr || k == CXCursor_ParenExpr ? CXChildVisit_Recurse : CXChildVisit_Break;
}

static bool launch_deferred(CXCursor call) {
  if (clang_Cursor_getNumArguments(call) < 2)
    return false;
  CXCursor a = clang_Cursor_getArgument(call, 0);
  bool deferred = false;
  if (clang_getCursorKind(a) == CXCursor_DeclRefExpr)
    find_deferred(a, call, &deferred);
  else
    clang_visitChildren(a, find_deferred, &deferred);
  return deferred;
}

bool model_dropped(struct model *m, CXCursor call, const struct vtype *vt, const char **why, const char **callee) {
  *why = *callee = NULL;
  CXCursor fn = clang_getCursorReferenced(call);
  const struct callee_info *ci =
      !clang_Cursor_isNull(fn) && is_function_kind(clang_getCursorKind(fn)) ? model_callee(m, fn) : NULL;
  if (ci && ci->drop == DROP_REPORTED) {
    *why = ci->dropped;
    *callee = ci->qname;
    if (strcmp(ci->qname, "std::async") == 0 && launch_deferred(call))
      *why = "a deferred call runs only when its result is asked for, so it never runs";
    return true;
  }
  if (vt && !vt->drop_reported)
    return false;
  *why = vt ? vt->words->dropped : NULL;
  return true;
}

struct carrier_scan {
  bool found;
};

static enum CXChildVisitResult find_carrier_member(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (k != CXCursor_CXXMethod && k != CXCursor_FunctionTemplate && k != CXCursor_ConversionFunction)
    return CXChildVisit_Continue;
  CXString s = clang_getCursorSpelling(c);
  const char *name = clang_getCString(s);
  for (int p = 0; p < model_nprofiles; p++)
    if (model_in_list(model_profiles[p].carrier_members, name))
      ((struct carrier_scan *)data)->found = true;
  clang_disposeString(s);
  return ((struct carrier_scan *)data)->found ? CXChildVisit_Break : CXChildVisit_Continue;
}

bool model_carries_awaitables(struct model *m, CXCursor record) {
  enum CXCursorKind k = clang_getCursorKind(record);
  if (k != CXCursor_StructDecl && k != CXCursor_ClassDecl && k != CXCursor_ClassTemplate &&
      k != CXCursor_ClassTemplatePartialSpecialization)
    return false;
  struct slot *s = model_slot(m, record);
  if (s->carrier < 0) {
    struct carrier_scan scan = {false};
    clang_visitChildren(record, find_carrier_member, &scan);
    s->carrier = scan.found;
  }
  return s->carrier != 0;
}

/* ---- the words (model_words) ---- */

/* c_word: the name as C code spells it ("struct job" -> "job"); NULL for a C++ name (a
 * qualified one, an operator): C code never spells those. */
static const char *c_word(const char *name) {
  if (strstr(name, "::") || strncmp(name, "operator", 8) == 0)
    return NULL;
  const char *w = strrchr(name, ' ');
  return w ? w + 1 : name;
}

static void add_c_word(const char *name, void (*add)(void *, const char *, size_t, bool), void *self, bool type) {
  const char *w = c_word(name);
  if (w && *w)
    add(self, w, strlen(w), type);
}

void model_words(const struct model_settings *s, void (*add)(void *self, const char *word, size_t len, bool type),
                 void *self) {
  for (int p = 0; p < model_nprofiles; p++) {
    const struct profile *pr = &model_profiles[p];
    for (size_t i = 0; pr->types && pr->types[i].name; i++)
      add_c_word(pr->types[i].name, add, self, true);
    for (size_t i = 0; pr->functions && pr->functions[i].name; i++)
      if ((pr->functions[i].role != ROLE_NONE || (pr->functions[i].flags & RF_DROP_REPORTED)) && /* not __builtin_expect's */
          pr->functions[i].role != ROLE_FREE && pr->functions[i].role != ROLE_FINISH) /* free, uv_run: they matter only
                                                                              where the consumption is named */
        add_c_word(pr->functions[i].name, add, self, false);
    /* methods are C++'s; so are the waits (qualified) */
  }
  for (size_t i = 0; s && i < s->ncustom; i++) {
    add_c_word(s->custom[i].type, add, self, true);
    for (int r = 0; r < CR_COUNT; r++)
      for (size_t k = 0; k < s->custom[i].nnames[r]; k++)
        add_c_word(s->custom[i].names[r][k], add, self, false);
  }
}
