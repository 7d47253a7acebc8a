/* compdb.c: see compdb.h. */
#include "analyzer/driver/compdb.h"

#include <clang-c/CXCompilationDatabase.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/support/path.h"

struct compdb {
  CXCompilationDatabase db;
  char *dir;
  struct job *all; /* every entry, read on the first lookup */
  size_t all_n;
};

struct compdb *compdb_open(const char *dir, struct arena *a, struct strbuf *err) {
  struct strbuf p = STRBUF_INIT;
  sb_addf(&p, "%s/compile_commands.json", dir);
  /* Check first: libclang prints its own "LIBCLANG TOOLING ERROR" otherwise. */
  struct stat st;
  if (stat(p.buf, &st) != 0) {
    sb_addf(err, "%s: cannot read the compilation database: %s", p.buf, strerror(errno));
    sb_release(&p);
    return NULL;
  }
  FILE *f = fopen(p.buf, "r");
  if (!f) {
    sb_addf(err, "%s: cannot read the compilation database: %s", p.buf, strerror(errno));
    sb_release(&p);
    return NULL;
  }
  fclose(f);
  CXCompilationDatabase_Error e;
  CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dir, &e);
  if (!db || e != CXCompilationDatabase_NoError) {
    sb_addf(err, "%s: not a valid compilation database (JSON array of {directory, file, command|arguments})", p.buf);
    sb_release(&p);
    if (db)
      clang_CompilationDatabase_dispose(db);
    return NULL;
  }
  sb_release(&p);
  struct compdb *c = ARENA_NEW(a, struct compdb);
  c->db = db;
  c->dir = arena_strdup(a, dir);
  return c;
}

void compdb_close(struct compdb *db) {
  if (db)
    clang_CompilationDatabase_dispose(db->db);
}

static bool is_source_arg(const char *arg, const char *file, const char *workdir) {
  if (strcmp(arg, file) == 0)
    return true;
  if (arg[0] == '-')
    return false;
  char *abs = path_absolute(arg, workdir);
  bool r = strcmp(abs, file) == 0;
  free(abs);
  return r;
}

int compdb_filter_args(const char *const *argv, int argc, const char *file, const char *workdir,
                       struct arena *a, const char ***out) {
  const char **r = ARENA_ARRAY(a, const char *, argc + 1);
  int n = 0;
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    if (strcmp(s, "-c") == 0 || strcmp(s, "--") == 0 || strcmp(s, "-M") == 0 || strcmp(s, "-MM") == 0 ||
        strcmp(s, "-MD") == 0 || strcmp(s, "-MMD") == 0 || strcmp(s, "-MP") == 0 || strcmp(s, "-MG") == 0)
      continue;
    if (strcmp(s, "-o") == 0 || strcmp(s, "-MF") == 0 || strcmp(s, "-MT") == 0 || strcmp(s, "-MQ") == 0) {
      i++; /* and its value */
      continue;
    }
    if ((strncmp(s, "-o", 2) == 0 && s[2]) || strncmp(s, "-MF", 3) == 0 || strncmp(s, "-MT", 3) == 0 ||
        strncmp(s, "-MQ", 3) == 0)
      continue;
    if (file && is_source_arg(s, file, workdir))
      continue;
    r[n++] = arena_strdup(a, s);
  }
  *out = r;
  return n;
}

static void fill_job(struct compdb *db, CXCompileCommand cmd, struct arena *a, struct job *j) {
  CXString d = clang_CompileCommand_getDirectory(cmd);
  CXString f = clang_CompileCommand_getFilename(cmd);
  j->workdir = arena_strdup(a, clang_getCString(d));
  char *abs = path_absolute(clang_getCString(f), j->workdir);
  j->file = arena_strdup(a, abs);
  free(abs);
  clang_disposeString(d);
  clang_disposeString(f);
  unsigned n = clang_CompileCommand_getNumArgs(cmd);
  const char **argv = ARENA_ARRAY(a, const char *, n + 1);
  for (unsigned i = 1; i < n; i++) { /* argv[0] is the compiler: libclang brings its own */
    CXString s = clang_CompileCommand_getArg(cmd, i);
    argv[i - 1] = arena_strdup(a, clang_getCString(s));
    clang_disposeString(s);
  }
  j->nargs = compdb_filter_args(argv, n ? (int)n - 1 : 0, j->file, j->workdir, a, &j->args);
  (void)db;
}

int compdb_all(struct compdb *db, struct arena *a, struct job **out) {
  CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db->db);
  unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
  struct job *jobs = ARENA_ARRAY(a, struct job, n + 1);
  int k = 0;
  for (unsigned i = 0; i < n; i++) {
    fill_job(db, clang_CompileCommands_getCommand(cmds, i), a, &jobs[k]);
    bool dup = false;
    for (int m = 0; m < k && !dup; m++)
      dup = strcmp(jobs[m].file, jobs[k].file) == 0;
    if (!dup)
      k++;
  }
  if (cmds)
    clang_CompileCommands_dispose(cmds);
  *out = jobs;
  return k;
}

static bool is_header(const char *path) {
  static const char *const h[] = {"h", "hh", "hpp", "hxx", "H", "inc", NULL};
  return path_has_ext(path, h);
}

static size_t common_dir(const char *a, const char *b) {
  size_t n = 0, last = 0;
  while (a[n] && a[n] == b[n]) {
    if (a[n] == '/')
      last = n;
    n++;
  }
  return last;
}

bool compdb_for_file(struct compdb *db, const char *abs, struct arena *a, struct job *out) {
  /* libclang's getCompileCommands always answers, inferring by its own heuristic and without
   * saying so (libclang.md section 6): look for the real entry, then pick the sibling here. */
  if (!db->all_n)
    db->all_n = (size_t)compdb_all(db, a, &db->all);
  for (size_t i = 0; i < db->all_n; i++)
    if (strcmp(db->all[i].file, abs) == 0) {
      *out = db->all[i];
      out->inferred = false;
      return true;
    }
  bool cxx = path_is_cxx(abs), header = is_header(abs);
  const struct job *best = NULL;
  size_t best_len = 0;
  for (int pass = 0; pass < 2 && !best; pass++) {
    for (size_t i = 0; i < db->all_n; i++) {
      const struct job *j = &db->all[i];
      /* A header takes any language in the second pass: C++ headers often end in .h. */
      if (path_is_cxx(j->file) != cxx && !(header && pass == 1))
        continue;
      size_t l = common_dir(abs, j->file);
      if (!best || l > best_len)
        best = j, best_len = l;
    }
    if (!header)
      break;
  }
  if (!best)
    return false;
  *out = *best;
  out->file = arena_strdup(a, abs);
  out->inferred = true;
  out->sibling = best->file;
  if (header) {
    const char **args = ARENA_ARRAY(a, const char *, best->nargs + 3);
    args[0] = "-x";
    args[1] = path_is_cxx(best->file) ? "c++-header" : "c-header";
    if (best->nargs)
      memcpy(args + 2, best->args, sizeof *args * (size_t)best->nargs);
    out->args = args;
    out->nargs = best->nargs + 2;
  }
  return true;
}

char *compdb_find_upward(const char *start) {
  char *dir = path_absolute(start, NULL);
  for (;;) {
    struct strbuf p = STRBUF_INIT;
    sb_addf(&p, "%s/compile_commands.json", strcmp(dir, "/") == 0 ? "" : dir);
    bool found = access(p.buf, R_OK) == 0;
    sb_release(&p);
    if (found)
      return dir;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) {
      free(dir);
      return NULL;
    }
    *slash = 0;
  }
}
