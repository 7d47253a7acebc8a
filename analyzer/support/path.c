/* path.c: see path.h. Lexical only: no symlink resolution, so shown paths match what users typed. */
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

char *path_absolute(const char *path, const char *base) {
  struct strbuf in = STRBUF_INIT;
  if (path[0] != '/') {
    sb_adds(&in, base ? base : path_cwd());
    sb_addc(&in, '/');
  }
  sb_adds(&in, path);
  /* Normalise component by component into out. */
  char *s = in.buf;
  size_t n = in.len;
  char *out = malloc(n + 2);
  size_t o = 0;
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
      while (o > 0 && out[o - 1] != '/')
        o--;
      if (o > 0)
        o--;
      continue;
    }
    out[o++] = '/';
    memcpy(out + o, s + start, len);
    o += len;
  }
  if (o == 0)
    out[o++] = '/';
  out[o] = 0;
  sb_release(&in);
  return out;
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
