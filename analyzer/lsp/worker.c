/* worker.c: see worker.h. One request at a time, on a thread with a large stack (the lowering's
 * nesting bound assumes one, as in the CLI's pool), with libclang parsing on that same thread. */
#include "analyzer/lsp/worker.h"

#include <clang-c/Index.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "analyzer/driver/compdb.h"
#include "analyzer/driver/header_lang.h"
#include "analyzer/driver/pool.h"
#include "analyzer/driver/preamble.h"
#include "analyzer/driver/settings.h"
#include "analyzer/driver/unit_files.h"
#include "analyzer/lsp/position.h"
#include "analyzer/lsp/rpc.h"
#include "analyzer/support/path.h"

enum { WORKER_STACK = 512 << 20 };

static double clock_ms(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One file of a kept unit's list (unit_files.h), by name: CXFile handles do not survive a
 * reparse (libclang makes a new FileManager each time). */
struct kept_file {
  char *name, *includer; /* includer: NULL for none */
  unsigned include_off;
  bool main, system, preamble;
};

/* A kept translation unit: reparsed while its command (sig) stays the same. files: its list of
 * files as last collected, with the preamble region of the text it was collected from (pre);
 * nfiles 0: none kept (see files_for). */
struct kept_tu {
  char *path, *sig;
  CXTranslationUnit tu;
  struct kept_file *files;
  size_t nfiles;
  char *pre;
  size_t npre;
  bool full; /* parsed with its preamble's function bodies */
};

/* An opened compilation database (NULL db: the directory's could not be read, said once). */
struct kept_db {
  char *dir;
  struct compdb *db;
  struct arena arena;
};

struct worker {
  const struct worker_opts *o;
  int in, out;
  CXIndex idx;
  const char *pch_dir; /* where libclang keeps this process's preambles (the server's, emptied
                          when this process dies); NULL: libclang's default, no kept file lists */
  struct settings *set;
  struct kept_tu *tus;
  size_t ntus, ctus;
  struct kept_db *dbs;
  size_t ndbs, cdbs;
};

/* Lines for the client's log (window/logMessage), gathered during one request. */
static json_t *log_lines;

static void log_line(const char *line) {
  if (log_lines)
    json_array_append_new(log_lines, json_text(line));
}

/* ---- compile commands, the CLI's way ---- */

static struct compdb *db_for(struct worker *w, const char *dir) {
  for (size_t i = 0; i < w->ndbs; i++)
    if (strcmp(w->dbs[i].dir, dir) == 0)
      return w->dbs[i].db;
  if (w->ndbs == w->cdbs) {
    w->cdbs = w->cdbs ? w->cdbs * 2 : 4;
    w->dbs = realloc(w->dbs, sizeof *w->dbs * w->cdbs);
  }
  struct kept_db *k = &w->dbs[w->ndbs++];
  k->dir = strdup(dir);
  arena_init(&k->arena);
  struct strbuf err = STRBUF_INIT;
  k->db = compdb_open(dir, &k->arena, &err);
  if (k->db) {
    /* The first lookup reads every entry into the arena it is given: give it the database's
     * own, so the entries live as long as the database, not as one request. */
    struct job first;
    compdb_for_file(k->db, dir, &k->arena, &first);
  } else {
    struct strbuf m = STRBUF_INIT;
    sb_addf(&m, "vtasklint: error: %s", sb_cstr(&err));
    log_line(sb_cstr(&m));
    sb_release(&m);
  }
  sb_release(&err);
  return k->db;
}

/* job_for: the file's command: its database entry or its nearest sibling's (compdb_for_file),
 * else the arguments after `--` (none: the language by extension). */
static void job_for(struct worker *w, const char *path, struct arena *a, struct job *j) {
  memset(j, 0, sizeof *j);
  const struct worker_opts *o = w->o;
  if (!o->have_dashdash) {
    char *dir = NULL;
    if (o->build_dir)
      dir = strdup(o->build_dir);
    else {
      char *d = strdup(path);
      char *slash = strrchr(d, '/');
      if (slash && slash != d)
        *slash = 0;
      dir = compdb_find_upward(d, log_line);
      free(d);
    }
    struct compdb *db = dir ? db_for(w, dir) : NULL;
    free(dir);
    if (db && compdb_for_file(db, path, a, j)) {
      if (j->inferred) {
        struct strbuf m = STRBUF_INIT;
        sb_addf(&m, "vtasklint: note: '%s' has no entry in compile_commands.json; using the command of '%s'", path,
                j->sibling);
        log_line(sb_cstr(&m));
        sb_release(&m);
      }
      return;
    }
  }
  j->file = arena_strdup(a, path);
  j->nargs = compdb_filter_args_mode(o->extra, o->nextra, j->file, NULL, true, a, &j->args);
}

static char *signature(const struct job *j) {
  struct strbuf s = STRBUF_INIT;
  sb_adds(&s, j->workdir ? j->workdir : "");
  for (int i = 0; i < j->nargs; i++) {
    sb_addc(&s, '\x1f');
    sb_adds(&s, j->args[i]);
  }
  return sb_detach(&s);
}

/* kept_find: the file's unit parsed with its preamble's bodies (full 1) or without (0), or
 * either (-1). */
static struct kept_tu *kept_find(struct worker *w, const char *path, int full) {
  for (size_t i = 0; i < w->ntus; i++)
    if (strcmp(w->tus[i].path, path) == 0 && (full < 0 || w->tus[i].full == (full == 1)))
      return &w->tus[i];
  return NULL;
}

static void kept_files_clear(struct kept_tu *k) {
  for (size_t i = 0; i < k->nfiles; i++) {
    free(k->files[i].name);
    free(k->files[i].includer);
  }
  free(k->files);
  free(k->pre);
  k->files = NULL;
  k->pre = NULL;
  k->nfiles = k->npre = 0;
}

static void kept_drop(struct worker *w, struct kept_tu *k) {
  if (k->tu)
    clang_disposeTranslationUnit(k->tu);
  free(k->path);
  free(k->sig);
  kept_files_clear(k);
  *k = w->tus[--w->ntus];
}

/* ---- the unit's files between reparses ----
 *
 * The analysis needs the list of files the unit read (unit_files.h). Asking libclang for it
 * (clang_getInclusions) with a precompiled preamble loads every source-location entry of the
 * preamble, macro expansions included (11,000 for <future> <string> <vector>), and computes
 * the include stack of each of its 258 files: 36 M instructions, 8% of an edit's work in the
 * benchmark, repeated after every keystroke although the list cannot have changed. It can
 * change only if (a) libclang built a new preamble (its own check: the preamble's text, the
 * files it read and their unsaved versions, the command) or (b) the code after the preamble
 * includes or imports something. (a) is seen without asking libclang: its preambles are kept
 * in a directory of ours, and every new preamble is a new file in it (a preamble dropped as
 * stale removes its file), so the same directory listing before and after a reparse means the
 * same preamble, whose files are the same in the same order. (b) is a look at the text: no
 * '#' (nor its digraph "%:", its trigraph "??=") and no "import" after the preamble region,
 * then that code enters no file. Otherwise, or after a first parse, or with -include or
 * -imacros (files entered from the command line), the list is collected again. Kept names are
 * turned back into handles with clang_getFile, the texts taken from the new unit. */

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* pch_listing: the sorted names in the preamble directory, one per line (NULL: unreadable). */
static char *pch_listing(const char *dir) {
  DIR *d = dir ? opendir(dir) : NULL;
  if (!d)
    return NULL;
  char **v = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 8;
      v = realloc(v, sizeof *v * cap);
    }
    v[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(v, n, sizeof *v, cmp_str);
  struct strbuf sb = STRBUF_INIT;
  for (size_t i = 0; i < n; i++) {
    sb_adds(&sb, v[i]);
    sb_addc(&sb, '\n');
    free(v[i]);
  }
  free(v);
  sb_addc(&sb, '|'); /* an empty directory is a listing too */
  return sb_detach(&sb);
}

static bool may_enter_files(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '#' || (c == '%' && i + 1 < n && s[i + 1] == ':') ||
        (c == '?' && i + 2 < n && s[i + 1] == '?' && s[i + 2] == '=') ||
        (c == 'i' && n - i >= 6 && memcmp(s + i, "import", 6) == 0))
      return true;
  }
  return false;
}

static bool forces_includes(const struct job *j) {
  for (int i = 0; i < j->nargs; i++) {
    const char *a = j->args[i];
    if (strncmp(a, "-include", 8) == 0 || strncmp(a, "--include", 9) == 0 || strncmp(a, "-imacros", 8) == 0 ||
        strncmp(a, "--imacros", 9) == 0)
      return true;
  }
  return false;
}

/* files_from_kept: the kept list as handles and texts of tu; false when a name is not found. */
static bool files_from_kept(const struct kept_tu *k, struct arena *a, struct unit_files *out) {
  struct unit_file *v = ARENA_ARRAY(a, struct unit_file, k->nfiles);
  for (size_t i = 0; i < k->nfiles; i++) {
    const struct kept_file *f = &k->files[i];
    CXFile h = clang_getFile(k->tu, f->name);
    CXFile inc = f->includer ? clang_getFile(k->tu, f->includer) : NULL;
    if (!h || (f->includer && !inc))
      return false;
    v[i] = (struct unit_file){h, f->main, f->system, f->preamble, NULL, 0, inc, f->include_off};
    if (!f->system)
      v[i].text = clang_getFileContents(k->tu, h, &v[i].len);
  }
  out->v = v;
  out->n = k->nfiles;
  return true;
}

/* files_for: the unit's files after a parse or reparse (same_pch: the preamble directory did
 * not change meanwhile); kept for the next edit when they may be reused then. */
static void files_for(struct kept_tu *k, const struct job *j, const char *text, size_t len, bool same_pch,
                      struct arena *a, struct unit_files *out) {
  size_t pre = preamble_size(text, len);
  bool body_plain = !may_enter_files(text + pre, len - pre) && !forces_includes(j);
  if (same_pch && body_plain && k->nfiles && pre == k->npre && memcmp(text, k->pre, pre) == 0 &&
      files_from_kept(k, a, out))
    return;
  kept_files_clear(k);
  unit_files_collect(a, k->tu, out);
  if (!body_plain) /* as the command line lists them (it parses without a preamble) */
    unit_files_add_main_includes(a, k->tu, j->args, j->nargs, j->workdir, text, len, out);
  /* Kept only when they came from a preamble (files listed before the main file) and nothing
   * after it: files a reparse enters anew are read anew, and may have changed. */
  bool from_preamble = out->n > 0 && out->v[0].preamble && !out->v[0].main && out->v[out->n - 1].main;
  for (size_t i = 0; i + 1 < out->n; i++)
    if (!out->v[i].preamble)
      from_preamble = false;
  if (!body_plain || !from_preamble)
    return;
  k->files = malloc(sizeof *k->files * out->n);
  for (size_t i = 0; i < out->n; i++) {
    const struct unit_file *f = &out->v[i];
    CXString s = clang_getFileName(f->file);
    k->files[i] = (struct kept_file){strdup(clang_getCString(s)), NULL, f->include_off, f->main, f->system,
                                     f->preamble};
    clang_disposeString(s);
    if (f->includer) {
      s = clang_getFileName(f->includer);
      k->files[i].includer = strdup(clang_getCString(s));
      clang_disposeString(s);
    }
  }
  k->nfiles = out->n;
  k->pre = malloc(pre + 1);
  memcpy(k->pre, text, pre);
  k->npre = pre;
}

/* ---- what the editor needs beyond the findings ---- */

struct fn_extent {
  unsigned first, last;
};

struct fn_walk {
  struct fn_extent *v;
  size_t n, cap;
};

static bool is_function(enum CXCursorKind k) {
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
         k == CXCursor_Destructor || k == CXCursor_ConversionFunction || k == CXCursor_FunctionTemplate;
}

static bool is_scope(enum CXCursorKind k) {
  return k == CXCursor_Namespace || k == CXCursor_LinkageSpec || k == CXCursor_ClassDecl || k == CXCursor_StructDecl ||
         k == CXCursor_UnionDecl || k == CXCursor_ClassTemplate || k == CXCursor_ClassTemplatePartialSpecialization;
}

/* collect_fn: the main file's function definitions with their first and last lines (for
 * "suppress in this function": NOLINTBEGIN before the first, NOLINTEND after the last). */
static enum CXChildVisitResult collect_fn(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct fn_walk *fw = data;
  if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
    return CXChildVisit_Continue;
  enum CXCursorKind k = clang_getCursorKind(c);
  if (is_scope(k))
    return CXChildVisit_Recurse;
  if (!is_function(k) || !clang_isCursorDefinition(c))
    return CXChildVisit_Continue;
  CXSourceRange r = clang_getCursorExtent(c);
  unsigned l1 = 0, l2 = 0;
  clang_getExpansionLocation(clang_getRangeStart(r), NULL, &l1, NULL, NULL);
  clang_getExpansionLocation(clang_getRangeEnd(r), NULL, &l2, NULL, NULL);
  if (l1 && l2 >= l1) {
    if (fw->n == fw->cap) {
      fw->cap = fw->cap ? fw->cap * 2 : 32;
      fw->v = realloc(fw->v, sizeof *fw->v * fw->cap);
    }
    fw->v[fw->n++] = (struct fn_extent){l1, l2};
  }
  return CXChildVisit_Continue;
}

/* innermost: the smallest function extent holding line, or NULL. */
static const struct fn_extent *innermost(const struct fn_walk *fw, unsigned line) {
  const struct fn_extent *best = NULL;
  for (size_t i = 0; i < fw->n; i++)
    if (fw->v[i].first <= line && line <= fw->v[i].last &&
        (!best || fw->v[i].last - fw->v[i].first < best->last - best->first))
      best = &fw->v[i];
  return best;
}

/* fixits_for: clang's own fix-its of the error it reported at line:col with message msg
 * ("expected ';' after expression": insert ";"), as 1-based byte positions. */
static json_t *fixits_for(CXTranslationUnit tu, CXFile main, unsigned line, unsigned col, const char *msg) {
  json_t *out = json_array();
  unsigned n = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < n && json_array_size(out) == 0; i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    CXFile f = NULL;
    unsigned l = 0, c = 0;
    clang_getFileLocation(clang_getDiagnosticLocation(d), &f, &l, &c, NULL);
    CXString s = clang_getDiagnosticSpelling(d);
    bool same = f && clang_File_isEqual(f, main) && l == line && c == col && strcmp(clang_getCString(s), msg) == 0;
    clang_disposeString(s);
    unsigned nf = same ? clang_getDiagnosticNumFixIts(d) : 0;
    for (unsigned k = 0; k < nf; k++) {
      CXSourceRange r;
      CXString t = clang_getDiagnosticFixIt(d, k, &r);
      CXFile f1 = NULL, f2 = NULL;
      unsigned l1, c1, l2, c2;
      clang_getFileLocation(clang_getRangeStart(r), &f1, &l1, &c1, NULL);
      clang_getFileLocation(clang_getRangeEnd(r), &f2, &l2, &c2, NULL);
      if (f1 && f2 && clang_File_isEqual(f1, main) && clang_File_isEqual(f2, main))
        json_array_append_new(out, json_pack("{s:I,s:I,s:I,s:I,s:o}", "line", (json_int_t)l1, "col", (json_int_t)c1,
                                             "end_line", (json_int_t)l2, "end_col", (json_int_t)c2, "text",
                                             json_text(clang_getCString(t))));
      clang_disposeString(t);
    }
    clang_disposeDiagnostic(d);
  }
  return out;
}

static json_t *loc_json(const struct diag_loc *l) {
  char *abs = path_absolute(l->file ? l->file : "", NULL);
  json_t *j = json_pack("{s:o,s:I,s:I,s:I}", "file", json_text(abs), "line", (json_int_t)l->line, "col",
                        (json_int_t)l->col, "end_col", (json_int_t)l->end_col);
  free(abs);
  return j;
}

/* serialize: the findings located in the file itself. */
static json_t *serialize(const struct diag_list *out, const char *path, CXTranslationUnit tu) {
  char *shown = path_display(path);
  struct fn_walk fw = {0};
  clang_visitChildren(clang_getTranslationUnitCursor(tu), collect_fn, &fw);
  CXFile main = clang_getFile(tu, path);
  json_t *arr = json_array();
  for (size_t i = 0; i < out->items.n; i++) {
    const struct diag *d = &out->items.v[i];
    if (!d->loc.file || strcmp(d->loc.file, shown) != 0)
      continue;
    json_t *j = json_pack("{s:s,s:i,s:I,s:I,s:I,s:o}", "rule", d->rule, "sev", (int)d->sev, "line", (json_int_t)d->loc.line,
                          "col", (json_int_t)d->loc.col, "end_col", (json_int_t)d->loc.end_col, "message",
                          json_text(d->message));
    json_t *notes = json_array();
    for (unsigned k = 0; k < d->nnotes; k++) {
      json_t *n = loc_json(&d->notes[k].loc);
      json_object_set_new(n, "message", json_text(d->notes[k].message));
      json_array_append_new(notes, n);
    }
    json_object_set_new(j, "notes", notes);
    const struct fn_extent *fe = innermost(&fw, d->loc.line);
    if (fe)
      json_object_set_new(j, "fn", json_pack("[I,I]", (json_int_t)fe->first, (json_int_t)fe->last));
    if (main && strncmp(d->rule, "clang-", 6) == 0)
      json_object_set_new(j, "fixits", fixits_for(tu, main, d->loc.line, d->loc.col, d->message));
    json_array_append_new(arr, j);
  }
  free(fw.v);
  free(shown);
  return arr;
}

/* ---- bodies ----
 *
 * A C++ file's reparse is mostly the compiler's work on the code after its #includes, and most
 * of that is instantiating, at the end of the unit, the function templates of the standard
 * headers the code uses (std::async pulls in hundreds): 296 M of the 428 M instructions of a
 * reparse of bench/lsp_latency.py's file. Parsed without the bodies of the functions in its
 * preamble (CXTranslationUnit_SkipFunctionBodies with LimitSkipFunctionBodiesToPreamble, as Qt
 * Creator's editor parses), those templates have no bodies to instantiate: 94 M. The main
 * file's own bodies are all there, and clang never skips a body the rest of the file may need
 * to parse (a constexpr function's, one with a deduced return type), so the main file's AST
 * is the same. What is missing is what instantiating the skipped bodies would have done: the
 * summaries of callees defined there (flow/summary.h), the instantiation of the main file's
 * own templates and generic lambdas from a header's template (their errors), the use of a
 * function only there (unused under -Wall -Werror), and the errors of those bodies, which
 * count toward clang's error limit. So the analysis says when the findings may differ (unit_input.bodies_needed, unit.h):
 * when the file's code may need the bodies (it passed a tracked value to a callee without a
 * body, or it has templates or generic lambdas a header's template could instantiate), the
 * file is parsed again with every body, and stays so while it is open; when clang found an
 * error, that version is analysed by a second unit with every body, kept beside the first, and
 * the next edit tries the first again (a file being typed has errors now and then). C files
 * keep every body: their reparse costs 1-2 ms. */

/* preamble_changes_errors: tu's errors may not be the command line's (see analyze): as many
 * as clang's default error limit (-ferror-limit=19, which the driver sets), a fatal one (the
 * limit reached), or a main file that includes itself. */
static bool preamble_changes_errors(CXTranslationUnit tu) {
  unsigned n = clang_getNumDiagnostics(tu), errors = 0;
  bool changed = false;
  for (unsigned i = 0; i < n && !changed; i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
    if (sev >= CXDiagnostic_Error)
      errors++;
    if (sev == CXDiagnostic_Fatal || errors >= 19)
      changed = true;
    if (sev >= CXDiagnostic_Error && !changed) {
      CXString m = clang_getDiagnosticSpelling(d);
      changed = clang_getCString(m) && strstr(clang_getCString(m), "cannot be included recursively when building a preamble");
      clang_disposeString(m);
    }
    clang_disposeDiagnostic(d);
  }
  return changed;
}

/* kept_new: a first parse of the file, kept for its reparses; full: with the function bodies of
 * its preamble. NULL with err set when libclang cannot parse it. */
static struct kept_tu *kept_new(struct worker *w, const struct unit_input *in, const struct unit_config *cfg,
                                const char *path, const char *sig, bool full, struct CXUnsavedFile *u, size_t nu,
                                struct strbuf *err) {
  CXTranslationUnit tu;
  unsigned flags = CXTranslationUnit_PrecompiledPreamble | CXTranslationUnit_CreatePreambleOnFirstParse;
  if (!full)
    flags |= CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_LimitSkipFunctionBodiesToPreamble;
  if (unit_parse(w->idx, in, cfg, flags, &tu, err) != 0)
    return NULL;
  /* unit_parse takes the file's own text only: the others' text comes in by a reparse */
  if (nu > 1 && clang_reparseTranslationUnit(tu, (unsigned)nu, u, clang_defaultReparseOptions(tu)) != 0) {
    clang_disposeTranslationUnit(tu);
    sb_addf(err, "%s: libclang could not reparse it with the unsaved files", path);
    return NULL;
  }
  if (w->ntus == w->ctus) {
    w->ctus = w->ctus ? w->ctus * 2 : 8;
    w->tus = realloc(w->tus, sizeof *w->tus * w->ctus);
  }
  struct kept_tu *k = &w->tus[w->ntus++];
  memset(k, 0, sizeof *k);
  k->path = strdup(path);
  k->sig = strdup(sig);
  k->tu = tu;
  k->full = full;
  return k;
}

/* ---- requests ---- */

static void analyze(struct worker *w, const json_t *rq, json_t *resp) {
  const char *path = json_string_value(json_object_get(rq, "path"));
  const json_t *jt = json_object_get(rq, "text");
  const char *text = json_string_value(jt);
  size_t tlen = json_string_length(jt);
  if (!path || !text) {
    json_object_set_new(resp, "error", json_string("a request without path or text"));
    return;
  }
  /* Test hook (tests/lsp): a buffer holding this word kills the worker, as a libclang crash
   * that crash recovery does not catch would (uncatchable, also under the sanitizers). */
  const char *crash_on = getenv("VTASKLINT_TEST_CRASH");
  if (crash_on && *crash_on && strstr(text, crash_on))
    raise(SIGKILL);
  struct strbuf err = STRBUF_INIT;
  const struct unit_config *cfg = settings_for(w->set, path, &err);
  if (!cfg) {
    json_object_set_new(resp, "config_error", json_text(sb_cstr(&err)));
    sb_release(&err);
    return;
  }
  struct arena a;
  arena_init(&a);
  struct job j;
  job_for(w, path, &a, &j);
  j.contents = text;
  j.contents_len = tlen;
  struct strbuf why = STRBUF_INIT;
  const char *known = pool_precheck(&j, &why);
  if (known) {
    sb_addf(&err, "%s: %s", path, known);
    json_object_set_new(resp, "error", json_text(sb_cstr(&err)));
    sb_release(&why);
    sb_release(&err);
    arena_release(&a);
    return;
  }
  sb_release(&why);
  /* The templates the preamble's headers use are instantiated once, into the preamble, not at
   * the end of every reparse (in C++ with <future>, 180 of a reparse's 200 ms of CPU); the
   * AST, and so the findings, are the same. The flag means nothing to C. */
  const char **args = ARENA_ARRAY(&a, const char *, j.nargs + 1);
  for (int i = 0; i < j.nargs; i++)
    args[i] = j.args[i];
  args[j.nargs] = "-fpch-instantiate-templates";
  j.args = args;
  j.nargs++;
  struct unit_input in = {path, j.args, j.nargs, j.workdir, text, tlen, NULL, NULL, NULL};
  char *sig = signature(&j);
  for (size_t i = w->ntus; i-- > 0;) /* a changed command: parsed anew */
    if (strcmp(w->tus[i].path, path) == 0 && strcmp(w->tus[i].sig, sig) != 0)
      kept_drop(w, &w->tus[i]);
  /* A C++ file's unit is parsed without its preamble's function bodies (see "bodies" above)
   * until its code needs them; a version with errors is analysed with a unit that has them,
   * kept beside it. */
  struct kept_tu *k = kept_find(w, path, 0);
  bool full = false;
  if (!k) {
    k = kept_find(w, path, 1);
    full = k ? true : !compdb_args_are_cxx(path, j.args, j.nargs);
  }
  double t0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
  bool reparsed = k != NULL;
  /* The file's text, then other files the editor has changed and not saved. */
  const json_t *others = json_object_get(rq, "unsaved");
  size_t nu = 1 + json_array_size(others);
  struct CXUnsavedFile *u = ARENA_ARRAY(&a, struct CXUnsavedFile, nu);
  u[0] = (struct CXUnsavedFile){path, text, tlen};
  nu = 1;
  size_t oi;
  const json_t *o;
  json_array_foreach(others, oi, o) {
    const char *op = json_string_value(json_object_get(o, "path"));
    const json_t *ot = json_object_get(o, "text");
    if (op && json_is_string(ot) && strcmp(op, path) != 0)
      u[nu++] = (struct CXUnsavedFile){op, json_string_value(ot), json_string_length(ot)};
  }
  struct diag_list out;
  diag_list_init(&out);
  double t1;
  for (;;) {
    bool same_pch = false;
    if (k) {
      char *before = pch_listing(w->pch_dir);
      /* A failed reparse leaves the unit unusable: parse it again from scratch. */
      if (clang_reparseTranslationUnit(k->tu, (unsigned)nu, u, clang_defaultReparseOptions(k->tu)) != 0) {
        kept_drop(w, k);
        k = NULL;
      } else {
        char *after = pch_listing(w->pch_dir);
        same_pch = before && after && strcmp(before, after) == 0;
        free(after);
      }
      free(before);
    }
    if (!k) {
      k = kept_new(w, &in, cfg, path, sig, full, u, nu, &err);
      if (!k) {
        json_object_set_new(resp, "error", json_text(sb_cstr(&err)));
        free(sig);
        diag_list_release(&out);
        sb_release(&err);
        arena_release(&a);
        return;
      }
    }
    t1 = clock_ms(CLOCK_MONOTONIC);
    unsigned needed = 0;
    in.bodies_needed = full ? NULL : &needed;
    struct unit_files files;
    files_for(k, &j, text, tlen, same_pch, &a, &files);
    unit_analyze_tu_files(k->tu, &in, cfg, &files, &out);
    if (!needed)
      break;
    diag_list_release(&out);
    diag_list_init(&out);
    if (needed & BODIES_FOR_CODE) { /* for as long as the file is open */
      struct strbuf line = STRBUF_INIT;
      sb_addf(&line, "%s: analysed again with the preamble's function bodies (the file's code may need them)", path);
      log_line(sb_cstr(&line));
      sb_release(&line);
      kept_drop(w, k);
    } /* else errors: this version only */
    full = true;
    k = kept_find(w, path, 1);
  }
  free(sig);
  /* What a precompiled preamble changes of clang's errors: a preamble's errors do not count
   * toward clang's error limit of the main file, and a main file including itself cannot
   * have one. Then this version is parsed as the command line parses it. */
  CXTranslationUnit shown = k->tu, plain = NULL;
  if (preamble_changes_errors(k->tu)) {
    in.bodies_needed = NULL;
    struct strbuf plain_err = STRBUF_INIT;
    if (unit_parse(w->idx, &in, cfg, 0, &plain, &plain_err) == 0 &&
        (nu == 1 || clang_reparseTranslationUnit(plain, (unsigned)nu, u, clang_defaultReparseOptions(plain)) == 0)) {
      diag_list_release(&out);
      diag_list_init(&out);
      unit_analyze_tu(plain, &in, cfg, &out);
      shown = plain;
    }
    sb_release(&plain_err);
  }
  diag_sort_unique(&out);
  json_object_set_new(resp, "diags", serialize(&out, path, shown));
  if (plain)
    clang_disposeTranslationUnit(plain);
  /* what it cost, for $/logTrace (the benchmark reads it: wall time on a loaded machine
   * says little without the CPU time) */
  double t2 = clock_ms(CLOCK_MONOTONIC), c2 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
  json_object_set_new(resp, "timing",
                      json_pack("{s:b,s:f,s:f,s:f}", "reparsed", reparsed, "parse_ms", t1 - t0, "analysis_ms", t2 - t1,
                                "cpu_ms", c2 - c0));
  diag_list_release(&out);
  sb_release(&err);
  arena_release(&a);
}

static void drop_all(struct worker *w) {
  while (w->ntus)
    kept_drop(w, &w->tus[0]);
  for (size_t i = 0; i < w->ndbs; i++) {
    compdb_close(w->dbs[i].db);
    arena_release(&w->dbs[i].arena);
    free(w->dbs[i].dir);
  }
  w->ndbs = 0;
  settings_free(w->set);
  const struct worker_opts *o = w->o;
  w->set = settings_new(&o->base, o->checks, o->warnings_as_errors, o->config, log_line);
}

static void serve(struct worker *w, const json_t *rq) {
  const char *op = json_string_value(json_object_get(rq, "op"));
  if (!op)
    return;
  if (strcmp(op, "close") == 0) {
    const char *path = json_string_value(json_object_get(rq, "path"));
    for (struct kept_tu *k; path && (k = kept_find(w, path, -1)) != NULL;)
      kept_drop(w, k);
    return;
  }
  if (strcmp(op, "reload") == 0) {
    drop_all(w);
    return;
  }
  if (strcmp(op, "analyze") != 0)
    return;
  log_lines = json_array();
  json_t *resp = json_object();
  json_object_set(resp, "seq", json_object_get(rq, "seq"));
  json_object_set(resp, "path", json_object_get(rq, "path"));
  json_object_set(resp, "version", json_object_get(rq, "version"));
  analyze(w, rq, resp);
  json_object_set_new(resp, "log", log_lines);
  log_lines = NULL;
  bool ok = rpc_write(w->out, resp);
  json_decref(resp);
  if (!ok)
    _exit(0);
}

/* open_index: libclang's index, with the preambles in the directory the server gave
 * (files_for reads it). Without one, libclang's default place, and no kept file lists. */
static void open_index(struct worker *w) {
  CXIndexOptions opts;
  memset(&opts, 0, sizeof opts);
  opts.Size = sizeof opts;
  opts.PreambleStoragePath = w->pch_dir;
  w->idx = clang_createIndexWithOptions(&opts);
  if (!w->idx) { /* a libclang that does not know the options */
    w->idx = clang_createIndex(0, 0);
    w->pch_dir = NULL;
  }
}

static void *run(void *arg) {
  struct worker *w = arg;
  open_index(w);
  drop_all(w);
  struct rpc_reader r;
  rpc_reader_init(&r, 1u << 30);
  char chunk[65536];
  for (;;) {
    const char *body;
    size_t len;
    enum rpc_status st;
    while ((st = rpc_next(&r, &body, &len)) != RPC_NEED_MORE) {
      if (st != RPC_MESSAGE)
        continue;
      json_t *rq = json_loadb(body, len, JSON_ALLOW_NUL, NULL);
      if (rq)
        serve(w, rq);
      json_decref(rq);
    }
    ssize_t n = read(w->in, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    rpc_feed(&r, chunk, (size_t)n);
  }
  /* The server closed the pipe: it is done with us. Release, so the sanitizers see no leak. */
  rpc_reader_release(&r);
  while (w->ntus)
    kept_drop(w, &w->tus[0]);
  for (size_t i = 0; i < w->ndbs; i++) {
    compdb_close(w->dbs[i].db);
    arena_release(&w->dbs[i].arena);
    free(w->dbs[i].dir);
  }
  free(w->dbs);
  free(w->tus);
  settings_free(w->set);
  clang_disposeIndex(w->idx); /* the units are disposed: their preambles are removed */
  return NULL;
}

_Noreturn void worker_main(int in_fd, int out_fd, const struct worker_opts *o, const char *pch_dir) {
  /* It dies with the server, however the server ends. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGTERM, SIG_DFL);
  signal(SIGINT, SIG_IGN); /* a terminal's ^C is for the editor */
  setenv("LIBCLANG_NOTHREADS", "1", 1);
  struct worker w;
  memset(&w, 0, sizeof w);
  w.o = o;
  w.in = in_fd;
  w.out = out_fd;
  w.pch_dir = pch_dir;
  pthread_attr_t attr;
  pthread_t th;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, WORKER_STACK);
  if (pthread_create(&th, &attr, run, &w) == 0)
    pthread_join(th, NULL);
  else
    run(&w);
  _exit(0);
}
