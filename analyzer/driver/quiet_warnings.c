/* quiet_warnings.c: see quiet_warnings.h. */
#include "analyzer/driver/quiet_warnings.h"

#include <stdbool.h>
#include <string.h>

#include "analyzer/driver/compdb.h"

/* The options that only turn warnings on, many at a time. */
static const char *const umbrellas[] = {"-Wall", "-Wextra", "-W", "-Wmost", "-Weverything",
                                        "-pedantic", "--pedantic", "-Wpedantic", NULL};

/* The groups of clang 19 that hold -Wuninitialized's warnings (`diagtool tree GROUP`), and
 * "everything": -Werror=G for one of them makes those warnings errors. A name that merely
 * mentions them (a future group) counts too. */
static bool holds_uninitialized(const char *group) {
  static const char *const groups[] = {"all", "most", "CL4", "everything", NULL};
  for (const char *const *g = groups; *g; g++)
    if (strcmp(group, *g) == 0)
      return true;
  return strstr(group, "uninit") != NULL || strstr(group, "self-init") != NULL;
}

static bool in(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0)
      return true;
  return false;
}

int quiet_warnings(const char *const *args, int nargs, const char **out, int *no_uninit) {
  bool as_errors = false, uninit_errors = false;
  for (int i = 0; i < nargs; i++) {
    const char *a = args[i];
    if (i > 0 && compdb_arg_takes_value(args[i - 1]))
      continue; /* a value ("-D" "-Wall" defines a macro of that name... or tries to) */
    if (strncmp(a, "-Werror=", 8) == 0)
      uninit_errors = uninit_errors || holds_uninitialized(a + 8);
    else if (strncmp(a, "-Werror", 7) == 0 || strcmp(a, "-pedantic-errors") == 0 ||
             strcmp(a, "--pedantic-errors") == 0)
      as_errors = true;
  }
  int n = 0;
  for (int i = 0; i < nargs; i++) {
    bool value = i > 0 && compdb_arg_takes_value(args[i - 1]);
    if (!as_errors && !value && in(args[i], umbrellas))
      continue;
    out[n++] = args[i];
  }
  *no_uninit = !as_errors && !uninit_errors;
  return n;
}
