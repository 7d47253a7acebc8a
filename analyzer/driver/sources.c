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

static void add_file(const char *abs, const struct sources_opts *o, struct arena *a, struct job_vec *jobs) {
  struct job j;
  memset(&j, 0, sizeof j);
  if (o->use_db && o->db) {
    struct job *own;
    int n = compdb_entries_for_file(o->db, abs, a, &own);
    for (int i = 0; i < n; i++) /* every distinct command of the file (compdb_all) */
      vec_push(a, jobs, own[i]);
    if (n)
      return;
    if (compdb_for_file(o->db, abs, a, &j)) {
      if (j.inferred && o->note_line) {
        char *d1 = path_display(abs), *d2 = path_display(j.sibling);
        say(o->note_line, "'%s' has no entry in compile_commands.json; using the command of '%s'%s%s%s", d1, d2,
            j.sibling_why ? " (" : "", j.sibling_why ? j.sibling_why : "", j.sibling_why ? ")" : "");
        free(d1);
        free(d2);
      }
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

void sources_expand(const char *const *inputs, int n, const struct sources_opts *o, struct arena *a,
                    struct job_vec *jobs) {
  for (int i = 0; i < n; i++) {
    const char *in = inputs[i];
    if (strcmp(in, "-") == 0) {
      if (!o->stdin_filename) {
        o->error_line("'-' reads standard input and needs --stdin-filename=PATH to name it");
        continue;
      }
      size_t len;
      char *text = read_stdin(&len);
      char *abs = path_absolute(o->stdin_filename, NULL);
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
    } else if (!sources_excluded(abs, o->excludes, o->nexcludes)) {
      add_file(abs, o, a, jobs);
    }
    free(abs);
  }
}
