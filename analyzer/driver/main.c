/* main.c: vtasklint's entry point: command line -> jobs -> worker processes -> sorted findings
 * -> output and exit status (0 clean, 1 findings, 2 could not do the job). The only place that
 * prints and exits. */
#include <clang-c/Index.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/driver/cache.h"
#include "analyzer/driver/cli.h"
#include "analyzer/driver/compdb.h"
#include "analyzer/driver/output.h"
#include "analyzer/driver/pool.h"
#include "analyzer/driver/resdir.h"
#include "analyzer/driver/settings.h"
#include "analyzer/driver/sources.h"
#include "analyzer/driver/unit.h"
#include "analyzer/flow/lower.h"
#include "analyzer/lsp/lsp.h"
#include "analyzer/report/docs.h"
#include "analyzer/report/emit.h"
#include "analyzer/report/formats.h"
#include "analyzer/report/paths.h"
#include "analyzer/support/glob.h"
#include "analyzer/support/path.h"
#include "rules/rule.h"

static int tool_errors;

/* The findings of the run, and (from the start) its failures: every error line is also kept
 * there for the formats that report an incomplete run (json's "failures", SARIF's
 * toolExecutionNotifications). A global, so that an early return leaks nothing. */
static struct diag_list run_findings;
static bool all_ready;
/* The directory SARIF's and GitLab's paths are relative to (output_root); global for the same
 * reason. */
static char *report_root;
/* The --output-file, opened before the analysis (NULL: standard output). */
static FILE *report_out;

/* unit_error_line: a unit that could not be analysed; pool.c keeps it in the unit's results. */
static void unit_error_line(const char *msg) {
  fprintf(stderr, "vtasklint: error: %s\n", msg);
  tool_errors++;
}

static void error_line(const char *msg) {
  unit_error_line(msg);
  if (all_ready)
    diag_fail(&run_findings, NULL, "%s", msg);
}

/* located_error: an error that already reads "PATH:LINE:COL: error: ..." (a configuration file). */
static void located_error(const char *msg) {
  fprintf(stderr, "%s\n", msg);
  tool_errors++;
  if (all_ready)
    diag_fail(&run_findings, NULL, "%s", msg);
}

static bool quiet; /* --quiet: no note lines either */

static void note_line(const char *msg) {
  if (!quiet)
    fprintf(stderr, "vtasklint: note: %s\n", msg);
}

static int warnings_said;

static void warning_line(const char *msg) {
  fprintf(stderr, "vtasklint: warning: %s\n", msg);
  warnings_said++;
}

/* config_warning: "PATH:LINE:COL: warning: unknown key 'X'" from the configuration reader. */
static void config_warning(const char *line) { fprintf(stderr, "%s\n", line); }

static const char *rule_doc(const char *id) {
  for (size_t i = 0; i < rule_docs_count; i++)
    if (strcmp(rule_docs[i].id, id) == 0)
      return rule_docs[i].markdown;
  return NULL;
}

static int explain(const char *id) {
  const char *doc = rule_doc(id);
  if (doc) {
    fputs(doc, stdout);
    return 0;
  }
  fprintf(stderr, "vtasklint: error: --explain: no rule named '%s' (see vtasklint --list-rules)\n", id);
  return 2;
}

/* resource_dir: --resource-dir, else $VTASKLINT_RESOURCE_DIR, else the one beside the libclang
 * that runs (resdir.h); none is said once, and libclang is then left to its own guess. */
static const char *resource_dir(const struct cli *c) {
  if (c->resource_dir)
    return c->resource_dir;
  const char *env = getenv("VTASKLINT_RESOURCE_DIR");
  if (env && *env)
    return env;
  const char *how;
  const char *dir = resdir_find(&how);
  static bool said;
  if (!dir && !said) {
    fprintf(stderr, "vtasklint: warning: clang's resource directory (its builtin headers, such as <stddef.h>) "
            "was %s: install libclang-common-%d-dev or pass --resource-dir\n", how, VTL_LLVM_MAJOR);
    said = true;
  }
  return dir;
}

/* print_resource_dir: the --version line saying which resource directory is used and why. */
static void print_resource_dir(const struct cli *c) {
  const char *how = c->resource_dir ? "--resource-dir" : "$VTASKLINT_RESOURCE_DIR";
  const char *dir = c->resource_dir ? c->resource_dir : getenv("VTASKLINT_RESOURCE_DIR");
  if (!dir || !*dir)
    dir = resdir_find(&how);
  printf("resource directory: %s (%s)\n", dir ? dir : "none", how);
}

static int cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

/* check_globs: warns of a glob in --checks or --warnings-as-errors that names no rule (a typo:
 * "-vtask-double-awiat" would otherwise be ignored without a word), and of a --checks list that
 * leaves no rule enabled. The list is read on top of "*": if every rule is off on top of "*",
 * it is off on top of any configuration's Checks too, since the last matching glob wins. */
static void check_globs(const char *opt, const char *globs, bool is_checks) {
  if (!globs)
    return;
  const char *p = globs;
  while (*p) {
    while (*p == ',' || *p == '\n' || *p == ' ' || *p == '\t' || *p == '-')
      p++;
    const char *start = p;
    while (*p && *p != ',' && *p != '\n')
      p++;
    const char *end = p;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
      end--;
    if (end == start)
      continue;
    bool named = false;
    for (unsigned i = 0; i < rule_registry_count && !named; i++)
      named = glob_match(start, end, rule_registry[i]->id);
    if (!named)
      fprintf(stderr, "vtasklint: warning: %s: '%.*s' matches no rule (see vtasklint --list-rules)\n", opt,
              (int)(end - start), start);
  }
  if (!is_checks)
    return;
  struct strbuf eff = STRBUF_INIT;
  sb_addf(&eff, "*,%s", globs);
  bool any = false;
  for (unsigned i = 0; i < rule_registry_count && !any; i++)
    any = globlist_match(sb_cstr(&eff), rule_registry[i]->id) == 1;
  sb_release(&eff);
  if (!any)
    fprintf(stderr, "vtasklint: warning: --checks='%s' enables no rule; nothing is checked (see vtasklint --list-rules)\n",
            globs);
}

/* What the formats need to know about where the files are (emit_meta). */
struct emit_where {
  const char *root;                      /* output_root */
  const char *buffer_file, *buffer_text; /* the --stdin-filename unit's name and text */
  size_t buffer_len;
};

/* emit: false when the findings could not be written (a full disk, a closed pipe). */
static bool emit(const struct cli *c, const struct diag_list *all, const struct emit_where *w) {
  struct emit_rule_info *info = calloc(rule_registry_count + 1, sizeof *info);
  if (!info) {
    fputs("vtasklint: error: out of memory\n", stderr);
    exit(2);
  }
  for (unsigned i = 0; i < rule_registry_count; i++) {
    info[i].id = rule_registry[i]->id;
    info[i].summary = rule_registry[i]->summary;
    info[i].markdown = rule_doc(rule_registry[i]->id);
  }
  struct emit_meta meta = {VTL_VERSION, info,           rule_registry_count, path_cwd(),
                           w->root,     w->buffer_file, w->buffer_text,      w->buffer_len};
  bool color = c->color == COLOR_ALWAYS ||
               (c->color == COLOR_AUTO && isatty(report_out ? fileno(report_out) : STDOUT_FILENO) && !getenv("NO_COLOR") &&
                !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0));
  struct emit_opts eo = {color, !c->no_snippet};
  FILE *out = report_out ? report_out : stdout;
  bool ok = !report_out || output_begin(report_out);
  if (ok)
    c->format->emit(out, all, &meta, &eo);
  ok = ok && fflush(out) == 0 && !ferror(out);
  if (report_out) {
    ok = fclose(report_out) == 0 && ok;
    report_out = NULL;
  }
  free(info);
  return ok;
}

/* shard: the K-th of N slices, by position in the sorted unit list, so every shard of one
 * tree agrees on the slicing. */
static int cmp_job(const void *a, const void *b) {
  const struct job *x = a, *y = b;
  int c = strcmp(x->file, y->file);
  /* one file's several commands (compdb_all): in a fixed order too */
  for (int i = 0; !c && i < x->nargs && i < y->nargs; i++)
    c = strcmp(x->args[i], y->args[i]);
  return c ? c : x->nargs - y->nargs;
}

/* ---- the run, phase by phase ---- */

/* What one run holds between its phases (vtl_main). */
struct run {
  struct cli *c;
  struct strbuf *err;
  struct arena a;
  struct compdb *db;     /* -p's, or the one found above the first input; NULL per file */
  const char *build_dir; /* -p, or where the database above the first input is */
  char *found_dir;
  bool per_file;         /* no -p and no --: each FILE's database above it (sources.c) */
  int compiler;          /* `FILE -- COMPILER ARGS...`: how many words are the compiler */
  struct job_vec jobs;
  struct unit_config ucfg;
  struct settings *set;
  struct cache *cache;
  struct pool_stats pst;
};

static void run_release(struct run *r) {
  settings_free(r->set);
  cache_close(r->cache);
  compdb_close(r->db);
  free(r->found_dir);
  arena_release(&r->a);
}

/* info_command: --help, --version, --list-rules, --explain; -1 when none was asked for. */
static int info_command(const struct cli *c) {
  if (c->help) {
    cli_print_usage(stdout);
    return 0;
  }
  if (c->version) {
    CXString v = clang_getClangVersion();
    printf("vtasklint %s (built with libclang %d; running %s)\n", VTL_VERSION, VTL_LLVM_MAJOR, clang_getCString(v));
    clang_disposeString(v);
    print_resource_dir(c);
    return 0;
  }
  if (c->list_rules) {
    for (unsigned i = 0; i < rule_registry_count; i++)
      printf("%-30s %s\n", rule_registry[i]->id, rule_registry[i]->summary);
    return 0;
  }
  if (c->explain)
    return explain(c->explain);
  return -1;
}

/* first_input: the first FILE, else --stdin-filename, else `dflt`. */
static const char *first_input(const struct cli *c, const char *dflt) {
  return c->nfiles > 0 && strcmp(c->files[0], "-") != 0 ? c->files[0] : c->stdin_filename ? c->stdin_filename : dflt;
}

/* dump_config: --dump-config, the configuration in effect for the first input. */
static int dump_config(const struct cli *c, struct strbuf *err) {
  struct unit_config base = {resource_dir(c), NULL, NULL, 0, NULL, NULL, NULL, NULL};
  struct settings *set = settings_new(&base, c->checks, c->warnings_as_errors, c->config, config_warning);
  settings_set_header_filter(set, c->header_filter);
  char *abs = path_absolute(first_input(c, "./(no file)"), NULL);
  int rc = settings_dump(set, abs, stdout, err);
  if (rc != 0)
    located_error(sb_cstr(err));
  free(abs);
  settings_free(set);
  return rc != 0 ? 2 : 0;
}

/* check_options: what can be refused before anything is read: --header-filter, the output's
 * root and file, --config. 0, or 2 after one line. */
static int check_options(const struct cli *c, struct strbuf *err) {
  if (c->header_filter && config_check_header_filter(c->header_filter, err) != 0) {
    /* the same guards as the configuration's HeaderFilter (config.c) */
    struct strbuf m = STRBUF_INIT;
    sb_addf(&m, "--header-filter: '%s' %s", c->header_filter, sb_cstr(err));
    error_line(sb_cstr(&m));
    sb_release(&m);
    return 2;
  }
  check_globs("--checks", c->checks, true);
  check_globs("--warnings-as-errors", c->warnings_as_errors, false);
  return 0;
}

static int open_outputs(const struct cli *c, struct strbuf *err) {
  report_root = output_root(c->sarif_root, err);
  if (!report_root) {
    error_line(sb_cstr(err));
    return 2;
  }
  if (c->output_file) {
    sb_reset(err);
    report_out = output_open(c->output_file, c->files, c->nfiles, err);
    if (!report_out) {
      error_line(sb_cstr(err));
      return 2;
    }
  }
  if (c->config && access(c->config, R_OK) != 0) {
    sb_addf(err, "--config: cannot read '%s': %s", c->config, strerror(errno));
    error_line(sb_cstr(err));
    return 2;
  }
  return 0;
}

/* find_database: -p's database, or (clang-tidy's convention) the nearest one above the first
 * input, opened unless each FILE gets its own. -1 to go on, else the exit status. */
static int find_database(struct run *r) {
  const struct cli *c = r->c;
  r->build_dir = c->build_dir;
  if (r->build_dir && c->have_dashdash) {
    /* clang-tidy's rule: the command after `--` is every FILE's; said, not silently */
    fprintf(stderr,
            "vtasklint: warning: -p %s is not used: the compile command after '--' applies to every FILE (as in "
            "clang-tidy; --extra-arg=ARG adds to the database's commands instead)\n",
            r->build_dir);
    warnings_said++;
    r->build_dir = NULL;
  }
  /* Without -p, each FILE gets the database above its own directory, as clangd's (sources.c);
   * the first input's is still looked up here, for the cache's directory. */
  r->per_file = !r->build_dir && !c->have_dashdash && c->nfiles > 0;
  if (!r->build_dir && !c->have_dashdash) {
    char *abs = path_absolute(first_input(c, "."), NULL);
    struct stat st;
    if (stat(abs, &st) != 0 || !S_ISDIR(st.st_mode)) {
      char *slash = strrchr(abs, '/');
      if (slash && slash != abs)
        *slash = 0;
    }
    r->found_dir = compdb_find_upward(abs, r->per_file ? NULL : config_warning);
    if (!r->found_dir && !r->per_file) { /* per file: sources.c says it */
      /* as clang-tidy does: where it looked, and what that means */
      struct strbuf m = STRBUF_INIT;
      sb_addf(&m, "no compile_commands.json found in '%s' or a directory above it, nor in their build/, out/ or "
                  "cmake-build-*/",
              abs);
      note_line(sb_cstr(&m));
      sb_release(&m);
    }
    free(abs);
    r->build_dir = r->found_dir;
  }
  if (r->build_dir && !r->per_file) {
    sb_reset(r->err);
    r->db = compdb_open(r->build_dir, &r->a, r->err);
    if (!r->db) {
      error_line(sb_cstr(r->err));
      if (c->nfiles == 0)
        return 2;
    }
  }
  if (c->nfiles == 0 && !r->db) {
    cli_print_usage(stderr);
    fprintf(stderr, "vtasklint: error: no input files (give FILE... or -p BUILD_DIR)\n");
    return 2;
  }
  return -1;
}

/* collect_jobs: every database entry (no FILE), or the FILEs and what directories hold, with
 * the command after `--` and the --extra-arg lists. -1 to go on, else the exit status. */
static int collect_jobs(struct run *r) {
  const struct cli *c = r->c;
  if (r->db && c->nfiles == 0) {
    struct job *all;
    int n = compdb_all(r->db, &r->a, &all);
    for (int i = 0; i < n; i++)
      if (!sources_excluded(all[i].file, c->excludes, c->nexcludes))
        vec_push(&r->a, &r->jobs, all[i]);
    size_t other = compdb_other_language_entries(r->db);
    if (n == 0 && other)
      fprintf(stderr, "vtasklint: warning: %s/compile_commands.json has no C or C++ entries (%zu of another language)\n",
              r->build_dir, other);
    else if (n == 0)
      fprintf(stderr, "vtasklint: warning: %s/compile_commands.json has no entries\n", r->build_dir);
  }
  /* `-- @FILE`: a response file's arguments, as in a database's command; one that cannot be
   * read is a bad argument (the units would be analysed with the wrong command). */
  const char **extra = NULL;
  /* `FILE -- COMPILER ARGS...` (CMake's co-compile hook): the compiler is not an argument */
  r->compiler = compdb_compiler_prefix((const char *const *)c->extra, c->nextra);
  int nextra = compdb_expand_response_files((const char *const *)c->extra + r->compiler, c->nextra - r->compiler,
                                            &r->a, &extra, r->err);
  if (nextra < 0) {
    error_line(sb_cstr(r->err));
    return 2;
  }
  struct sources_opts so = {r->db,        !c->have_dashdash, extra,          nextra,     c->excludes,
                            c->nexcludes, c->stdin_filename, error_line, note_line, c->follow_symlinks,
                            warning_line, r->per_file ? db_cache_new(config_warning, error_line, note_line) : NULL,
                            c->language != 0};
  sources_expand(c->files, c->nfiles, &so, &r->a, &r->jobs);
  db_cache_free(so.per_file);
  compdb_add_extra(r->jobs.v, r->jobs.n, c->extra_before, c->nextra_before, c->extra_after, c->nextra_after, &r->a);
  if (c->language)
    compdb_force_language(r->jobs.v, r->jobs.n, c->language == 2, &r->a);
  return -1;
}

/* shard: --shard K/N keeps every Nth unit of the sorted list, from the Kth. */
static void shard(const struct cli *c, struct job_vec *jobs) {
  if (c->shard_n <= 0)
    return;
  size_t total = jobs->n;
  qsort(jobs->v, jobs->n, sizeof *jobs->v, cmp_job);
  size_t k = 0;
  for (size_t i = 0; i < jobs->n; i++)
    if ((int)(i % (size_t)c->shard_n) == c->shard_k - 1)
      jobs->v[k++] = jobs->v[i];
  jobs->n = k;
  if (!k && total) {
    fprintf(stderr, "vtasklint: warning: --shard=%d/%d has no units (there are %zu in all); nothing analysed\n",
            c->shard_k, c->shard_n, total);
    warnings_said++;
  }
}

/* configure_jobs: each unit runs with the nearest .vtasklint.yaml above it; a malformed one
 * fails the units under it (exit 2), never silently. */
static void configure_jobs(struct run *r) {
  const struct cli *c = r->c;
  /* Test hook (tests/e2e/honest.sh): a small nesting bound, to skip functions cheaply. */
  const char *depth_hook = getenv("VTASKLINT_TEST_MAX_DEPTH");
  int max_depth = depth_hook && atoi(depth_hook) > 0 ? atoi(depth_hook) : LOWER_BIG_STACK_DEPTH;
  struct unit_config ucfg = {resource_dir(c), c->checks, c->dump_cfg ? stderr : NULL, max_depth,
                             c->warnings_as_errors, NULL, NULL, NULL};
  r->ucfg = ucfg;
  r->set = settings_new(&r->ucfg, c->checks, c->warnings_as_errors, c->config, config_warning);
  settings_set_header_filter(r->set, c->header_filter);
  char *last_bad = NULL; /* one line per bad file, however many units sit under it */
  size_t k = 0;
  for (size_t i = 0; i < r->jobs.n; i++) {
    sb_reset(r->err);
    r->jobs.v[i].cfg = settings_for(r->set, r->jobs.v[i].file, r->err);
    if (!r->jobs.v[i].cfg) {
      if (!last_bad || strcmp(last_bad, sb_cstr(r->err)) != 0) {
        located_error(sb_cstr(r->err));
        free(last_bad);
        last_bad = strdup(sb_cstr(r->err));
      }
      tool_errors++;
      continue;
    }
    r->jobs.v[k++] = r->jobs.v[i];
  }
  free(last_bad);
  r->jobs.n = k;
}

/* open_cache: --cache-dir, else the database's directory, else the user's cache directory. */
static struct cache *open_cache(const struct run *r) {
  const struct cli *c = r->c;
  if (c->no_cache || c->dump_cfg) /* a unit from the cache is not parsed: no graph to print */
    return NULL;
  struct cache *cache = NULL;
  struct strbuf dir = STRBUF_INIT;
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  if (c->cache_dir)
    sb_adds(&dir, c->cache_dir);
  else if (r->build_dir && (r->db || r->per_file))
    sb_addf(&dir, "%s/.vtasklint-cache", r->build_dir);
  else if (xdg && *xdg)
    sb_addf(&dir, "%s/vtasklint", xdg);
  else if (home && *home)
    sb_addf(&dir, "%s/.cache/vtasklint", home);
  if (dir.len) {
    struct strbuf why = STRBUF_INIT;
    cache = cache_open(dir.buf, &why);
    /* A directory someone else controls is refused (its entries could hide findings, its
     * symlinks redirect writes); said always. One we cannot create is said when asked for. */
    if (!cache && (c->cache_dir || strncmp(sb_cstr(&why), "cannot create", 13) != 0))
      fprintf(stderr, "vtasklint: warning: cache directory '%s': %s; analysing without the cache\n", dir.buf,
              sb_cstr(&why));
    sb_release(&why);
  }
  sb_release(&dir);
  return cache;
}

/* analyse: the units through the worker pool, then named and sorted (report/paths.c); the
 * --stdin-filename unit's buffer stands in for its file in the formats. */
static void analyse(struct run *r, struct emit_where *where, char **buffer_name) {
  const struct cli *c = r->c;
  bool progress = c->progress == 1 ||
                  (c->progress == -1 && !c->quiet && isatty(STDERR_FILENO) && !getenv("CI") && r->jobs.n > 3);
  r->cache = open_cache(r);
  struct pool_opts po = {r->cache, c->jobs > 0 ? c->jobs : cores(), c->timeout, progress, !c->no_pch && !c->dump_cfg,
                         &r->pst};
  pool_run(r->jobs.v, r->jobs.n, &r->ucfg, &po, &run_findings, unit_error_line);
  *where = (struct emit_where){report_root, NULL, NULL, 0};
  for (size_t i = 0; i < r->jobs.n && !*buffer_name; i++)
    if (r->jobs.v[i].contents) {
      *buffer_name = path_display(r->jobs.v[i].file);
      where->buffer_file = c->stdin_filename;
      where->buffer_text = r->jobs.v[i].contents;
      where->buffer_len = r->jobs.v[i].contents_len;
    }
  struct path_policy pp = {c->path_absolute, path_cwd(), *buffer_name, c->stdin_filename};
  report_paths_apply(&run_findings, &pp);
  diag_sort_unique(&run_findings);
}

/* write_report: the findings in the chosen format; an interrupted run then ends with its
 * signal, after what finished is printed as a whole document. */
static void write_report(const struct cli *c, const struct emit_where *where, int sig) {
  errno = 0;
  if (!emit(c, &run_findings, where)) {
    /* the findings are the product: losing them is an error, also with --exit-zero */
    struct strbuf m = STRBUF_INIT;
    if (c->output_file)
      sb_addf(&m, "--output-file: cannot write the findings to '%s': %s", c->output_file, strerror(errno ? errno : EIO));
    else
      sb_addf(&m, "cannot write the findings to standard output: %s", strerror(errno ? errno : EIO));
    error_line(sb_cstr(&m));
    sb_release(&m);
  }
  if (sig) {
    fprintf(stderr, "vtasklint: error: interrupted by signal %d (%s); the findings above are incomplete\n", sig,
            strsignal(sig));
    fflush(stderr);
    signal(sig, SIG_DFL);
    raise(sig);
  }
}

/* summarize: the "N warnings and M errors generated." line and --stats; the exit status. */
static int summarize(const struct run *r, const struct strbuf *skipped_msg) {
  const struct cli *c = r->c;
  unsigned warnings = 0, errors = 0;
  for (size_t i = 0; i < run_findings.items.n; i++) {
    if (run_findings.items.v[i].sev == SEV_WARNING)
      warnings++;
    else if (run_findings.items.v[i].sev == SEV_ERROR)
      errors++;
  }
  if (!c->quiet && (warnings || errors))
    fprintf(stderr, "%u warning%s and %u error%s generated.\n", warnings, warnings == 1 ? "" : "s", errors,
            errors == 1 ? "" : "s");
  if (run_findings.counts.skipped) /* a skipped body was not analysed: the run is not clean, whatever else it found */
    unit_error_line(sb_cstr(skipped_msg));
  if (c->stats) {
    const struct diag_counts *k = &run_findings.counts;
    size_t left_out = r->db ? compdb_other_language_entries(r->db) : 0;
    struct strbuf other = STRBUF_INIT;
    if (left_out)
      sb_addf(&other, " (%zu database entr%s of another language left out)", left_out, left_out == 1 ? "y" : "ies");
    fprintf(stderr,
            "vtasklint: stats: %zu unit%s%s, %u function%s analysed, %u skipped as too deep; at most %u path "
            "state%s at one point; %u dropped at the bound\n",
            r->jobs.n, r->jobs.n == 1 ? "" : "s", sb_cstr(&other), k->functions, k->functions == 1 ? "" : "s", k->skipped,
            k->max_states, k->max_states == 1 ? "" : "s", k->dropped);
    fprintf(stderr,
            "vtasklint: stats: %zu from the result cache, %zu reparsed with a shared preamble, %zu preamble%s "
            "built\n",
            r->pst.cached, r->pst.shared, r->pst.built, r->pst.built == 1 ? "" : "s");
    sb_release(&other);
  }
  if (tool_errors)
    return 2;
  if (c->exit_zero)
    return 0;
  /* As a compiler's companion (CMake runs it for every compile), warnings do not fail the
   * build; errors (--warnings-as-errors, clang's own) do. */
  if (r->compiler > 0)
    return errors ? 1 : 0;
  return warnings || errors ? 1 : 0;
}

/* run_units: from the options to the exit status, once the early commands are out of the way. */
static int run_units(struct cli *c, struct strbuf *err) {
  struct run r = {0};
  r.c = c;
  r.err = err;
  arena_init(&r.a);
  int rc = find_database(&r);
  if (rc < 0)
    rc = collect_jobs(&r);
  if (rc >= 0) {
    run_release(&r);
    return rc;
  }
  shard(c, &r.jobs);
  if (!r.jobs.n && !tool_errors && !warnings_said && c->nfiles > 0)
    fprintf(stderr, "vtasklint: warning: no C or C++ source to analyse; nothing analysed\n");
  configure_jobs(&r);
  struct emit_where where;
  char *buffer_name = NULL;
  analyse(&r, &where, &buffer_name);
  /* Stopped by a signal: the workers are gone; what finished is still printed, as a whole
   * document, then vtasklint ends with that signal. */
  int sig = pool_interrupted();
  /* What makes the run incomplete besides failed units, kept before the formats are written. */
  struct strbuf skipped_msg = STRBUF_INIT;
  if (run_findings.counts.skipped) {
    sb_addf(&skipped_msg, "%u function%s nested too deeply %s skipped, not analysed (each is a note above)",
            run_findings.counts.skipped, run_findings.counts.skipped == 1 ? "" : "s",
            run_findings.counts.skipped == 1 ? "was" : "were");
    diag_fail(&run_findings, NULL, "%s", sb_cstr(&skipped_msg));
  }
  if (sig)
    diag_fail(&run_findings, NULL, "interrupted by signal %d (%s); the findings are incomplete", sig, strsignal(sig));
  write_report(c, &where, sig);
  free(buffer_name);
  rc = summarize(&r, &skipped_msg);
  sb_release(&skipped_msg);
  run_release(&r);
  return rc;
}

static int vtl_main(int argc, char **argv, struct cli *c, struct strbuf *err) {
  /* A closed pipe is an output error (EPIPE, exit 2), not a silent death by SIGPIPE. */
  signal(SIGPIPE, SIG_IGN);
  if (cli_parse(argc, argv, c, err) != 0) {
    error_line(sb_cstr(err));
    return 2;
  }
  diag_list_init(&run_findings);
  all_ready = true;
  quiet = c->quiet;
  int rc = info_command(c);
  if (rc >= 0)
    return rc;
  rc = check_options(c, err);
  if (rc != 0)
    return rc;
  if (c->lsp) /* the language server: analyzer/lsp/ */
    return lsp_main(c, resource_dir(c));
  if (c->dump_config)
    return dump_config(c, err);
  rc = open_outputs(c, err);
  if (rc == 0)
    rc = run_units(c, err);
  diag_list_release(&run_findings);
  free(report_root);
  report_root = NULL;
  return rc;
}

int main(int argc, char **argv) {
  struct cli c;
  struct strbuf err = STRBUF_INIT;
  int rc = vtl_main(argc, argv, &c, &err);
  cli_release(&c);
  sb_release(&err);
  return rc;
}
