/* nolint.h: suppression comments in the manner of clang-tidy: `// NOLINT`, `// NOLINT(glob,...)`,
 * `// NOLINTNEXTLINE(...)`, `// NOLINTBEGIN(...)` ... `// NOLINTEND(...)`. A list names rules by
 * glob ('*' wildcard; negative globs are ignored, as clang-tidy does); no list means every rule;
 * an empty list `()` suppresses nothing. BEGIN/END pair last-in first-out with identical lists. */
#ifndef VTL_REPORT_NOLINT_H
#define VTL_REPORT_NOLINT_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/support/arena.h"

struct nolint_problem {
  unsigned line, col;
  const char *message; /* "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment" */
};

struct nolint;

/* nolint_parse: the suppressions of one file's text; everything lives in arena a. */
struct nolint *nolint_parse(struct arena *a, const char *text, size_t len);
/* nolint_suppresses: a diagnostic of `rule` on `line` is suppressed. */
bool nolint_suppresses(const struct nolint *n, unsigned line, const char *rule);
/* nolint_problems: unmatched BEGIN/END comments, in line order. */
size_t nolint_problems(const struct nolint *n, const struct nolint_problem **out);

#endif
