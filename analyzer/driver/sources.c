/* sources.c: see sources.h. */
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
    if (compdb_for_file(o->db, abs, a, &j)) {
      if (j.inferred && o->note_line) {
        char *d1 = path_display(abs), *d2 = path_display(j.sibling);
        say(o->note_line, "'%s' has no entry in compile_commands.json; using the command of '%s'", d1, d2);
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

static void walk_dir(const char *dir, const struct sources_opts *o, struct arena *a, struct job_vec *jobs,
                     struct dir_ids *seen) {
  struct stat st;
  if (stat(dir, &st) != 0)
    return;
  for (size_t i = 0; i < seen->n; i++)
    if (seen->v[i].dev == st.st_dev && seen->v[i].ino == st.st_ino)
      return; /* a symlink loop, or a directory reached twice */
  struct dir_id id = {st.st_dev, st.st_ino};
  vec_push(a, seen, id);
  DIR *d = opendir(dir);
  if (!d) {
    say(o->error_line, "cannot read directory '%s': %s", dir, strerror(errno));
    return;
  }
  VEC(char *) names = {0};
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    vec_push(a, &names, arena_strdup(a, e->d_name));
  closedir(d);
  /* Sorted, so the units (and --shard slices) do not depend on the file system's order. */
  qsort(names.v, names.n, sizeof *names.v, cmp_str);
  for (size_t i = 0; i < names.n; i++) {
    const char *name = names.v[i];
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
      continue;
    struct strbuf p = STRBUF_INIT;
    sb_addf(&p, "%s/%s", dir, name);
    if (stat(p.buf, &st) == 0 && !sources_excluded(p.buf, o->excludes, o->nexcludes)) {
      if (S_ISDIR(st.st_mode)) {
        if (!skip_dir(name))
          walk_dir(p.buf, o, a, jobs, seen);
      } else if (S_ISREG(st.st_mode) && sources_is_source(name)) {
        add_file(p.buf, o, a, jobs);
      }
    }
    sb_release(&p);
  }
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
      struct dir_ids seen = {0};
      walk_dir(abs, o, a, jobs, &seen);
    } else if (!S_ISREG(st.st_mode)) {
      say(o->error_line, "cannot read '%s': %s", in, "not a regular file");
    } else if (!sources_excluded(abs, o->excludes, o->nexcludes)) {
      add_file(abs, o, a, jobs);
    }
    free(abs);
  }
}
