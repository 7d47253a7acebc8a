/* unit.c: see unit.h. The pipeline of design.md for one translation unit, as orchestration
 * only: parse, build the model, hand the report filter the unit's files, report clang's
 * errors, run the declaration walk (flow/decls.c) with every function lowered (flow/lower.c)
 * and solved (flow/solve.c) into the rule context (rules/context.c), collect the files read. */
#include "analyzer/driver/unit.h"

#include "analyzer/driver/unit_files.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/driver/quiet_warnings.h"
#include "analyzer/driver/rejected.h"
#include "analyzer/driver/template_code.h"
#include "analyzer/flow/decls.h"
#include "analyzer/flow/lower.h"
#include "analyzer/flow/solve.h"
#include "analyzer/flow/summary.h"
#include "analyzer/model/model.h"
#include "analyzer/model/testfw.h"
#include "analyzer/report/filter.h"
#include "analyzer/driver/header_lang.h"
#include "analyzer/flow/mentions.h"
#include "analyzer/support/hash.h"
#include "analyzer/support/path.h"
#include "rules/context.h"

struct unit {
  struct arena arena;
  CXTranslationUnit tu;
  const struct unit_config *cfg;
  const struct unit_input *in;
  struct diag_list *out;
  struct rule_unit *rules;
  struct report_filter *filter;
  struct lower_opts lopts;
  struct decls decls;
  struct unit_share *share;   /* NULL: not in a preamble group */
  CXFile main_file;
  VEC(CXFile) pre_files;      /* the preamble's non-system files */
  VEC(CXFile) pre_all;        /* all of the preamble's files, system headers too */
  bool in_header;             /* recording: analysing a function or declaration of one */
  struct mentions *mentions;  /* what the unit's files spell (flow/mentions.h); NULL: no sparing */
  bool mentions_ready;        /* mentions_unit has run for this unit */
  const struct mentions_file *files; /* every file of the unit, system headers too */
  size_t nfiles;
};

/* ---- a preamble group's record (unit_share) ---- */

static bool is_pre_file(const struct unit *u, CXFile f) {
  for (size_t i = 0; f && i < u->pre_files.n; i++)
    if (clang_File_isEqual(u->pre_files.v[i], f))
      return true;
  return false;
}

static bool in_pre_file(const struct unit *u, CXCursor c) {
  CXFile f = NULL;
  clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
  return is_pre_file(u, f);
}

static bool skip_pre_decl(void *self, CXCursor c) { return in_pre_file(self, c); }

/* A header's analysis depends on the main file when it reads a summary of a function defined
 * outside the preamble's headers (system headers included: every unit of the group has those
 * definitions, in the same preamble), or passes a tracked value to a function defined nowhere
 * that is not a system header's (the next unit could define it). */
static void watch_get(void *self, CXCursor def) {
  struct unit *u = self;
  if (!u->in_header)
    return;
  CXFile f = NULL;
  clang_getExpansionLocation(clang_getCursorLocation(def), &f, NULL, NULL, NULL);
  for (size_t i = 0; f && i < u->pre_all.n; i++)
    if (clang_File_isEqual(u->pre_all.v[i], f))
      return;
  u->share->unsure = true;
}

static void watch_undefined(void *self, CXCursor callee) {
  struct unit *u = self;
  if (u->in_header && !clang_Location_isInSystemHeader(clang_getCursorLocation(callee)))
    u->share->unsure = true;
}

/* With bodies skipped (unit_input.bodies_needed): a callee without a body may be one whose
 * body the parse skipped, wherever it is declared (a friend defined in a header's class
 * template is declared by the main file alone when the instantiation that defines it was in a
 * skipped body). */
static void watch_bodyless(void *self, CXCursor callee) {
  struct unit *u = self;
  (void)callee;
  *u->in->bodies_needed |= BODIES_FOR_CODE;
}

/* record_from: the findings made since `from` belong to the record (a note or a location in the
 * main file would name the first unit: not reusable). */
static void record_from(struct unit *u, size_t from) {
  struct diag_list *h = u->share->headers;
  const char *main_name = u->main_file ? rule_unit_file(u->rules, u->main_file) : NULL;
  for (size_t i = from; i < u->out->items.n; i++) {
    const struct diag *s = &u->out->items.v[i];
    if (main_name && s->loc.file && strcmp(s->loc.file, main_name) == 0)
      u->share->unsure = true;
    struct diag *d = diag_add(h, s->rule, s->sev, &s->loc, "%s", s->message);
    if (s->source)
      diag_set_source(h, d, s->source, strlen(s->source));
    for (unsigned k = 0; k < s->nnotes; k++) {
      if (main_name && s->notes[k].loc.file && strcmp(s->notes[k].loc.file, main_name) == 0)
        u->share->unsure = true;
      diag_note(h, d, &s->notes[k].loc, "%s", s->notes[k].message);
    }
  }
}

static bool recording(const struct unit *u) { return u->share && u->share->record; }

bool unit_rule_enabled(const struct unit_config *cfg, const char *id) { return rule_enabled(cfg->checks, id); }

/* ---- functions ---- */

/* visit: the rules see every event; at the end, the engine's counters join the unit's. */
static void visit(void *self, struct flow_ctx *fx, const struct event *ev) {
  struct unit *u = self;
  rule_unit_event(u->rules, fx, ev);
  if (ev)
    return;
  struct solve_stats st;
  flow_stats(fx, &st);
  for (int k = 0; k < 2; k++) {
    struct diag_counts *c = k == 0 ? &u->out->counts : u->in_header ? &u->share->headers->counts : NULL;
    if (!c)
      break;
    c->dropped += st.dropped;
    if (st.max_states > c->max_states)
      c->max_states = st.max_states;
  }
  if (u->cfg->dump_cfg)
    fprintf(u->cfg->dump_cfg, "  engine: at most %u path states at one block, %u dropped at the bound of %d\n",
            st.max_states, st.dropped, SOLVE_MAX_STATES);
}

static void report_function(struct unit *u, struct cfg *g, CXCursor fn);

/* analyze_function: lower, solve and report one body. Its graph lives in an arena of its own,
 * released at once: a unit of 100k small functions would otherwise hold every graph until its
 * end (3x clang's memory). What outlives it is elsewhere: findings are copied into the
 * diag_list, names into the model's and the rules' arenas, summaries into their own. */
/* unit_is_c: the unit compiles as C: neither C++ nor Objective-C. */
static bool unit_is_c(const struct unit_input *in) { return compdb_args_lang(in->path, in->args, in->nargs) == SRC_C; }

/* spared: fn is C and its text spells nothing that can hold a vtask (flow/mentions.h): its
 * analysis would find nothing, so it is only counted. The index is readied at the unit's
 * first C function (a C++ unit never pays for it). */
static bool spared(struct unit *u, CXCursor fn) {
  if (!u->mentions || clang_getCursorLanguage(fn) != CXLanguage_C)
    return false;
  if (!u->mentions_ready) {
    u->mentions_ready = true;
    /* libclang calls a plain function of a C++ unit C as well: the command decides */
    if (!unit_is_c(u->in)) {
      u->mentions = NULL;
      return false;
    }
    mentions_unit(u->mentions, u->tu, u->files, u->nfiles, u->in->args, u->in->nargs, u->cfg->settings);
  }
  return !mentions_function(u->mentions, fn);
}

static void analyze_function(void *self, CXCursor fn) {
  struct unit *u = self;
  /* `X() = default;` has the body clang makes for it only in a unit that uses it: nobody wrote
   * it, and a shared preamble's record of the headers would count it for every unit */
  if (clang_CXXMethod_isDefaulted(fn))
    return;
  bool header = recording(u) && in_pre_file(u, fn);
  if (spared(u, fn)) {
    u->out->counts.functions++;
    if (header)
      u->share->headers->counts.functions++;
    return;
  }
  size_t from = u->out->items.n;
  u->in_header = header;
  struct arena fa;
  arena_init(&fa);
  struct cfg g;
  cfg_init(&g, &fa);
  if (lower_function(&g, fn, &u->lopts))
    report_function(u, &g, fn);
  arena_release(&fa);
  if (header)
    record_from(u, from);
  u->in_header = false;
}

static void report_function(struct unit *u, struct cfg *g, CXCursor fn) {
  if (g->too_deep) {
    u->out->counts.skipped++;
    if (u->in_header)
      u->share->headers->counts.skipped++;
    struct diag_loc loc;
    if (rule_unit_loc(u->rules, fn, &loc))
      diag_add(u->out, "vtask-analysis", SEV_NOTE, &loc,
               "'%s' is nested more than %d levels deep; vtasklint skipped its body", g->fn_name,
               u->lopts.max_depth > 0 ? u->lopts.max_depth : LOWER_MAX_DEPTH);
    return;
  }
  /* Counted whether or not it holds anything to solve (a function the text already spared is
   * counted too: --stats and --dump-cfg, which spares nothing, give the same figure). */
  u->out->counts.functions++;
  if (u->in_header)
    u->share->headers->counts.functions++;
  if (u->cfg->dump_cfg)
    cfg_dump(g, u->cfg->dump_cfg);
  solve_run(g, visit, u);
}

static void on_fact(void *self, const struct decl_fact *f) {
  struct unit *u = self;
  bool header = recording(u) && in_pre_file(u, f->cur);
  size_t from = u->out->items.n;
  rule_unit_decl(u->rules, f);
  if (header)
    record_from(u, from);
}

/* ---- the unit's files ---- */

/* give_files: each non-system file the unit read goes to the report filter with its text, so
 * a broken NOLINTBEGIN is reported though no finding lands in the file. Headers whose findings
 * HeaderFilter hides are left until a finding lands in them (as the filter then reports their
 * comments' problems anyway). The test-framework model gets every non-system file's text for
 * the #defines it reads. */
static void give_files(struct unit *u, const struct unit_files *uf, struct model *model) {
  struct testfw_source *src = ARENA_ARRAY(&u->arena, struct testfw_source, uf->n + 1);
  size_t nsrc = 0;
  for (size_t i = 0; i < uf->n; i++) {
    const struct unit_file *f = &uf->v[i];
    if (f->system)
      continue;
    if (f->text)
      src[nsrc++] = (struct testfw_source){f->text, f->len};
    if (!f->main && filter_shows_file(u->filter, rule_unit_file(u->rules, f->file)))
      rule_unit_add_file_text(u->rules, f->file, f->text, f->len, false);
  }
  testfw_set_sources(model_testfw(model), src, nsrc);
}

void unit_deps_release(struct unit_deps *d) {
  for (size_t i = 0; i < d->n; i++)
    free(d->v[i].path);
  free(d->v);
  memset(d, 0, sizeof *d);
}

/* dep_name: the name under which the cache re-reads a file of the unit: its real path, the one
 * clang_File_tryGetRealPathName gives for a file clang opened (lexical ".." handling is wrong
 * through symlinked directories). Two cases need more in a preamble group:
 * - the main file of a reparsed unit: the TU's main file is another unit's; this unit's is
 *   in->path;
 * - the files a precompiled preamble read: libclang gives them the names stored in the
 *   preamble and a real path computed from those names by text alone (clang 19:
 *   "/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/vector" comes out as
 *   "/include/c++/12/vector", a file that does not exist where /lib links to usr/lib). Their
 *   real path is found on disk, and kept only when it reaches the very file clang read (the
 *   same device and inode); otherwise *sure is cleared (the entry is not stored). */
static char *dep_name(struct unit *u, const struct unit_file *uf, bool *sure) {
  if (uf->main && u->share && u->share->parsed_as) {
    char *real = path_real(u->in->path, u->in->workdir, NULL, NULL);
    return real ? real : path_absolute(u->in->path, u->in->workdir);
  }
  if (uf->preamble && u->share) {
    CXString name = clang_getFileName(uf->file);
    const char *s = clang_getCString(name) ? clang_getCString(name) : "";
    unsigned long long dev = 0, ino = 0;
    char *real = path_real(s, u->in->workdir, &dev, &ino);
    CXFileUniqueID id;
    if (!real || clang_getFileUniqueID(uf->file, &id) != 0 || id.data[0] != dev || id.data[1] != ino) {
      *sure = false;
      free(real);
      real = path_absolute(s, u->in->workdir);
    }
    clang_disposeString(name);
    return real;
  }
  CXString name = clang_File_tryGetRealPathName(uf->file);
  if (!clang_getCString(name) || clang_getCString(name)[0] != '/') {
    clang_disposeString(name);
    name = clang_getFileName(uf->file);
  }
  char *abs = path_absolute(clang_getCString(name) ? clang_getCString(name) : "", u->in->workdir);
  clang_disposeString(name);
  return abs;
}

static int dep_cmp(const void *a, const void *b) {
  return strcmp(((const struct unit_dep *)a)->path, ((const struct unit_dep *)b)->path);
}

/* collect_deps: each file of the unit, hashed from libclang's own buffer (no second read); the
 * main file first (the file most often edited: a lookup stops there), then the others sorted
 * by path, each once. The order does not depend on how the unit was parsed (libclang lists a
 * precompiled preamble's files first, in another order), so an entry is the same bytes with
 * or without a shared preamble. */
static void collect_deps(struct unit *u, const struct unit_files *uf, struct unit_deps *out) {
  size_t first = out->n;
  for (size_t i = 0; i < uf->n; i++) {
    CXFile f = uf->v[i].file;
    size_t n = uf->v[i].len;
    const char *text = uf->v[i].text ? uf->v[i].text : clang_getFileContents(u->tu, f, &n);
    if (uf->v[i].main && u->share && u->share->parsed_as) /* the TU's text is not the file's */
      text = u->share->text, n = u->share->text_len;
    bool sure = true;
    char *abs = dep_name(u, &uf->v[i], &sure);
    if (!sure)
      out->unsure = true;
    if (out->n == out->cap) {
      out->cap = out->cap ? out->cap * 2 : 32;
      out->v = realloc(out->v, sizeof *out->v * out->cap);
    }
    struct unit_dep d = {abs, text ? hash_bytes(text, n) : 0};
    if (uf->v[i].main && out->n > first) { /* to the front */
      out->v[out->n] = out->v[first];
      out->v[first] = d;
    } else {
      out->v[out->n] = d;
    }
    out->n++;
  }
  if (out->n - first < 2)
    return;
  size_t rest = first + 1;
  qsort(out->v + rest, out->n - rest, sizeof *out->v, dep_cmp);
  size_t k = rest;
  for (size_t i = rest; i < out->n; i++) {
    if (strcmp(out->v[i].path, out->v[first].path) == 0 || (k > rest && strcmp(out->v[i].path, out->v[k - 1].path) == 0)) {
      free(out->v[i].path); /* the same file twice (two names with one real path) */
      continue;
    }
    out->v[k++] = out->v[i];
  }
  out->n = k;
}

/* ---- the unit ---- */

static const char *error_name(enum CXErrorCode e) {
  switch (e) {
  case CXError_Crashed:
    return "libclang crashed while parsing it";
  case CXError_InvalidArguments:
    return "libclang rejected the arguments";
  case CXError_ASTReadError:
    /* The causes known beforehand (a missing file, a bad PCH, an invalid -std=) are named
     * before libclang runs (driver/compdb.c, pool.c); what is left is libclang's own. */
    return "libclang could not read the serialized AST it needs (an AST read error)";
  default:
    return "libclang could not parse it";
  }
}

/* unreadable_encoding: the main file starts with a byte-order mark of an encoding clang does
 * not read (UTF-16 or UTF-32; UTF-8's it reads). Read from the editor's buffer or the file:
 * libclang keeps no contents for a file it refused. */
static bool unreadable_encoding(const struct unit_input *in) {
  unsigned char b[4] = {1, 1, 1, 1};
  size_t n = 0;
  if (in->contents) {
    n = in->contents_len < 4 ? in->contents_len : 4;
    memcpy(b, in->contents, n);
  } else {
    char *abs = path_absolute(in->path, in->workdir);
    FILE *f = fopen(abs, "rb");
    free(abs);
    if (f) {
      n = fread(b, 1, sizeof b, f);
      fclose(f);
    }
  }
  if (n < 2)
    return false;
  return (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) ||
         (n == 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF);
}

/* report_clang_errors: clang's errors as clang-diagnostic-error findings. File-less errors are
 * the driver's (unknown GCC flags): noise for an analyzer, except in a unit whose main file
 * clang cannot decode: "UTF-16 (LE) byte order mark detected" ends the parse before the first
 * token, has no location, and is then the only word that nothing was read; dropped, the file
 * would be reported clean. The first such error goes at the main file's start. */
static void report_clang_errors(struct unit *u) {
  int undecodable = -1; /* read only when a file-less error asks: the file is opened again */
  char *main_shown = NULL;
  unsigned n = clang_getNumDiagnostics(u->tu);
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(u->tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
    if (sev >= CXDiagnostic_Error && recording(u))
      u->share->errors = true;
    if (sev >= CXDiagnostic_Error) {
      CXSourceLocation loc = clang_getDiagnosticLocation(d);
      if (u->in->bodies_needed)
        *u->in->bodies_needed |= BODIES_FOR_ERRORS;
      CXFile f = NULL;
      unsigned line = 0, col = 0;
      clang_getFileLocation(loc, &f, &line, &col, NULL);
      bool pre = f && u->share && is_pre_file(u, f);
      struct diag_loc dl = {NULL, rule_unit_line(u->rules, f, line), col, 0};
      if (f) {
        if (!(pre && u->share->reused)) /* a reused record has the preamble's errors */
          dl.file = rule_unit_file(u->rules, f);
      } else if (!main_shown && (undecodable < 0 ? (undecodable = unreadable_encoding(u->in)) : undecodable)) { /* the first says why; "error opening '<invalid buffer>'" follows */
        if (!main_shown) {
          char *abs = path_absolute(u->in->path, u->in->workdir);
          main_shown = path_display(abs);
          free(abs);
        }
        dl = (struct diag_loc){main_shown, 1, 1, 0};
      }
      if (dl.file) {
        CXString s = clang_getDiagnosticSpelling(d);
        diag_add(u->out, "clang-diagnostic-error", SEV_ERROR, &dl, "%s", clang_getCString(s));
        if (pre && recording(u))
          diag_add(u->share->headers, "clang-diagnostic-error", SEV_ERROR, &dl, "%s", clang_getCString(s));
        clang_disposeString(s);
      }
    }
    clang_disposeDiagnostic(d);
  }
  free(main_shown);
}

/* unit_parse: the unit's own arguments without the warnings nothing shows (quiet_warnings.h),
 * then what libclang needs to find its builtin headers. argv lives only for the call (libclang
 * copies what it keeps, also for a later reparse). */
int unit_parse(CXIndex idx, const struct unit_input *in, const struct unit_config *cfg, unsigned flags,
               CXTranslationUnit *tu, struct strbuf *err) {
  int extra = 7;
  const char **argv = malloc(sizeof *argv * (size_t)(in->nargs + extra + 1));
  if (!argv) {
    sb_addf(err, "%s: out of memory", in->path);
    return -1;
  }
  int no_uninit = 0;
  int argc = quiet_warnings(in->args, in->nargs, argv, &no_uninit);
  int nown = argc;
  if (no_uninit)
    argv[argc++] = "-Wno-uninitialized";
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
  *tu = NULL;
  enum CXErrorCode e =
      clang_parseTranslationUnit2(idx, in->path, argv, argc, in->contents ? &unsaved : NULL, in->contents ? 1 : 0,
                                  flags | CXTranslationUnit_KeepGoing, tu);
  if (e != CXError_Success || !*tu) {
    /* libclang drops the driver's reason (rejected.c): found by leaving arguments out */
    struct strbuf why = STRBUF_INIT;
    if (e != CXError_Crashed && rejected_reason(idx, in->path, argv, argc, nown, &why))
      sb_addf(err, "%s: %s", in->path, sb_cstr(&why));
    else
      sb_addf(err, "%s: %s", in->path, error_name(e));
    sb_release(&why);
    free(argv);
    if (*tu)
      clang_disposeTranslationUnit(*tu);
    *tu = NULL;
    return -1;
  }
  free(argv);
  return 0;
}

static int cmp_line(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* same_files: the preamble's files are those the record saw (each by its device, inode and
 * modification time, the project's own by their bytes too: a header edited during the run
 * makes libclang rebuild the preamble, and the record would describe the old text); the
 * record's list is written when recording. Not by name, nor in order: a plain parse names
 * and lists them as the header search found them, a precompiled preamble by the names it
 * stored ("/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/vector") and in
 * another order. */
static bool same_files(struct unit *u, const struct unit_files *uf) {
  char **lines = ARENA_ARRAY(&u->arena, char *, uf->n + 1);
  size_t n = 0;
  bool known = true;
  for (size_t i = 0; i < uf->n; i++)
    if (uf->v[i].preamble) {
      CXFileUniqueID id;
      if (clang_getFileUniqueID(uf->v[i].file, &id) != 0) {
        known = false;
        continue;
      }
      struct strbuf line = STRBUF_INIT;
      sb_addf(&line, "%llx %llx %llx", (unsigned long long)id.data[0], (unsigned long long)id.data[1],
              (unsigned long long)id.data[2]);
      if (uf->v[i].text)
        sb_addf(&line, " %016llx", (unsigned long long)hash_bytes(uf->v[i].text, uf->v[i].len));
      lines[n++] = arena_strndup(&u->arena, sb_cstr(&line), line.len);
      sb_release(&line);
    }
  qsort(lines, n, sizeof *lines, cmp_line);
  struct strbuf names = STRBUF_INIT;
  for (size_t i = 0; i < n; i++) {
    if (i && strcmp(lines[i], lines[i - 1]) == 0)
      continue; /* a file listed twice */
    sb_adds(&names, lines[i]);
    sb_addc(&names, '\n');
  }
  bool same = known && names.len > 0;
  if (u->share->record) {
    sb_reset(u->share->files);
    sb_add(u->share->files, names.buf, names.len);
  } else {
    same = same && names.len == u->share->files->len && memcmp(names.buf, u->share->files->buf, names.len) == 0;
  }
  sb_release(&names);
  return same;
}

static void analyze(CXTranslationUnit tu, const struct unit_input *in, const struct unit_config *cfg,
                    struct diag_list *out, struct unit_share *share, const struct unit_files *given) {
  struct unit u;
  memset(&u, 0, sizeof u);
  arena_init(&u.arena);
  u.tu = tu;
  u.cfg = cfg;
  u.in = in;
  u.out = out;
  u.share = share;
  struct model *model = model_new(&u.arena, cfg->settings);
  u.filter = filter_new(&u.arena, cfg->header_filter, cfg->header_filter_base, cfg->warnings_as_errors, out);
  CXFile main_file = clang_getFile(u.tu, share && share->parsed_as ? share->parsed_as : in->path);
  u.main_file = main_file;
  bool alias = share && share->parsed_as;
  struct rule_unit_opts ro = {u.tu,      cfg->checks,
                              in->workdir, in->contents != NULL,
                              u.filter,  out,
                              alias ? main_file : NULL, alias ? in->path : NULL,
                              alias ? share->tu_lines : 0, alias ? share->own_lines : 0};
  u.rules = rule_unit_new(&u.arena, &ro);
  if (main_file && alias)
    rule_unit_add_file_text(u.rules, main_file, share->text, share->text_len, true);
  else if (main_file)
    rule_unit_add_file(u.rules, main_file, true);
  struct unit_files files;
  if (given) {
    files = *given;
  } else {
    unit_files_collect(&u.arena, u.tu, &files);
    if (share && main_file) { /* a preamble group's: the headers libclang's list leaves out */
      size_t tlen = 0;
      const char *text = clang_getFileContents(u.tu, main_file, &tlen);
      if (text)
        unit_files_add_main_includes(&u.arena, u.tu, in->args, in->nargs, in->workdir, text, tlen, &files);
    }
  }
  give_files(&u, &files, model);
  struct mentions_file *all = ARENA_ARRAY(&u.arena, struct mentions_file, files.n + 1);
  for (size_t i = 0; i < files.n; i++) {
    const struct unit_file *f = &files.v[i];
    all[i] = (struct mentions_file){f->file, f->text, f->len, f->main, f->includer, f->include_off};
  }
  u.files = all;
  u.nfiles = files.n;
  struct mentions *own = NULL; /* the unit's own index, when the caller keeps none */
  /* Not with a precompiled preamble: libclang's inclusions then leave out the headers the main
   * file includes after its first line of code, whose macros the index must read. A dump
   * shows every function. */
  bool preamble = false;
  for (size_t i = 0; i < files.n && !preamble; i++)
    preamble = files.v[i].preamble;
  if (!cfg->dump_cfg && !preamble)
    u.mentions = in->mentions ? in->mentions : (own = mentions_new());
  if (share) {
    for (size_t i = 0; i < files.n; i++) {
      if (files.v[i].preamble && !files.v[i].system)
        vec_push(&u.arena, &u.pre_files, files.v[i].file);
      if (files.v[i].preamble)
        vec_push(&u.arena, &u.pre_all, files.v[i].file);
    }
    bool same = same_files(&u, &files);
    share->reused = share->reuse && same;
    if (share->record && !same)
      share->unsure = true; /* no preamble was built: nothing to reuse */
  }

  u.decls.arena = &u.arena;
  u.decls.model = model;
  u.decls.function = analyze_function;
  u.decls.fact = on_fact;
  u.decls.self = &u;
  u.lopts.model = model;
  struct summaries *sums = summaries_new(&u.arena, model, cfg->max_depth);
  if (recording(&u))
    summaries_watch(sums, watch_get, watch_undefined, &u);
  else if (in->bodies_needed)
    summaries_watch(sums, NULL, watch_bodyless, &u);
  /* Findings the caller will throw away (unit.h, BODIES_FOR_CODE) are not worth making. */
  bool needs_bodies = in->bodies_needed && template_code_in_main_file(u.tu);
  if (needs_bodies)
    *in->bodies_needed |= BODIES_FOR_CODE;
  u.lopts.summaries = summaries_provider(sums);
  if (share && share->reused)
    u.decls.skip = skip_pre_decl;
  u.lopts.on_lambda = decls_on_lambda;
  u.lopts.on_record = decls_on_record;
  u.lopts.max_depth = cfg->max_depth;
  u.lopts.self = &u.decls;

  if (!needs_bodies) {
    report_clang_errors(&u);
    decls_walk(&u.decls, u.tu);
  }
  if (share && share->reused)
    diag_append(out, share->headers);
  if (share)
    share->unmappable = rule_unit_unmappable(u.rules);

  if (in->deps)
    collect_deps(&u, &files, in->deps);
  filter_release(u.filter);
  mentions_free(own);
  arena_release(&u.arena);
}

void unit_analyze_tu(CXTranslationUnit tu, const struct unit_input *in, const struct unit_config *cfg,
                     struct diag_list *out) {
  analyze(tu, in, cfg, out, NULL, NULL);
}

void unit_analyze_tu_files(CXTranslationUnit tu, const struct unit_input *in, const struct unit_config *cfg,
                           const struct unit_files *files, struct diag_list *out) {
  analyze(tu, in, cfg, out, NULL, files);
}

void unit_analyze_shared(CXTranslationUnit tu, const struct unit_input *in, const struct unit_config *cfg,
                         struct diag_list *out, struct unit_share *share) {
  analyze(tu, in, cfg, out, share, NULL);
}

int unit_analyze(CXIndex idx, const struct unit_input *in, const struct unit_config *cfg,
                 struct diag_list *out, struct strbuf *err) {
  CXTranslationUnit tu;
  if (unit_parse(idx, in, cfg, 0, &tu, err) != 0)
    return -1;
  unit_analyze_tu(tu, in, cfg, out);
  clang_disposeTranslationUnit(tu);
  return 0;
}
