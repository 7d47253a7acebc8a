/* sources.c: see sources.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "analyzer/driver/sources.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyzer/driver/header_lang.h"
#include "analyzer/support/glob.h"
#include "analyzer/support/path.h"
#include "analyzer/support/strbuf.h"

bool sources_is_source(const char *path) {
  static const char *const exts[] = {"c", "h", "cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", NULL};
  return path_has_ext(path, exts);
}

bool sources_excluded(const char *path, const char *const *globs, int n) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  for (int i = 0; i < n; i++) {
    const char *g = globs[i];
    const char *ge = g + strlen(g);
    if (glob_match(g, ge, path))
      return true;
    if (!strchr(g, '/') && glob_match(g, ge, base))
      return true;
    /* A relative glob also matches below any directory: 'src/gen/x*' matches /abs/src/gen/x.c. */
    for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/'))
      if (glob_match(g, ge, p + 1))
        return true;
  }
  return false;
}

__attribute__((format(printf, 2, 3))) static void say(void (*fn)(const char *), const char *fmt, ...) {
  struct strbuf m = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&m, fmt, ap);
  va_end(ap);
  fn(sb_cstr(&m));
  sb_release(&m);
}

/* ---- each file's own database (no -p) ---- */
enum { DB_OPEN_MAX = 8 }; /* databases kept open at once */

struct db_slot {
  const char *dir; /* where its compile_commands.json is */
  struct compdb *db;
  unsigned long used; /* when last used: the least recent is closed first */
};

struct db_cache {
  struct arena a; /* the strings and compdb handles below */
  void (*warn)(const char *), (*error_line)(const char *), (*note_line)(const char *);
  VEC(const char *) starts, found; /* a directory looked up -> its database's directory (or NULL) */
  VEC(const char *) bad;           /* databases that could not be opened (said once) */
  struct db_slot open[DB_OPEN_MAX];
  size_t nopen;
  unsigned long tick;
  bool said_none;
};

struct db_cache *db_cache_new(void (*warn)(const char *), void (*error_line)(const char *),
                              void (*note_line)(const char *)) {
  struct db_cache *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  arena_init(&c->a);
  c->warn = warn;
  c->error_line = error_line;
  c->note_line = note_line;
  return c;
}

void db_cache_free(struct db_cache *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->nopen; i++)
    compdb_close(c->open[i].db);
  arena_release(&c->a);
  free(c);
}

/* db_dir_of: the directory of START's nearest database (NULL: none), looked up once per START. */
static const char *db_dir_of(struct db_cache *c, const char *start) {
  for (size_t i = c->starts.n; i-- > 0;) /* the latest first: a walk asks for one directory in a row */
    if (strcmp(c->starts.v[i], start) == 0)
      return c->found.v[i];
  char *dir = compdb_find_upward(start, c->warn);
  const char *kept = dir ? arena_strdup(&c->a, dir) : NULL;
  free(dir);
  vec_push(&c->a, &c->starts, arena_strdup(&c->a, start));
  vec_push(&c->a, &c->found, kept);
  if (!kept && !c->said_none && c->note_line) {
    c->said_none = true; /* once: a tree without a database would say it for every directory */
    say(c->note_line, "no compile_commands.json found in '%s' or a directory above it, nor in their build/, out/ "
        "or cmake-build-*/; analysing without compiler arguments (give -p BUILD_DIR or -- ARGS)", start);
  }
  return kept;
}

/* db_open_cached: the open database of DIR, opening it (and closing the least recently used
 * one when DB_OPEN_MAX are open); NULL when it cannot be opened (said once). */
static struct compdb *db_open_cached(struct db_cache *c, const char *dir) {
  size_t lru = 0;
  for (size_t i = 0; i < c->nopen; i++) {
    if (strcmp(c->open[i].dir, dir) == 0) {
      c->open[i].used = ++c->tick;
      return c->open[i].db;
    }
    if (c->open[i].used < c->open[lru].used)
      lru = i;
  }
  for (size_t i = 0; i < c->bad.n; i++)
    if (strcmp(c->bad.v[i], dir) == 0)
      return NULL;
  struct strbuf err = STRBUF_INIT;
  struct compdb *db = compdb_open(dir, &c->a, &err);
  if (!db) {
    c->error_line(sb_cstr(&err));
    vec_push(&c->a, &c->bad, arena_strdup(&c->a, dir));
  }
  sb_release(&err);
  if (!db)
    return NULL;
  size_t k = lru;
  if (c->nopen < DB_OPEN_MAX)
    k = c->nopen++;
  else
    compdb_close(c->open[k].db); /* its jobs are copies in the caller's arena: still valid */
  c->open[k] = (struct db_slot){compdb_dir(db), db, ++c->tick};
  return db;
}

/* db_for: the database ABS's command comes from: -p's, or (no -p) the one above its directory. */
static struct compdb *db_for(const char *abs, const struct sources_opts *o) {
  if (!o->per_file)
    return o->db;
  char *dir = strdup(abs);
  if (!dir)
    return NULL;
  char *slash = strrchr(dir, '/');
  if (slash)
    *(slash == dir ? slash + 1 : slash) = 0;
  const char *found = db_dir_of(o->per_file, dir);
  free(dir);
  return found ? db_open_cached(o->per_file, found) : NULL;
}

/* say_inferred: the note for a file without an entry, naming the database and the sibling. */
static void say_inferred(const char *abs, const struct compdb *db, const struct job *j, const struct sources_opts *o) {
  if (!o->note_line)
    return;
  struct strbuf p = STRBUF_INIT;
  sb_addf(&p, "%s/compile_commands.json", compdb_dir(db));
  char *d1 = path_display(abs), *d2 = path_display(j->sibling), *d3 = path_display(p.buf);
  say(o->note_line, "'%s' has no entry in '%s'; using the command of '%s'%s%s%s", d1, d3, d2,
      j->sibling_why ? " (" : "", j->sibling_why ? j->sibling_why : "", j->sibling_why ? ")" : "");
  free(d1);
  free(d2);
  free(d3);
  sb_release(&p);
}

static void add_file(const char *abs, const struct sources_opts *o, struct arena *a, struct job_vec *jobs) {
  struct job j;
  memset(&j, 0, sizeof j);
  struct compdb *db = o->use_db ? db_for(abs, o) : NULL;
  if (db) {
    struct job *own;
    int n = compdb_entries_for_file(db, abs, a, &own);
    for (int i = 0; i < n; i++) /* every distinct command of the file (compdb_all) */
      vec_push(a, jobs, own[i]);
    if (n)
      return;
    if (compdb_for_file(db, abs, a, &j)) {
      if (j.inferred)
        say_inferred(abs, db, &j, o);
      vec_push(a, jobs, j);
      return;
    }
  }
  j.file = arena_strdup(a, abs);
  j.nargs = compdb_filter_args_mode(o->extra, o->nextra, j.file, NULL, true, a, &j.args);
  vec_push(a, jobs, j);
}

struct dir_id {
  dev_t dev;
  ino_t ino;
};

struct dir_ids {
  struct dir_id *v;
  size_t n, cap;
};

static bool skip_dir(const char *name) {
  if (name[0] == '.')
    return true; /* hidden, and . / .. */
  static const char *const skip[] = {"build", "out", "node_modules", "CMakeFiles", NULL};
  for (const char *const *s = skip; *s; s++)
    if (strcmp(name, *s) == 0)
      return true;
  return strncmp(name, "build-", 6) == 0 || strncmp(name, "cmake-build-", 12) == 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* inside: path (a real path) lies at or below root (a real path). */
static bool inside(const char *path, const char *root) {
  size_t n = strlen(root);
  return strcmp(root, "/") == 0 || (strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == 0));
}

struct walk {
  const struct sources_opts *o;
  struct arena *a;
  struct job_vec *jobs;
  struct dir_ids seen;
  char *root;           /* the real path of the directory given */
  size_t found;         /* sources added */
  size_t skipped_links; /* symlinks leading out of the tree, not followed */
};

static void walk_dir(const char *dir, struct walk *w) {
  const struct sources_opts *o = w->o;
  struct stat st;
  if (stat(dir, &st) != 0) {
    say(o->error_line, "cannot read directory '%s': %s", dir, strerror(errno));
    return;
  }
  for (size_t i = 0; i < w->seen.n; i++)
    if (w->seen.v[i].dev == st.st_dev && w->seen.v[i].ino == st.st_ino)
      return; /* a symlink loop, or a directory reached twice */
  struct dir_id id = {st.st_dev, st.st_ino};
  vec_push(w->a, &w->seen, id);
  DIR *d = opendir(dir);
  if (!d) {
    say(o->error_line, "cannot read directory '%s': %s", dir, strerror(errno));
    return;
  }
  VEC(char *) names = {0};
  struct dirent *e;
  errno = 0;
  while ((e = readdir(d)) != NULL)
    vec_push(w->a, &names, arena_strdup(w->a, e->d_name));
  if (errno)
    say(o->error_line, "cannot read directory '%s': %s", dir, strerror(errno));
  closedir(d);
  /* Sorted, so the units (and --shard slices) do not depend on the file system's order. */
  qsort(names.v, names.n, sizeof *names.v, cmp_str);
  for (size_t i = 0; i < names.n; i++) {
    const char *name = names.v[i];
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
      continue;
    struct strbuf p = STRBUF_INIT;
    sb_addf(&p, "%s/%s", dir, name);
    if (sources_excluded(p.buf, o->excludes, o->nexcludes)) {
      sb_release(&p);
      continue;
    }
    struct stat lst;
    bool link = lstat(p.buf, &lst) == 0 && S_ISLNK(lst.st_mode);
    if (stat(p.buf, &st) != 0) {
      /* A dangling symlink is nothing to analyse; anything else we cannot look at (no search
       * permission, a path longer than PATH_MAX) is an error, not a silent gap. */
      if (!(link && errno == ENOENT) && (sources_is_source(name) || errno != ENOENT))
        say(o->error_line, "cannot read '%s': %s", p.buf, strerror(errno));
      sb_release(&p);
      continue;
    }
    if (link && !o->follow_symlinks && (S_ISDIR(st.st_mode) || sources_is_source(name))) {
      char *real = realpath(p.buf, NULL);
      bool in_tree = real && inside(real, w->root);
      free(real);
      if (!in_tree) {
        w->skipped_links++;
        sb_release(&p);
        continue;
      }
    }
    if (S_ISDIR(st.st_mode)) {
      if (!skip_dir(name))
        walk_dir(p.buf, w);
    } else if (S_ISREG(st.st_mode) && sources_is_source(name)) {
      add_file(p.buf, o, w->a, w->jobs);
      w->found++;
    }
    sb_release(&p);
  }
}

static void walk_tree(const char *abs, const char *shown, const struct sources_opts *o, struct arena *a,
                      struct job_vec *jobs) {
  struct walk w = {o, a, jobs, {0}, realpath(abs, NULL), 0, 0};
  if (!w.root)
    w.root = strdup(abs);
  size_t errors_before = jobs->n;
  (void)errors_before;
  walk_dir(abs, &w);
  if (w.skipped_links && o->warning_line)
    say(o->warning_line, "'%s': %zu symlink%s leading out of the directory not followed (see --follow-symlinks)",
        shown, w.skipped_links, w.skipped_links == 1 ? "" : "s");
  if (!w.found && o->warning_line)
    say(o->warning_line, "no C or C++ sources found in directory '%s'; nothing analysed there", shown);
  free(w.root);
}

static char *read_stdin(size_t *len) {
  struct strbuf sb = STRBUF_INIT;
  sb_read_stream(&sb, stdin);
  *len = sb.len;
  return sb_detach(&sb);
}

/* other_language: a FILE named of another language than C or C++, said and skipped (its
 * database entry was left out, and a sibling's command would parse it as C). */
static bool other_language(const char *abs, const char *shown, const struct sources_opts *o) {
  const char *lang = o->language_forced ? NULL : compdb_other_language(abs, NULL, 0);
  if (lang)
    say(o->error_line, "cannot analyse '%s': it is %s, not C or C++", shown, lang);
  return lang != NULL;
}

void sources_expand(const char *const *inputs, int n, const struct sources_opts *o, struct arena *a,
                    struct job_vec *jobs) {
  for (int i = 0; i < n; i++) {
    const char *in = inputs[i];
    if (strcmp(in, "-") == 0) {
      if (!o->stdin_filename) {
        o->error_line("'-' reads standard input and needs --stdin-filename=PATH to name it");
        continue;
      }
      char *abs = path_absolute(o->stdin_filename, NULL);
      if (other_language(abs, o->stdin_filename, o)) {
        free(abs);
        continue;
      }
      size_t len;
      char *text = read_stdin(&len);
      size_t before = jobs->n;
      add_file(abs, o, a, jobs);
      free(abs);
      if (jobs->n > before) {
        jobs->v[jobs->n - 1].contents = arena_strndup(a, text, len);
        jobs->v[jobs->n - 1].contents_len = len;
      }
      free(text);
      continue;
    }
    char *abs = path_absolute(in, NULL);
    struct stat st;
    if (stat(abs, &st) != 0) {
      say(o->error_line, "cannot read '%s': %s", in, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
      walk_tree(abs, in, o, a, jobs);
    } else if (!S_ISREG(st.st_mode)) {
      say(o->error_line, "cannot read '%s': %s", in, "not a regular file");
    } else if (!sources_excluded(abs, o->excludes, o->nexcludes) && !other_language(abs, in, o)) {
      add_file(abs, o, a, jobs);
    }
    free(abs);
  }
}
