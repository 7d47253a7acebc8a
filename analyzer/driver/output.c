/* output.c: see output.h. */
#include "analyzer/driver/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/support/path.h"

char *output_root(const char *given, struct strbuf *err) {
  struct stat st;
  if (given) {
    char *abs = path_absolute(given, NULL);
    int e = stat(abs, &st) != 0 ? errno : 0;
    if (e || !S_ISDIR(st.st_mode)) {
      sb_addf(err, "--sarif-root: cannot use '%s': %s", given, e ? strerror(e) : "not a directory");
      free(abs);
      return NULL;
    }
    return abs;
  }
  /* git's own rule (without GIT_DIR): the nearest directory upward with a .git entry; a
   * worktree's .git is a file. */
  char *dir = strdup(path_cwd());
  for (;;) {
    struct strbuf probe = STRBUF_INIT;
    sb_addf(&probe, "%s/.git", strcmp(dir, "/") == 0 ? "" : dir);
    bool found = lstat(sb_cstr(&probe), &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode));
    sb_release(&probe);
    if (found)
      return dir;
    char *slash = strrchr(dir, '/');
    if (!slash || strcmp(dir, "/") == 0)
      break;
    if (slash == dir)
      slash[1] = 0;
    else
      *slash = 0;
  }
  free(dir);
  return strdup(path_cwd());
}

FILE *output_open(const char *path, const char *const *inputs, int ninputs, struct strbuf *err) {
  struct stat out, in;
  if (stat(path, &out) == 0 && S_ISREG(out.st_mode))
    for (int i = 0; i < ninputs; i++)
      if (stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
        sb_addf(err, "--output-file: '%s' is the input '%s'; not overwriting it", path, inputs[i]);
        return NULL;
      }
  /* Opened for writing but not truncated yet: the file may be a header the units include
   * (`--output-file=vtask.h`), which must still be there when they are parsed. output_begin
   * empties it when the report is written. */
  int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    sb_addf(err, "--output-file: cannot write '%s': %s", path, strerror(errno));
    if (fd >= 0)
      close(fd);
  }
  return f;
}

bool output_begin(FILE *f) {
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode))
    return true; /* a pipe or a device: nothing to empty */
  return ftruncate(fileno(f), 0) == 0 && fseek(f, 0, SEEK_SET) == 0;
}
