/* project_path.c: emit_project_path (emit.h): file names as the repository sees them, for the
 * formats a code host reads (SARIF, GitLab), which resolve paths against the repository's top
 * level whatever directory vtasklint ran in. */
#include "analyzer/report/emit.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/support/path.h"

bool emit_project_path(const struct emit_meta *m, const char *path, char **out) {
  const char *cwd = m && m->cwd ? m->cwd : "/";
  char *abs = path_absolute(path, cwd);
  const char *root = m && m->root ? m->root : cwd;
  size_t n = strlen(root);
  while (n > 1 && root[n - 1] == '/')
    n--;
  if (n == 1 && root[0] == '/' && abs[1]) { /* everything is below "/" */
    *out = strdup(abs + 1);
    free(abs);
    return true;
  }
  if (strncmp(abs, root, n) == 0 && abs[n] == '/' && abs[n + 1]) {
    *out = strdup(abs + n + 1);
    free(abs);
    return true;
  }
  *out = abs;
  return false;
}
