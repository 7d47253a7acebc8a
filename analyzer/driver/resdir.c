/* resdir.c: the resource directory found beside the loaded libclang (resdir.h). The loaded
 * library is found with dl_iterate_phdr rather than dladdr on a libclang function: in an
 * executable built without PIE, such a function's address is the executable's own PLT slot. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "analyzer/driver/resdir.h"

#include <clang-c/Index.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char found[PATH_MAX];
static char how_text[2 * PATH_MAX];
static char lib_path[PATH_MAX];

/* is_libclang: libclang.so*, libclang-19.so.19 and the like; not libclang-cpp. */
static int is_libclang(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (strncmp(base, "libclang", 8) != 0)
    return 0;
  base += 8;
  if (*base == '-')
    base++;
  return *base == '.' || (*base >= '0' && *base <= '9');
}

static int find_lib(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  (void)data;
  if (info->dlpi_name && info->dlpi_name[0] && is_libclang(info->dlpi_name)) {
    snprintf(lib_path, sizeof lib_path, "%s", info->dlpi_name);
    return 1;
  }
  return 0;
}

/* version: the running libclang's "M" and "M.m.p", from "... clang version 19.1.7 (...)". */
static int version(char *major, char *full, size_t n) {
  CXString v = clang_getClangVersion();
  const char *s = clang_getCString(v);
  const char *p = s ? strstr(s, "version ") : NULL;
  int ok = 0;
  if (p) {
    p += 8;
    size_t len = strspn(p, "0123456789.");
    size_t mlen = strspn(p, "0123456789");
    if (mlen > 0 && len < n) {
      snprintf(full, n, "%.*s", (int)len, p);
      snprintf(major, n, "%.*s", (int)mlen, p);
      ok = 1;
    }
  }
  clang_disposeString(v);
  return ok;
}

/* try_dir: DIR holds include/stddef.h; then found is DIR with symlinks resolved. */
static int try_dir(const char *dir) {
  char probe[PATH_MAX];
  struct stat st;
  if (snprintf(probe, sizeof probe, "%s/include/stddef.h", dir) >= (int)sizeof probe)
    return 0;
  if (stat(probe, &st) != 0 || !S_ISREG(st.st_mode))
    return 0;
  if (!realpath(dir, found))
    return 0;
  return 1;
}

/* beside: the places next to libclang's directory D. */
static int beside(const char *d, const char *major, const char *full) {
  char dir[4][PATH_MAX];
  int n[4];
  n[0] = snprintf(dir[0], PATH_MAX, "%s/clang/%s", d, major);
  n[1] = snprintf(dir[1], PATH_MAX, "%s/clang/%s", d, full);
  n[2] = snprintf(dir[2], PATH_MAX, "%s/../llvm-%s/lib/clang/%s", d, major, major);
  n[3] = snprintf(dir[3], PATH_MAX, "%s/../clang/%s", d, major);
  for (int i = 0; i < 4; i++)
    if (n[i] > 0 && n[i] < PATH_MAX && try_dir(dir[i]))
      return 1;
  return 0;
}

static const char *search(void) {
  char major[32], full[32];
  if (!version(major, full, sizeof major)) {
    snprintf(how_text, sizeof how_text, "not looked for (libclang's version could not be read)");
    return NULL;
  }
  dl_iterate_phdr(find_lib, NULL);
  if (lib_path[0]) {
    char dir[PATH_MAX], real[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", lib_path);
    char *slash = strrchr(dir, '/');
    if (slash) {
      *slash = '\0';
      if (beside(dir, major, full)) {
        snprintf(how_text, sizeof how_text, "beside libclang, %s", lib_path);
        return found;
      }
    }
    if (realpath(lib_path, real) && (slash = strrchr(real, '/')) != NULL) {
      *slash = '\0';
      if (beside(real, major, full)) {
        snprintf(how_text, sizeof how_text, "beside libclang, %s", lib_path);
        return found;
      }
    }
  }
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "/usr/lib/llvm-%s/lib/clang/%s", major, major);
  if (try_dir(dir) || (snprintf(dir, sizeof dir, "/usr/lib/clang/%s", major), try_dir(dir))) {
    snprintf(how_text, sizeof how_text, "in the usual place (none beside libclang, %s)",
             lib_path[0] ? lib_path : "not found among the loaded libraries");
    return found;
  }
  snprintf(how_text, sizeof how_text,
           "not found beside libclang (%s) nor in /usr/lib/llvm-%s/lib/clang/%s or /usr/lib/clang/%s",
           lib_path[0] ? lib_path : "not found among the loaded libraries", major, major, major);
  return NULL;
}

const char *resdir_find(const char **how) {
  static int done;
  static const char *dir;
  if (!done) {
    dir = search();
    done = 1;
  }
  if (how)
    *how = how_text;
  return dir;
}
