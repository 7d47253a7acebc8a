/* unit.c: see unit.h. The pipeline of design.md for one translation unit. */
#include "analyzer/driver/unit.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/flow/lower.h"
#include "analyzer/flow/solve.h"
#include "analyzer/model/model.h"
#include "analyzer/report/nolint.h"
#include "analyzer/support/glob.h"
#include "analyzer/support/hash.h"
#include "analyzer/support/path.h"
#include "rules/rule.h"

struct file_name {
  CXFile file;
  const char *display; /* NULL: not reported (system header) */
  struct nolint *nolint; /* read on the first finding in the file */
  bool nolint_read;
};

struct sum_slot {
  CXCursor def;
  unsigned hash;
  bool busy;
  const struct summary *sum;
};

struct unit {
  struct arena arena;
  CXTranslationUnit tu;
  const struct unit_config *cfg;
  const struct unit_input *in;
  struct model *model;
  struct diag_list *out;
  VEC(struct file_name) files;
  const struct rule *enabled[32];
  unsigned nenabled;
  VEC(CXCursor) lambdas;
  VEC(struct sum_slot) sums;
  int sum_depth;
  struct summary_provider provider;
  struct lower_opts lopts;
  regex_t filter; /* HeaderFilter */
  bool have_filter;
  CXFile main_file;
};

struct rule_ctx {
  struct unit *u;
  const struct rule *rule;
};

bool unit_rule_enabled(const struct unit_config *cfg, const char *id) {
  return !cfg->checks || globlist_match(cfg->checks, id) == 1;
}

/* ---- locations ---- */

static struct file_name *file_entry(struct unit *u, CXFile f);

static const char *file_display(struct unit *u, CXFile f) { return file_entry(u, f)->display; }

/* suppressed: a NOLINT comment in the file silences this rule on this line. The comments are
 * read from libclang's buffer of the file (an editor's unsaved text included). */
static bool suppressed(struct unit *u, CXFile f, unsigned line, const char *rule) {
  struct file_name *fn = file_entry(u, f);
  if (!fn->nolint_read) {
    fn->nolint_read = true;
    size_t len = 0;
    const char *text = clang_getFileContents(u->tu, f, &len);
    if (text) {
      fn->nolint = nolint_parse(&u->arena, text, len);
      const struct nolint_problem *pr;
      size_t np = nolint_problems(fn->nolint, &pr);
      for (size_t i = 0; i < np; i++) {
        struct diag_loc dl = {fn->display, pr[i].line, pr[i].col, 0};
        diag_add(u->out, "vtasklint-nolint", SEV_ERROR, &dl, "%s", pr[i].message);
      }
    }
  }
  return fn->nolint && nolint_suppresses(fn->nolint, line, rule);
}

static struct file_name *file_entry(struct unit *u, CXFile f) {
  for (size_t i = 0; i < u->files.n; i++)
    if (clang_File_isEqual(u->files.v[i].file, f))
      return &u->files.v[i];
  CXString s = clang_getFileName(f);
  char *abs = path_absolute(clang_getCString(s), u->in->workdir);
  clang_disposeString(s);
  char *disp = path_display(abs);
  struct file_name fn = {f, arena_strdup(&u->arena, disp), NULL, false};
  free(abs);
  free(disp);
  vec_push(&u->arena, &u->files, fn);
  return &u->files.v[u->files.n - 1];
}

/* cursor_loc: where a finding about cursor c is shown: the file location (macro arguments
 * where written, macro bodies at the use site; libclang.md section 3). */
static bool cursor_loc(struct unit *u, CXCursor c, struct diag_loc *out, CXFile *file) {
  enum CXCursorKind k = clang_getCursorKind(c);
  bool decl = clang_isDeclaration(k);
  CXSourceRange ext = clang_getCursorExtent(c);
  CXSourceLocation start = decl ? clang_getCursorLocation(c) : clang_getRangeStart(ext);
  CXSourceLocation exp = start;
  CXFile ef = NULL;
  clang_getExpansionLocation(exp, &ef, NULL, NULL, NULL);
  if (!ef || clang_Location_isInSystemHeader(start))
    return false;
  CXFile f = NULL;
  unsigned line, col;
  clang_getFileLocation(start, &f, &line, &col, NULL);
  if (!f)
    return false;
  out->file = file_display(u, f);
  if (file)
    *file = f;
  out->line = line;
  out->col = col;
  out->end_col = 0;
  if (decl) {
    CXString s = clang_getCursorSpelling(c);
    size_t n = strlen(clang_getCString(s));
    clang_disposeString(s);
    if (n)
      out->end_col = col + (unsigned)n;
  } else {
    CXFile f2 = NULL;
    unsigned l2, c2;
    clang_getFileLocation(clang_getRangeEnd(ext), &f2, &l2, &c2, NULL);
    if (f2 && clang_File_isEqual(f, f2) && l2 == line && c2 > col)
      out->end_col = c2;
  }
  return true;
}

struct diag *rule_report(struct rule_ctx *rc, CXCursor at, const char *fmt, ...) {
  struct diag_loc loc;
  CXFile f = NULL;
  if (!cursor_loc(rc->u, at, &loc, &f))
    return NULL;
  if (suppressed(rc->u, f, loc.line, rc->rule->id))
    return NULL;
  /* HeaderFilter: findings in headers are shown only where the filter matches. */
  if (rc->u->have_filter && !clang_File_isEqual(f, rc->u->main_file) &&
      regexec(&rc->u->filter, loc.file, 0, NULL, 0) != 0)
    return NULL;
  enum diag_severity sev = SEV_WARNING;
  if (rc->u->cfg->warnings_as_errors && globlist_match(rc->u->cfg->warnings_as_errors, rc->rule->id) == 1)
    sev = SEV_ERROR;
  va_list ap;
  va_start(ap, fmt);
  struct diag *d = diag_vadd(rc->u->out, rc->rule->id, sev, &loc, fmt, ap);
  va_end(ap);
  if (rc->u->in->contents) {
    /* The file on disk is not what was analysed: keep the buffer's line for the snippet. */
    size_t len = 0;
    const char *text = clang_getFileContents(rc->u->tu, f, &len);
    const char *p = text, *end = text ? text + len : NULL;
    for (unsigned l = 1; p && l < loc.line; l++) {
      p = memchr(p, '\n', (size_t)(end - p));
      p = p ? p + 1 : NULL;
    }
    if (p) {
      const char *e = memchr(p, '\n', (size_t)(end - p));
      size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
      if (n && p[n - 1] == '\r')
        n--;
      diag_set_source(rc->u->out, d, p, n);
    }
  }
  return d;
}

void rule_note(struct rule_ctx *rc, struct diag *d, CXCursor at, const char *fmt, ...) {
  struct diag_loc loc;
  if (!d || !cursor_loc(rc->u, at, &loc, NULL))
    return;
  struct strbuf sb = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&sb, fmt, ap);
  va_end(ap);
  diag_note(rc->u->out, d, &loc, "%s", sb_cstr(&sb));
  sb_release(&sb);
}

/* ---- functions ---- */

static void visit_event(void *self, struct flow_ctx *fx, const struct event *ev) {
  struct unit *u = self;
  for (unsigned i = 0; i < u->nenabled; i++) {
    if (!u->enabled[i]->on_event)
      continue;
    struct rule_ctx rc = {u, u->enabled[i]};
    u->enabled[i]->on_event(&rc, fx, ev);
  }
}

static void analyze_function(struct unit *u, CXCursor fn) {
  struct cfg g;
  cfg_init(&g, &u->arena);
  if (!lower_function(&g, fn, &u->lopts))
    return;
  if (g.too_deep) {
    struct diag_loc loc;
    if (cursor_loc(u, fn, &loc, NULL))
      diag_add(u->out, "vtask-analysis", SEV_NOTE, &loc,
               "'%s' is nested more than %d levels deep; vtasklint skipped its body", g.fn_name,
               u->lopts.max_depth > 0 ? u->lopts.max_depth : LOWER_MAX_DEPTH);
    return;
  }
  if (u->cfg->dump_cfg)
    cfg_dump(&g, u->cfg->dump_cfg);
  solve_run(&g, visit_event, u);
}

/* ---- summaries of same-unit callees ---- */

struct sum_visit {
  struct summary *s;
  int32_t *param_of_var;
};

static void sum_event(void *self, struct flow_ctx *fx, const struct event *ev) {
  struct sum_visit *sv = self;
  if (!ev)
    return;
  int32_t var = ev->kind == EV_COPY || ev->kind == EV_MOVE ? ev->var2 : ev->var;
  if (var < 0 || sv->param_of_var[var] < 0)
    return;
  uint8_t *r = &sv->s->role[sv->param_of_var[var]];
  uint8_t want = SUM_NONE;
  switch (ev->kind) {
  case EV_AWAIT:
  case EV_TRANSFER:
  case EV_PASS:
  case EV_MOVE:
    want = SUM_AWAIT;
    break;
  case EV_GET_RESULT:
    want = SUM_GET_RESULT;
    break;
  case EV_ESCAPE:
    want = SUM_ESCAPE;
    break;
  case EV_QUERY:
  case EV_USE:
  case EV_COPY:
    want = SUM_USE;
    break;
  default:
    return;
  }
  (void)fx;
  /* Strongest effect wins: escape > await > get-result > use. */
  static const uint8_t rank[] = {[SUM_NONE] = 0, [SUM_USE] = 1, [SUM_QUERY] = 1, [SUM_QUERY_NOT] = 1, [SUM_GET_RESULT] = 2,
                                 [SUM_AWAIT] = 3, [SUM_ESCAPE] = 4};
  if (rank[want] > rank[*r])
    *r = want;
}

static const struct summary *get_summary(void *self, CXCursor def) {
  struct unit *u = self;
  unsigned h = clang_hashCursor(def);
  for (size_t i = 0; i < u->sums.n; i++)
    if (u->sums.v[i].hash == h && clang_equalCursors(u->sums.v[i].def, def))
      return u->sums.v[i].busy ? NULL : u->sums.v[i].sum;
  if (u->sum_depth > 16)
    return NULL;
  struct sum_slot slot = {def, h, true, NULL};
  vec_push(&u->arena, &u->sums, slot);
  size_t idx = u->sums.n - 1;

  struct summary *s = NULL;
  int np = clang_Cursor_getNumArguments(def);
  bool any = false;
  for (int i = 0; i < np; i++)
    any |= model_is_vtask_type(u->model, clang_getCursorType(clang_Cursor_getArgument(def, (unsigned)i)));
  if (any) {
    u->sum_depth++;
    struct cfg g;
    cfg_init(&g, &u->arena);
    struct lower_opts lo = u->lopts;
    lo.on_lambda = NULL;
    lo.on_record = NULL;
    if (lower_function(&g, def, &lo) && !g.too_deep) {
      s = ARENA_NEW(&u->arena, struct summary);
      s->nparams = (unsigned)np;
      s->role = ARENA_ARRAY(&u->arena, uint8_t, np);
      struct sum_visit sv = {s, ARENA_ARRAY(&u->arena, int32_t, g.vars.n + 1)};
      for (size_t v = 0; v < g.vars.n; v++) {
        sv.param_of_var[v] = -1;
        for (int i = 0; i < np; i++)
          if ((g.vars.v[v].flags & VAR_PARAM) && clang_equalCursors(g.vars.v[v].decl, clang_Cursor_getArgument(def, (unsigned)i)))
            sv.param_of_var[v] = i;
      }
      solve_run(&g, sum_event, &sv);
      /* Every return answers whether the parameter completed (`return q(t);`,
       * `return q(t) && !f(t);`, `bool d = q(t); return d;`, `return !q(t);`): a query, if the
       * body does nothing else to it. */
      if (g.returns_query >= 0 && (size_t)g.returns_query < g.vars.n) {
        int32_t p = sv.param_of_var[g.returns_query];
        if (p >= 0 && (s->role[p] == SUM_USE || s->role[p] == SUM_NONE))
          s->role[p] = g.returns_query_neg ? SUM_QUERY_NOT : SUM_QUERY;
      }
    }
    u->sum_depth--;
  }
  u->sums.v[idx].busy = false;
  u->sums.v[idx].sum = s;
  return s;
}

/* ---- the declaration walk ---- */

static char *type_spelling(struct unit *u, CXType t) {
  CXString s = clang_getTypeSpelling(t);
  char *r = arena_strdup(&u->arena, clang_getCString(s));
  clang_disposeString(s);
  return r;
}

static char *cursor_spelling(struct unit *u, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  char *r = arena_strdup(&u->arena, clang_getCString(s));
  clang_disposeString(s);
  return r;
}

static void decl_fact(struct unit *u, const struct decl_fact *f) {
  for (unsigned i = 0; i < u->nenabled; i++) {
    if (!u->enabled[i]->on_decl)
      continue;
    struct rule_ctx rc = {u, u->enabled[i]};
    u->enabled[i]->on_decl(&rc, f);
  }
}

static enum CXChildVisitResult last_child(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  *(CXCursor *)d = c;
  return CXChildVisit_Continue;
}

/* is_definition_with_body: a function's body is its last child (after parameters, attributes,
 * constructor initialisers). */
static bool is_definition_with_body(CXCursor c) {
  CXCursor last = clang_getNullCursor();
  clang_visitChildren(c, last_child, &last);
  enum CXCursorKind k = clang_getCursorKind(last);
  return !clang_Cursor_isNull(last) && (k == CXCursor_CompoundStmt || k == CXCursor_UnexposedStmt || k == CXCursor_CXXTryStmt);
}

static enum CXChildVisitResult walk(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct unit *u = data;
  CXSourceLocation loc = clang_getCursorLocation(c);
  if (clang_Location_isInSystemHeader(loc))
    return CXChildVisit_Continue;
  switch (clang_getCursorKind(c)) {
  case CXCursor_Namespace:
  case CXCursor_LinkageSpec:
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
  case CXCursor_ClassDecl:
  case CXCursor_ClassTemplate:
  case CXCursor_ClassTemplatePartialSpecialization:
  case CXCursor_UnexposedDecl: /* extern "C++" blocks, export */
    return CXChildVisit_Recurse;
  case CXCursor_FieldDecl: {
    const struct vtype *vt = model_type_holds(u->model, clang_getCursorType(c));
    if (vt) {
      struct decl_fact f = {DECL_FIELD, cursor_spelling(u, c), type_spelling(u, clang_getCursorType(c)), c, vt};
      decl_fact(u, &f);
    }
    return CXChildVisit_Continue;
  }
  case CXCursor_VarDecl: {
    enum CXCursorKind pk = clang_getCursorKind(clang_getCursorSemanticParent(c));
    if (pk == CXCursor_StructDecl || pk == CXCursor_ClassDecl || pk == CXCursor_UnionDecl ||
        pk == CXCursor_ClassTemplate || pk == CXCursor_ClassTemplatePartialSpecialization) {
      /* static data member: storage in the class, like a field (and a global) */
      const struct vtype *mt = model_type_holds(u->model, clang_getCursorType(c));
      if (mt) {
        struct decl_fact f = {DECL_STATIC_MEMBER, cursor_spelling(u, c), type_spelling(u, clang_getCursorType(c)), c, mt};
        decl_fact(u, &f);
      }
      return CXChildVisit_Continue;
    }
    /* A namespace-scope vtask with an initialiser: stored in a global. */
    const struct vtype *vt = model_vtype(u->model, clang_getCursorType(c));
    if (vt) {
      CXCursor last = clang_getNullCursor();
      clang_visitChildren(c, last_child, &last);
      if (!clang_Cursor_isNull(last) && clang_isExpression(clang_getCursorKind(last)) && !lower_is_default_init(last)) {
        struct decl_fact f = {DECL_GLOBAL_INIT, cursor_spelling(u, c), type_spelling(u, clang_getCursorType(c)), c, vt};
        decl_fact(u, &f);
      }
    }
    return CXChildVisit_Continue;
  }
  case CXCursor_FunctionDecl:
  case CXCursor_CXXMethod:
  case CXCursor_Constructor:
  case CXCursor_Destructor:
  case CXCursor_ConversionFunction:
  case CXCursor_FunctionTemplate:
    if (is_definition_with_body(c)) {
      analyze_function(u, c);
      /* Lambdas met in the body are functions of their own; they may nest. */
      for (size_t i = 0; i < u->lambdas.n; i++)
        analyze_function(u, u->lambdas.v[i]);
      u->lambdas.n = 0;
    }
    return CXChildVisit_Continue;
  default:
    return CXChildVisit_Continue;
  }
}

void unit_deps_release(struct unit_deps *d) {
  for (size_t i = 0; i < d->n; i++)
    free(d->v[i].path);
  free(d->v);
  memset(d, 0, sizeof *d);
}

struct deps_ctx {
  struct unit *u;
  struct unit_deps *out;
};

/* collect_dep: each file of the unit, hashed from libclang's own buffer (no second read). */
static void collect_dep(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data) {
  (void)stack;
  (void)len;
  struct deps_ctx *dc = data;
  size_t n = 0;
  const char *text = clang_getFileContents(dc->u->tu, f, &n);
  /* The real path: lexical ".." handling is wrong through symlinked directories, and the
   * cache re-reads these files by name. */
  CXString name = clang_File_tryGetRealPathName(f);
  if (!clang_getCString(name) || !*clang_getCString(name)) {
    clang_disposeString(name);
    name = clang_getFileName(f);
  }
  char *abs = path_absolute(clang_getCString(name), dc->u->in->workdir);
  clang_disposeString(name);
  for (size_t i = 0; i < dc->out->n; i++)
    if (strcmp(dc->out->v[i].path, abs) == 0) {
      free(abs);
      return;
    }
  if (dc->out->n == dc->out->cap) {
    dc->out->cap = dc->out->cap ? dc->out->cap * 2 : 32;
    dc->out->v = realloc(dc->out->v, sizeof *dc->out->v * dc->out->cap);
  }
  dc->out->v[dc->out->n].path = abs;
  dc->out->v[dc->out->n].hash = text ? hash_bytes(text, n) : 0;
  dc->out->n++;
}

/* walk_record: the fields of a type defined inside a function body. Only declaration facts:
 * its member functions are not lowered from inside another function's lowering (nested
 * lowering of local classes crashed libclang on real code: fmtlib's tests). */
static enum CXChildVisitResult walk_record(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct unit *u = data;
  switch (clang_getCursorKind(c)) {
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
  case CXCursor_ClassDecl:
    return CXChildVisit_Recurse;
  case CXCursor_FieldDecl: {
    const struct vtype *vt = model_type_holds(u->model, clang_getCursorType(c));
    if (vt) {
      struct decl_fact f = {DECL_FIELD, cursor_spelling(u, c), type_spelling(u, clang_getCursorType(c)), c, vt};
      decl_fact(u, &f);
    }
    return CXChildVisit_Continue;
  }
  default:
    return CXChildVisit_Continue;
  }
}

static void on_record(void *self, CXCursor record) {
  clang_visitChildren(record, walk_record, self);
}

static void on_lambda(void *self, CXCursor lambda) {
  struct unit *u = self;
  vec_push(&u->arena, &u->lambdas, lambda);
}

/* ---- the unit ---- */

static const char *error_name(enum CXErrorCode e) {
  switch (e) {
  case CXError_Crashed:
    return "libclang crashed while parsing it";
  case CXError_InvalidArguments:
    return "libclang rejected the arguments";
  case CXError_ASTReadError:
    return "libclang could not read it (is the file also among the compiler arguments?)";
  default:
    return "libclang could not parse it";
  }
}

static void report_clang_errors(struct unit *u) {
  unsigned n = clang_getNumDiagnostics(u->tu);
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(u->tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
    if (sev >= CXDiagnostic_Error) {
      CXSourceLocation loc = clang_getDiagnosticLocation(d);
      CXFile f = NULL;
      unsigned line = 0, col = 0;
      clang_getFileLocation(loc, &f, &line, &col, NULL);
      /* File-less errors are the driver's (unknown GCC flags): noise for an analyzer. */
      if (f) {
        struct diag_loc dl = {file_display(u, f), line, col, 0};
        CXString s = clang_getDiagnosticSpelling(d);
        diag_add(u->out, "clang-diagnostic-error", SEV_ERROR, &dl, "%s", clang_getCString(s));
        clang_disposeString(s);
      }
    }
    clang_disposeDiagnostic(d);
  }
}

int unit_analyze(CXIndex idx, const struct unit_input *in, const struct unit_config *cfg,
                 struct diag_list *out, struct strbuf *err) {
  struct unit u;
  memset(&u, 0, sizeof u);
  arena_init(&u.arena);
  u.cfg = cfg;
  u.in = in;
  u.out = out;
  for (unsigned i = 0; i < rule_registry_count && u.nenabled < 32; i++)
    if (unit_rule_enabled(cfg, rule_registry[i]->id))
      u.enabled[u.nenabled++] = rule_registry[i];

  /* Arguments: the unit's own, then what libclang needs to find its builtin headers. */
  int extra = 6;
  const char **argv = ARENA_ARRAY(&u.arena, const char *, in->nargs + extra + 1);
  int argc = 0;
  for (int i = 0; i < in->nargs; i++)
    argv[argc++] = in->args[i];
  if (cfg->resource_dir && cfg->resource_dir[0]) {
    argv[argc++] = "-resource-dir";
    argv[argc++] = cfg->resource_dir;
  }
  if (in->workdir) {
    argv[argc++] = "-working-directory";
    argv[argc++] = in->workdir;
  }
  argv[argc++] = "-Wno-unknown-warning-option";
  struct CXUnsavedFile unsaved = {in->path, in->contents, in->contents_len};
  unsigned flags = CXTranslationUnit_KeepGoing;
  enum CXErrorCode e = clang_parseTranslationUnit2(idx, in->path, argv, argc, in->contents ? &unsaved : NULL,
                                                   in->contents ? 1 : 0, flags, &u.tu);
  if (e != CXError_Success || !u.tu) {
    sb_addf(err, "%s: %s", in->path, error_name(e));
    arena_release(&u.arena);
    return -1;
  }
  u.model = model_new(&u.arena, cfg->settings);
  if (cfg->header_filter) {
    u.have_filter = regcomp(&u.filter, cfg->header_filter, REG_EXTENDED | REG_NOSUB) == 0;
    u.main_file = clang_getFile(u.tu, in->path);
  }
  u.provider.get = get_summary;
  u.provider.self = &u;
  u.lopts.model = u.model;
  u.lopts.summaries = &u.provider;
  u.lopts.on_lambda = on_lambda;
  u.lopts.on_record = on_record;
  u.lopts.max_depth = cfg->max_depth;
  u.lopts.self = &u;

  report_clang_errors(&u);
  clang_visitChildren(clang_getTranslationUnitCursor(u.tu), walk, &u);

  if (in->deps) {
    struct deps_ctx dc = {&u, in->deps};
    clang_getInclusions(u.tu, collect_dep, &dc);
  }
  if (u.have_filter)
    regfree(&u.filter);
  clang_disposeTranslationUnit(u.tu);
  arena_release(&u.arena);
  return 0;
}
