/* path.c: see path.h. Lexical, so shown paths match what users typed, except that a symbolic
 * link is resolved before a ".." that follows it (pop_component). */
#define _XOPEN_SOURCE 700 /* realpath, lstat, S_ISLNK */
#include "analyzer/support/path.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/support/strbuf.h"

const char *path_cwd(void) {
  static char cwd[PATH_MAX];
  if (!cwd[0] && !getcwd(cwd, sizeof cwd))
    strcpy(cwd, "/");
  return cwd;
}

/* pop_component: removes the last component of out for a "..". Lexically that is only right
 * when the component is not a symbolic link: clang names libstdc++'s headers
 * "/usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/vector", and on a merged-/usr
 * system "/lib" links to "usr/lib", so dropping "lib" and the rest by text names "/include/...",
 * a file that does not exist. A link is therefore resolved (realpath) before its ".." is taken;
 * any other component, and one that does not exist, is removed as written, so the paths users
 * typed are kept as they typed them. */
static void pop_component(struct strbuf *out) {
  struct stat st;
  if (out->len > 1 && lstat(out->buf, &st) == 0 && S_ISLNK(st.st_mode)) {
    char real[PATH_MAX];
    if (realpath(out->buf, real)) {
      sb_reset(out);
      sb_adds(out, real);
    }
  }
  while (out->len > 0 && out->buf[out->len - 1] != '/')
    out->len--;
  if (out->len > 0)
    out->len--;
  if (out->buf)
    out->buf[out->len] = 0;
}

char *path_absolute(const char *path, const char *base) {
  struct strbuf in = STRBUF_INIT;
  if (path[0] != '/') {
    sb_adds(&in, base ? base : path_cwd());
    sb_addc(&in, '/');
  }
  sb_adds(&in, path);
  /* Normalise component by component into out. */
  const char *s = sb_cstr(&in);
  size_t n = in.len;
  struct strbuf out = STRBUF_INIT;
  size_t i = 0;
  while (i < n) {
    while (i < n && s[i] == '/')
      i++;
    size_t start = i;
    while (i < n && s[i] != '/')
      i++;
    size_t len = i - start;
    if (len == 0 || (len == 1 && s[start] == '.'))
      continue;
    if (len == 2 && s[start] == '.' && s[start + 1] == '.') {
      pop_component(&out);
      continue;
    }
    sb_addc(&out, '/');
    sb_add(&out, s + start, len);
  }
  if (out.len == 0)
    sb_addc(&out, '/');
  sb_release(&in);
  return sb_detach(&out);
}

char *path_real(const char *path, const char *base, unsigned long long *dev, unsigned long long *ino) {
  char *abs = path_absolute(path, base);
  char *real = realpath(abs, NULL);
  free(abs);
  struct stat st;
  if (real && (dev || ino) && stat(real, &st) != 0) {
    free(real);
    return NULL;
  }
  if (real && dev)
    *dev = (unsigned long long)st.st_dev;
  if (real && ino)
    *ino = (unsigned long long)st.st_ino;
  return real;
}

char *path_display(const char *abs_path) {
  const char *cwd = path_cwd();
  size_t cl = strlen(cwd);
  if (cl > 1 && strncmp(abs_path, cwd, cl) == 0 && abs_path[cl] == '/')
    return strdup(abs_path + cl + 1);
  if (cl == 1 && abs_path[0] == '/' && abs_path[1])
    return strdup(abs_path + 1);
  return strdup(abs_path);
}

size_t path_common_dir(const char *a, const char *b) {
  size_t n = 0, last = 0;
  while (a[n] && a[n] == b[n]) {
    if (a[n] == '/')
      last = n;
    n++;
  }
  return last;
}

bool path_has_ext(const char *path, const char *const *exts) {
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(path, '.');
  if (!dot || (slash && dot < slash))
    return false;
  for (; *exts; exts++)
    if (strcmp(dot + 1, *exts) == 0)
      return true;
  return false;
}

bool path_is_cxx(const char *path) {
  static const char *const cxx[] = {"cc", "cpp", "cxx", "c++", "C", "hpp", "hh", "hxx", "ipp", "cu", "tcc", NULL};
  return path_has_ext(path, cxx);
}

const char *path_unsafe(const char *file) {
  struct stat st;
  if (stat(file, &st) != 0)
    return NULL; /* nothing there: its reader reports that */
  if (st.st_uid != geteuid())
    return "owned by another user";
  if (st.st_mode & S_IWOTH)
    return "writable by others";
  char *dir = strdup(file);
  char *slash = strrchr(dir, '/');
  if (slash)
    *(slash == dir ? slash + 1 : slash) = 0;
  const char *why = NULL;
  if (stat(slash ? dir : ".", &st) == 0 && (st.st_mode & S_IWOTH))
    why = "in a directory writable by others";
  free(dir);
  return why;
}
