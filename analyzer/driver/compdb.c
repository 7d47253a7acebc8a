/* compdb.c: see compdb.h. */
#include "analyzer/driver/compdb.h"

#include <clang-c/CXCompilationDatabase.h>
#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/driver/header_lang.h"
#include "analyzer/support/hash.h"
#include "analyzer/support/path.h"

struct compdb {
  CXCompilationDatabase db;
  char *dir;
  struct job *all; /* every entry, read on the first lookup */
  size_t all_n;
  bool all_read;
  uint32_t *index; /* open addressing over all[] by file: slot holds position + 1, 0 empty */
  size_t index_cap;
  uint32_t *next;  /* per job: the next job of the same file (position + 1; 0: none) */
  struct header_index *headers; /* who includes what, built for the first header without an entry */
  size_t other_language; /* entries compdb_all left out: not C, C++ or Objective-C */
};

/* ---- an index of jobs by file name (de-duplication and lookups in O(1), not O(n)) ---- */

static size_t index_cap_for(size_t n) {
  size_t cap = 16;
  while (cap < n * 2 + 1)
    cap *= 2;
  return cap;
}

/* index_find: the slot of file in idx (empty, or holding a job of that file). */
static size_t index_find(const uint32_t *idx, size_t cap, const struct job *jobs, const char *file) {
  size_t m = cap - 1, h = (size_t)hash_bytes(file, strlen(file)) & m;
  while (idx[h] && strcmp(jobs[idx[h] - 1].file, file) != 0)
    h = (h + 1) & m;
  return h;
}

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
  /* A FIFO or a device would block libclang's read forever: only a regular file is read (and
   * opened without blocking to look). */
  int fd = open(p.buf, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    sb_addf(err, "%s: cannot read the compilation database: %s", p.buf, strerror(errno));
    sb_release(&p);
    return NULL;
  }
  bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  close(fd);
  if (!regular) {
    sb_addf(err, "%s: cannot read the compilation database: %s", p.buf,
            S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
    sb_release(&p);
    return NULL;
  }
  /* libclang reports a malformed database as several lines on stderr: they are caught and
   * the reason, with its line and column, becomes part of our one line. */
  CXCompilationDatabase_Error e;
  fflush(stderr);
  int saved = dup(STDERR_FILENO);
  FILE *cap = tmpfile();
  if (saved >= 0 && cap)
    dup2(fileno(cap), STDERR_FILENO);
  CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dir, &e);
  char said[512] = "";
  if (saved >= 0) {
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
  }
  if (cap) {
    rewind(cap);
    char line[512];
    while (fgets(line, sizeof line, cap)) {
      line[strcspn(line, "\r\n")] = 0;
      unsigned l, col;
      int used = 0;
      if (sscanf(line, "YAML:%u:%u: error: %n", &l, &col, &used) == 2 && used) {
        snprintf(said, sizeof said, ":%u:%u: %s", l, col, line + used);
        break;
      }
      if (!strncmp(line, "json-compilation-database: ", 27) && !said[0])
        snprintf(said, sizeof said, ": %s", line + 27);
    }
    fclose(cap);
  }
  if (!db || e != CXCompilationDatabase_NoError) {
    for (char *q = said; *q; q++)
      if ((unsigned char)*q < 0x20)
        *q = ' ';
    if (said[0])
      sb_addf(err, "%s%s (not a valid compilation database)", p.buf, said);
    else
      sb_addf(err, "%s: not a valid compilation database (JSON array of {directory, file, command|arguments})",
              p.buf);
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

const char *compdb_dir(const struct compdb *db) { return db->dir; }

size_t compdb_other_language_entries(const struct compdb *db) { return db->other_language; }

void compdb_close(struct compdb *db) {
  if (!db)
    return;
  clang_CompilationDatabase_dispose(db->db);
  header_index_free(db->headers);
  db->headers = NULL;
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

/* ---- which compiler options reach libclang ----
 * A compilation database comes with the repository being linted, so its commands are untrusted:
 * only options that shape how the source is parsed (include paths, macros, language, standard,
 * target, warnings, -f language switches) are kept, everything else is dropped. Options that
 * make clang write files (-o, -M*, -MJ, -Wp,-MD,F, -save-temps, --serialize-diagnostics,
 * -ftime-trace, the module cache, coverage notes, ...), load code (-fplugin, -fpass-plugin) or
 * pass arguments on unseen (-Xclang, -Xpreprocessor, -mllvm, -Wp/-Wa/-Wl, --config) are dropped
 * also from the trusted command line after `--`. */

enum arg_class { ARG_KEEP, ARG_KEEP_NEXT, ARG_DROP, ARG_DROP_NEXT, ARG_UNKNOWN };

/* Dropped with the argument that follows. */
static const char *const drop_next[] = {
    "-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics", "-mllvm", "--config", "-dumpdir", "-dumpbase",
    "-dumpbase-ext", "--output", "-index-store-path", "-working-directory", "-resource-dir", "-ccc-arcmt-migrate",
    "-ccc-objcmt-migrate", "-ccc-gcc-name", "-ccc-install-dir", NULL};
/* Dropped (any option starting so): outputs, modes of a compile or link, writers, loaders. */
static const char *const drop_prefix[] = {
    "-o", "-M", "-save-temps", "--save-temps", "-save-stats", "--save-stats", "--serialize-diagnostics",
    "--config", "--output", "-Wp,", "-Wa,", "-Wl,", "-ftime-trace", "-fprofile", "-fcs-profile", "-fcoverage",
    "-ftest-coverage", "-fplugin", "-fpass-plugin", "-fmodules", "-fcxx-modules", "-fimplicit-modules",
    "-fmodule-output", "-fcrash-diagnostics", "-fsave-optimization-record", "-foptimization-record",
    "-fproc-stat-report", "-fdump", "-fembed-bitcode", "-fstack-usage", "-fcallgraph-info", "-fmemory-profile",
    "-fdepscan", "-fapinotes-cache", "-gsplit-dwarf", "-emit-", "--emit-", "--precompile", "--analyze",
    "-ccc-", "-objcmt-", "-arcmt-", "--driver-mode=cl", "--driver-mode=flang", "-fsyntax-only", "-fdriver-only",
    "-fintegrated-cc1", "-fno-integrated-cc1", "-mllvm", NULL};
static const char *const drop_exact[] = {"-c", "-S", "-E", "-v", "-###", "-H", "-P", "-C", "-CC", NULL};
/* Kept with a value: "-I DIR" (separate), "-IDIR" or "-I=DIR" (joined). */
static const char *const keep_valued[] = {
    "-I", "-D", "-U", "-F", "-x", "-isystem", "-iquote", "-idirafter", "-iprefix", "-iwithprefixbefore",
    "-iwithprefix", "-isysroot", "-include-pch", "-include", "-imacros", "-iframeworkwithsysroot", "-iframework",
    "-isystem-after", "-cxx-isystem", "-imultilib", "-ivfsoverlay", "-target", "-arch", "--sysroot",
    "-gcc-toolchain", "-stdlib++-isystem", NULL};
/* Kept as written: they change how the source is parsed, and write nothing. */
static const char *const keep_prefix[] = {
    "-std=", "--std=", "-ansi", "-W", "-w", "-f", "-m", "-O", "-pedantic", "--pedantic", "-pthread",
    "-nostdinc", "-nostdlibinc", "-nobuiltininc", "-nogpuinc", "-nocudainc", "-trigraphs", "-undef",
    "--target=", "-stdlib=", "--stdlib=", "--gcc-toolchain=", "--gcc-install-dir=", "-cl-", "--cuda-",
    "--offload-arch=", "--hip-", "--rocm-", "--driver-mode=", "-fms-", NULL};

static bool has_prefix(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static bool in_list(const char *s, const char *const *list, bool prefix) {
  for (; *list; list++)
    if (prefix ? has_prefix(s, *list) : strcmp(s, *list) == 0)
      return true;
  return false;
}

static enum arg_class classify(const char *s) {
  if (in_list(s, drop_next, false))
    return ARG_DROP_NEXT;
  if (has_prefix(s, "-X")) /* -Xclang, -Xpreprocessor, -Xlinker, -Xarch_*, -Xopenmp-target=T ... */
    return has_prefix(s, "-Xclang=") ? ARG_DROP : ARG_DROP_NEXT;
  if (in_list(s, drop_exact, false) || in_list(s, drop_prefix, true))
    return ARG_DROP;
  if (in_list(s, keep_valued, false))
    return ARG_KEEP_NEXT;
  if (in_list(s, keep_valued, true) || in_list(s, keep_prefix, true))
    return ARG_KEEP;
  return ARG_UNKNOWN;
}

bool compdb_arg_takes_value(const char *arg) {
  return in_list(arg, keep_valued, false) || in_list(arg, drop_next, false) ||
         (has_prefix(arg, "-X") && !has_prefix(arg, "-Xclang="));
}

int compdb_filter_args_mode(const char *const *argv, int argc, const char *file, const char *workdir, bool trusted,
                            struct arena *a, const char ***out) {
  const char **r = ARENA_ARRAY(a, const char *, argc + 1);
  int n = 0;
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    if (strcmp(s, "--") == 0)
      continue;
    if (s[0] != '-') {
      /* the source itself, or another input (a link's objects); from a database, or the value of
       * an option dropped as unknown: never passed on */
      if (trusted && !(file && is_source_arg(s, file, workdir)))
        r[n++] = arena_strdup(a, s);
      continue;
    }
    switch (classify(s)) {
    case ARG_DROP_NEXT:
      i++;
      break;
    case ARG_DROP:
      break;
    case ARG_KEEP_NEXT:
      r[n++] = arena_strdup(a, s);
      if (i + 1 < argc)
        r[n++] = arena_strdup(a, argv[++i]);
      break;
    case ARG_KEEP:
      r[n++] = arena_strdup(a, s);
      break;
    case ARG_UNKNOWN:
      if (trusted)
        r[n++] = arena_strdup(a, s);
      break;
    }
  }
  *out = r;
  return n;
}

int compdb_filter_args(const char *const *argv, int argc, const char *file, const char *workdir,
                       struct arena *a, const char ***out) {
  return compdb_filter_args_mode(argv, argc, file, workdir, false, a, out);
}

void compdb_add_extra(struct job *jobs, size_t n, const char *const *before, int nbefore, const char *const *after,
                      int nafter, struct arena *a) {
  if (!nbefore && !nafter)
    return;
  const char **b, **f;
  int nb = compdb_filter_args_mode(before, nbefore, NULL, NULL, true, a, &b);
  int nf = compdb_filter_args_mode(after, nafter, NULL, NULL, true, a, &f);
  for (size_t i = 0; i < n; i++) {
    struct job *j = &jobs[i];
    const char **args = ARENA_ARRAY(a, const char *, nb + j->nargs + nf + 1);
    int k = 0;
    for (int x = 0; x < nb; x++)
      args[k++] = b[x];
    for (int x = 0; x < j->nargs; x++)
      args[k++] = j->args[x];
    for (int x = 0; x < nf; x++)
      args[k++] = f[x];
    j->args = args;
    j->nargs = k;
  }
}

static void fill_job(struct compdb *db, CXCompileCommand cmd, struct arena *a, struct job *j) {
  CXString d = clang_CompileCommand_getDirectory(cmd);
  CXString f = clang_CompileCommand_getFilename(cmd);
  /* A relative "directory" is relative to the database's own directory, as in clang's
   * tooling (it used to be taken against /). */
  const char *dir = clang_getCString(d);
  if (dir[0] != '/') {
    char *abs_dir = path_absolute(*dir ? dir : ".", db->dir);
    j->workdir = arena_strdup(a, abs_dir);
    free(abs_dir);
  } else {
    j->workdir = arena_strdup(a, dir);
  }
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
}

/* same_command: two entries of one file that reach libclang identically (after the filter:
 * entries that differ only in -o or -MF are one unit). */
static bool same_command(const struct job *x, const struct job *y) {
  if (x->nargs != y->nargs || strcmp(x->workdir, y->workdir) != 0)
    return false;
  for (int i = 0; i < x->nargs; i++)
    if (strcmp(x->args[i], y->args[i]) != 0)
      return false;
  return true;
}

int compdb_all(struct compdb *db, struct arena *a, struct job **out) {
  CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db->db);
  unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
  struct job *jobs = ARENA_ARRAY(a, struct job, n + 1);
  size_t cap = index_cap_for(n);
  uint32_t *idx = ARENA_ARRAY(a, uint32_t, cap);
  uint32_t *next = ARENA_ARRAY(a, uint32_t, n + 1);
  int k = 0;
  for (unsigned i = 0; i < n; i++) {
    fill_job(db, clang_CompileCommands_getCommand(cmds, i), a, &jobs[k]);
    if (compdb_other_language(jobs[k].file, jobs[k].args, jobs[k].nargs)) {
      db->other_language++; /* zstd's huf_decompress_amd64.S, a Fortran or Rust target */
      continue;
    }
    size_t h = index_find(idx, cap, jobs, jobs[k].file);
    if (!idx[h]) {
      idx[h] = (uint32_t)k + 1;
      k++;
      continue;
    }
    /* Another entry of a file already seen: every distinct command is a unit of its own, as
     * clang-tidy analyses each entry (a bug behind a macro that only a later entry defines
     * must not be missed); identical ones are one. Their identical findings are merged. */
    uint32_t last = idx[h];
    bool dup = false;
    for (uint32_t e = idx[h]; e && !dup; e = next[e - 1]) {
      dup = same_command(&jobs[e - 1], &jobs[k]);
      last = e;
    }
    if (dup)
      continue;
    next[last - 1] = (uint32_t)k + 1;
    k++;
  }
  if (cmds)
    clang_CompileCommands_dispose(cmds);
  *out = jobs;
  db->index = idx;
  db->index_cap = cap;
  db->next = next;
  return k;
}

int compdb_entries_for_file(struct compdb *db, const char *abs, struct arena *a, struct job **out) {
  if (!db->all_read) {
    db->all_n = (size_t)compdb_all(db, a, &db->all);
    db->all_read = true;
  }
  size_t h = index_find(db->index, db->index_cap, db->all, abs);
  int n = 0;
  for (uint32_t e = db->index[h]; e; e = db->next[e - 1])
    n++;
  *out = ARENA_ARRAY(a, struct job, n + 1);
  n = 0;
  for (uint32_t e = db->index[h]; e; e = db->next[e - 1]) {
    (*out)[n] = db->all[e - 1];
    (*out)[n++].inferred = false;
  }
  return n;
}

static bool is_header(const char *path) {
  static const char *const h[] = {"h", "hh", "hpp", "hxx", "H", "inc", NULL};
  return path_has_ext(path, h);
}

/* compiler_name: a word names a compiler by its file name: cc, c++, gcc, g++, clang, clang++
 * (and Intel's, NVIDIA's), with a target prefix (x86_64-linux-gnu-gcc) or a version suffix
 * (gcc-12, clang++-19) or both. */
static bool compiler_name(const char *word) {
  static const char *const names[] = {"cc", "c++", "gcc", "g++", "clang", "clang++", "icc", "icpc", "icx", "icpx",
                                      "nvcc", "tcc", NULL};
  const char *base = strrchr(word, '/');
  base = base ? base + 1 : word;
  size_t n = strlen(base);
  if (n > 4 && strcmp(base + n - 4, ".exe") == 0)
    n -= 4;
  /* drop a version suffix: -12, -19.1, 12 */
  size_t end = n;
  while (end > 0 && (isdigit((unsigned char)base[end - 1]) || base[end - 1] == '.'))
    end--;
  if (end > 0 && end < n && base[end - 1] == '-')
    end--;
  else if (end == 0)
    end = n;
  for (const char *const *c = names; *c; c++) {
    size_t l = strlen(*c);
    if (end >= l && strncmp(base + end - l, *c, l) == 0 && (end == l || base[end - l - 1] == '-'))
      return true;
  }
  return false;
}

static bool launcher_name(const char *word) {
  static const char *const names[] = {"ccache", "sccache", "distcc", "icecc", NULL};
  const char *base = strrchr(word, '/');
  base = base ? base + 1 : word;
  for (const char *const *c = names; *c; c++)
    if (strcmp(base, *c) == 0)
      return true;
  return false;
}

int compdb_compiler_prefix(const char *const *argv, int argc) {
  /* Only a word that names a compiler starts the prefix (launchers before it): a bare word
   * after `--` that is not one (`-- std=c17`, a missing dash) must not switch vtasklint to the
   * co-compile hook's exit status, where warnings exit 0. */
  int k = 0;
  while (k < argc && launcher_name(argv[k]))
    k++;
  if (k < argc && compiler_name(argv[k]))
    return k + 1;
  return 0;
}

/* std_of_other_language: a -std= for the other language than cxx says (-std=c17 when the
 * file is parsed as C++): clang refuses the whole command for it, so a command borrowed from
 * a unit of the other language, or one whose language is forced, leaves it out. */
static bool std_of_other_language(const char *arg, bool cxx) {
  const char *v = !strncmp(arg, "-std=", 5) ? arg + 5 : !strncmp(arg, "--std=", 6) ? arg + 6 : NULL;
  return v && (strstr(v, "++") != NULL) != cxx;
}

void compdb_force_language(struct job *jobs, size_t n, bool cxx, struct arena *a) {
  for (size_t i = 0; i < n; i++) {
    struct job *j = &jobs[i];
    const char **args = ARENA_ARRAY(a, const char *, j->nargs + 3);
    int k = 0;
    for (int m = 0; m < j->nargs; m++)
      if (!std_of_other_language(j->args[m], cxx))
        args[k++] = j->args[m];
    args[k++] = "-x";
    args[k++] = is_header(j->file) ? (cxx ? "c++-header" : "c-header") : cxx ? "c++" : "c";
    j->args = args;
    j->nargs = k;
  }
}

bool compdb_for_file(struct compdb *db, const char *abs, struct arena *a, struct job *out) {
  /* libclang's getCompileCommands always answers, inferring by its own heuristic and without
   * saying so (libclang.md section 6): look for the real entry, then pick the sibling here. */
  if (!db->all_read) {
    db->all_n = (size_t)compdb_all(db, a, &db->all);
    db->all_read = true;
  }
  size_t h = index_find(db->index, db->index_cap, db->all, abs);
  if (db->index[h]) {
    *out = db->all[db->index[h] - 1];
    out->inferred = false;
    return true;
  }
  bool cxx = path_is_cxx(abs), header = is_header(abs);
  const struct job *best = NULL;
  size_t best_len = 0;
  enum header_why why = 0;
  if (header) {
    best = header_pick(db->all, db->all_n, abs, &db->headers, &why);
  } else {
    for (size_t i = 0; i < db->all_n; i++) {
      const struct job *j = &db->all[i];
      if (path_is_cxx(j->file) != cxx)
        continue;
      size_t l = path_common_dir(abs, j->file);
      if (!best || l > best_len)
        best = j, best_len = l;
    }
  }
  if (!best)
    return false;
  *out = *best;
  out->file = arena_strdup(a, abs);
  out->inferred = true;
  out->sibling = best->file;
  out->sibling_why = NULL;
  if (header) {
    /* .hpp, .hh, .hxx are C++ whatever unit lends its command */
    bool as_cxx = header_job_is_cxx(best) || cxx;
    out->sibling_why = why == HEADER_INCLUDER    ? (as_cxx ? "which includes it; as C++" : "which includes it; as C")
                       : why == HEADER_SAME_NAME ? (as_cxx ? "its same-named source; as C++"
                                                           : "its same-named source; as C")
                       : cxx && !header_job_is_cxx(best)
                           ? "no unit includes it directly and no source shares its name; as C++, by its extension"
                       : as_cxx ? "no unit includes it directly and no source shares its name; as C++, the database's majority"
                                : "no unit includes it directly and no source shares its name; as C, the database's majority";
    /* the unit's own -x goes (it is the unit's language, not a header's): the header's is
     * added last, so it wins */
    const char **args = ARENA_ARRAY(a, const char *, best->nargs + 3);
    int k = 0;
    for (int i = 0; i < best->nargs; i++) {
      if (!strcmp(best->args[i], "-x")) {
        i++;
        continue;
      }
      if (!strncmp(best->args[i], "-x", 2) || std_of_other_language(best->args[i], as_cxx))
        continue;
      args[k++] = best->args[i];
    }
    args[k++] = "-x";
    args[k++] = as_cxx ? "c++-header" : "c-header";
    out->args = args;
    out->nargs = k;
  }
  return true;
}

/* usable: DIR/compile_commands.json exists and is ours to use (else a warning says why not). */
static bool usable(const char *dir, void (*warn)(const char *line)) {
  struct strbuf p = STRBUF_INIT;
  sb_addf(&p, "%s/compile_commands.json", strcmp(dir, "/") == 0 ? "" : dir);
  struct stat st;
  bool found = access(p.buf, R_OK) == 0 && stat(p.buf, &st) == 0;
  const char *why = found ? path_unsafe(p.buf) : NULL;
  if (found && !why && !S_ISREG(st.st_mode))
    why = "not a regular file"; /* a FIFO would block the read forever */
  if (why) {
    /* Found without being asked for: one someone else controls is not used (git's
     * safe.directory); -p names one explicitly. */
    struct strbuf m = STRBUF_INIT;
    sb_addf(&m, "vtasklint: warning: '%s' is %s; ignored (name it with -p to use it)", p.buf, why);
    if (warn)
      warn(m.buf);
    sb_release(&m);
    found = false;
  }
  sb_release(&p);
  return found;
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* build_subdir: DIR/build, DIR/out, then DIR/cmake-build-* (in name order: cmake-build-debug
 * before cmake-build-release) holding a usable database, as heap string; NULL if none. */
static char *build_subdir(const char *dir, void (*warn)(const char *line)) {
  const char *base = strcmp(dir, "/") == 0 ? "" : dir;
  static const char *const fixed[] = {"build", "out"};
  for (size_t k = 0; k < 2; k++) {
    struct strbuf d = STRBUF_INIT;
    sb_addf(&d, "%s/%s", base, fixed[k]);
    if (usable(d.buf, warn))
      return sb_detach(&d);
    sb_release(&d);
  }
  DIR *dh = opendir(*base ? base : "/");
  if (!dh)
    return NULL;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dh)) != NULL) {
    if (strncmp(e->d_name, "cmake-build-", 12) != 0)
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 8;
      char **grown = realloc(names, sizeof *grown * cap);
      if (!grown)
        break;
      names = grown;
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(dh);
  char *found = NULL;
  if (n)
    qsort(names, n, sizeof *names, cmp_name);
  for (size_t i = 0; i < n; i++) {
    if (!found && names[i]) {
      struct strbuf d = STRBUF_INIT;
      sb_addf(&d, "%s/%s", base, names[i]);
      if (usable(d.buf, warn))
        found = sb_detach(&d);
      else
        sb_release(&d);
    }
    free(names[i]);
  }
  free(names);
  return found;
}

char *compdb_find_upward(const char *start, void (*warn)(const char *line)) {
  char *dir = path_absolute(start, NULL);
  for (;;) {
    if (usable(dir, warn))
      return dir;
    char *sub = build_subdir(dir, warn);
    if (sub) {
      free(dir);
      return sub;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) {
      if (strcmp(dir, "/") != 0) { /* "/top": "/" itself is the last place */
        dir[1] = 0;
        continue;
      }
      free(dir);
      return NULL;
    }
    *slash = 0;
  }
}

/* ---- response files ---- */

struct argv_vec {
  const char **v;
  size_t n, cap;
};

/* split_rsp: a response file's text into arguments, as gcc and clang read one: white space
 * separates, '...' and "..." quote, a backslash escapes the next character. */
static void split_rsp(const char *text, struct arena *a, struct argv_vec *out) {
  struct strbuf cur = STRBUF_INIT;
  bool in = false;
  for (const char *p = text;; p++) {
    char ch = *p;
    if (!ch || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      if (in) {
        vec_push(a, out, arena_strdup(a, sb_cstr(&cur)));
        sb_reset(&cur);
        in = false;
      }
      if (!ch)
        break;
      continue;
    }
    in = true;
    if (ch == '\\' && p[1]) {
      sb_addc(&cur, *++p);
    } else if (ch == '\'' || ch == '"') {
      char q = ch;
      while (p[1] && p[1] != q) {
        p++;
        if (q == '"' && *p == '\\' && p[1])
          p++;
        sb_addc(&cur, *p);
      }
      if (p[1])
        p++;
    } else {
      sb_addc(&cur, ch);
    }
  }
  sb_release(&cur);
}

static int expand(const char *const *argv, int argc, int depth, struct arena *a, struct argv_vec *out,
                  struct strbuf *err) {
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    if (s[0] != '@' || !s[1]) {
      vec_push(a, out, s);
      continue;
    }
    if (depth >= 16) {
      sb_addf(err, "response file '%s': nested more than 16 deep", s + 1);
      return -1;
    }
    struct stat st;
    struct strbuf text = STRBUF_INIT;
    if (stat(s + 1, &st) != 0 || !S_ISREG(st.st_mode) || sb_read_file(&text, s + 1) != 0) {
      sb_addf(err, "cannot read response file '%s': %s", s + 1,
              errno ? strerror(errno) : "not a regular file");
      sb_release(&text);
      return -1;
    }
    struct argv_vec inner = {0};
    split_rsp(sb_cstr(&text), a, &inner);
    sb_release(&text);
    if (expand(inner.v, (int)inner.n, depth + 1, a, out, err) != 0)
      return -1;
  }
  return 0;
}

int compdb_expand_response_files(const char *const *argv, int argc, struct arena *a, const char ***out,
                                 struct strbuf *err) {
  struct argv_vec v = {0};
  errno = 0;
  int rc = expand(argv, argc, 0, a, &v, err);
  vec_push(a, &v, NULL);
  *out = v.v;
  return rc == 0 ? (int)v.n - 1 : -1;
}
