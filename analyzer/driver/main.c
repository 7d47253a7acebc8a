/* main.c: vtasklint's entry point: command line -> jobs -> units -> sorted findings ->
 * output and exit status (0 clean, 1 findings, 2 could not do the job). The only place that
 * prints and exits. */
#include <clang-c/Index.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/driver/cli.h"
#include "analyzer/driver/compdb.h"
#include "analyzer/driver/unit.h"
#include "analyzer/flow/lower.h"
#include "analyzer/report/docs.h"
#include "analyzer/report/emit.h"
#include "analyzer/support/glob.h"
#include "analyzer/support/path.h"
#include "rules/rule.h"

static int tool_errors;

static void error_line(const char *msg) {
  fprintf(stderr, "vtasklint: error: %s\n", msg);
  tool_errors++;
}

static int explain(const char *id) {
  for (size_t i = 0; i < rule_docs_count; i++)
    if (strcmp(rule_docs[i].id, id) == 0) {
      fputs(rule_docs[i].markdown, stdout);
      return 0;
    }
  fprintf(stderr, "vtasklint: error: --explain: no rule named '%s' (see vtasklint --list-rules)\n", id);
  return 2;
}

struct run {
  struct job *jobs;
  size_t njobs;
  const struct unit_config *cfg;
  struct diag_list *all;
};

/* run_units: every job, one libclang index. Runs on a thread with a large stack: libclang is
 * told to parse on the calling thread (LIBCLANG_NOTHREADS), because its own parse thread has
 * 8 MiB and overflows on nesting that clang itself accepts (thousands of nested ifs). */
static void *run_units(void *arg) {
  struct run *r = arg;
  struct strbuf err = STRBUF_INIT;
  CXIndex idx = clang_createIndex(0, 0);
  for (size_t i = 0; i < r->njobs; i++) {
    struct job *j = &r->jobs[i];
    struct unit_input in = {j->file, j->args, j->nargs, j->workdir, NULL, 0};
    sb_reset(&err);
    struct diag_list out;
    diag_list_init(&out);
    if (unit_analyze(idx, &in, r->cfg, &out, &err) != 0) {
      char *disp = path_display(j->file);
      struct strbuf m = STRBUF_INIT;
      const char *reason = strchr(sb_cstr(&err), ':');
      sb_addf(&m, "cannot analyse '%s'%s", disp, reason ? reason : "");
      error_line(sb_cstr(&m));
      sb_release(&m);
      free(disp);
    }
    diag_append(r->all, &out);
    diag_list_release(&out);
  }
  clang_disposeIndex(idx);
  sb_release(&err);
  return NULL;
}

enum { UNIT_STACK = 512 << 20 };

static void run_all(struct run *r) {
  pthread_attr_t attr;
  pthread_t th;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, UNIT_STACK);
  if (pthread_create(&th, &attr, run_units, r) == 0)
    pthread_join(th, NULL);
  else
    run_units(r); /* no big stack to be had: the default one still works for ordinary code */
  pthread_attr_destroy(&attr);
}

static const char *resource_dir(const struct cli *c) {
  if (c->resource_dir)
    return c->resource_dir;
  const char *env = getenv("VTASKLINT_RESOURCE_DIR");
  if (env && *env)
    return env;
  return VTL_RESOURCE_DIR;
}

int main(int argc, char **argv) {
  struct cli c;
  struct strbuf err = STRBUF_INIT;
  if (cli_parse(argc, argv, &c, &err) != 0) {
    error_line(sb_cstr(&err));
    return 2;
  }
  if (c.help) {
    fputs(cli_usage, stdout);
    return 0;
  }
  if (c.version) {
    CXString v = clang_getClangVersion();
    printf("vtasklint %s (built with libclang %d; running %s)\n", VTL_VERSION, VTL_LLVM_MAJOR, clang_getCString(v));
    clang_disposeString(v);
    return 0;
  }
  if (c.list_rules) {
    for (unsigned i = 0; i < rule_registry_count; i++)
      printf("%-30s %s\n", rule_registry[i]->id, rule_registry[i]->summary);
    return 0;
  }
  if (c.explain)
    return explain(c.explain);
  if (c.checks) {
    bool any = false;
    for (unsigned i = 0; i < rule_registry_count; i++)
      any |= globlist_match(c.checks, rule_registry[i]->id) == 1;
    (void)any;
  }

  struct arena a;
  arena_init(&a);
  VEC(struct job) jobs = {0};
  struct compdb *db = NULL;
  const char *build_dir = c.build_dir;
  char *found_dir = NULL;
  if (!build_dir && !c.have_dashdash && c.nfiles > 0) {
    char *abs = path_absolute(c.files[0], NULL);
    char *slash = strrchr(abs, '/');
    if (slash)
      *slash = 0;
    found_dir = compdb_find_upward(*abs ? abs : "/");
    free(abs);
    build_dir = found_dir;
  }
  if (build_dir) {
    sb_reset(&err);
    db = compdb_open(build_dir, &a, &err);
    if (!db) {
      error_line(sb_cstr(&err));
      if (c.nfiles == 0)
        return 2;
    }
  }
  if (c.nfiles == 0 && !db) {
    fputs(cli_usage, stderr);
    fprintf(stderr, "vtasklint: error: no input files (give FILE... or -p BUILD_DIR)\n");
    return 2;
  }
  if (db && c.nfiles == 0) {
    struct job *all;
    int n = compdb_all(db, &a, &all);
    for (int i = 0; i < n; i++)
      vec_push(&a, &jobs, all[i]);
    if (n == 0)
      fprintf(stderr, "vtasklint: warning: %s/compile_commands.json has no entries\n", build_dir);
  }
  for (int i = 0; i < c.nfiles; i++) {
    char *abs = path_absolute(c.files[i], NULL);
    struct stat st;
    if (stat(abs, &st) != 0 || !S_ISREG(st.st_mode)) {
      sb_reset(&err);
      sb_addf(&err, "cannot read '%s': %s", c.files[i], errno ? strerror(errno) : "not a regular file");
      if (stat(abs, &st) == 0 && !S_ISREG(st.st_mode)) {
        sb_reset(&err);
        sb_addf(&err, "cannot read '%s': not a regular file", c.files[i]);
      }
      error_line(sb_cstr(&err));
      free(abs);
      continue;
    }
    struct job j;
    memset(&j, 0, sizeof j);
    if (db && !c.have_dashdash && compdb_for_file(db, abs, &a, &j)) {
      vec_push(&a, &jobs, j);
    } else {
      j.file = arena_strdup(&a, abs);
      j.nargs = compdb_filter_args((const char *const *)c.extra, c.nextra, j.file, NULL, &a, &j.args);
      vec_push(&a, &jobs, j);
    }
    free(abs);
  }

  struct unit_config ucfg = {resource_dir(&c), c.checks, c.dump_cfg ? stderr : NULL, LOWER_BIG_STACK_DEPTH};
  struct diag_list all;
  diag_list_init(&all);
  setenv("LIBCLANG_NOTHREADS", "1", 1);
  struct run r = {jobs.v, jobs.n, &ucfg, &all};
  run_all(&r);
  diag_sort_unique(&all);

  bool color = c.color == COLOR_ALWAYS ||
               (c.color == COLOR_AUTO && isatty(STDOUT_FILENO) && !getenv("NO_COLOR") &&
                !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0));
  struct emit_opts eo = {color, true};
  emit_text(stdout, &all, &eo);
  fflush(stdout);

  unsigned warnings = 0, errors = 0;
  for (size_t i = 0; i < all.items.n; i++) {
    if (all.items.v[i].sev == SEV_WARNING)
      warnings++;
    else if (all.items.v[i].sev == SEV_ERROR)
      errors++;
  }
  if (!c.quiet && (warnings || errors))
    fprintf(stderr, "%u warning%s and %u error%s generated.\n", warnings, warnings == 1 ? "" : "s", errors,
            errors == 1 ? "" : "s");
  diag_list_release(&all);
  compdb_close(db);
  free(found_dir);
  free(c.files);
  sb_release(&err);
  arena_release(&a);
  if (tool_errors)
    return 2;
  if (c.exit_zero)
    return 0;
  return warnings || errors ? 1 : 0;
}
