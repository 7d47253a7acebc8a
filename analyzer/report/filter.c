/* filter.c: see filter.h. Files are few per unit (the main file and the headers findings land
 * in), so they are kept in a plain vector searched by name. */
#include "analyzer/report/filter.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/report/nolint.h"
#include "analyzer/support/glob.h"
#include "analyzer/support/path.h"

struct filter_file {
  const char *name;
  struct nolint *nolint; /* NULL: no text */
  bool is_main;
};

struct report_filter {
  struct arena *arena;
  struct diag_list *out;
  const char *warnings_as_errors;
  regex_t header_re;
  const char *base; /* HeaderFilter may also match the path relative to this directory */
  bool have_header_re;
  VEC(struct filter_file) files;
};

struct report_filter *filter_new(struct arena *a, const char *header_filter, const char *base,
                                 const char *warnings_as_errors, struct diag_list *out) {
  struct report_filter *f = ARENA_NEW(a, struct report_filter);
  memset(f, 0, sizeof *f);
  f->arena = a;
  f->out = out;
  f->warnings_as_errors = warnings_as_errors;
  f->base = base ? arena_strdup(a, base) : NULL;
  if (header_filter)
    f->have_header_re = regcomp(&f->header_re, header_filter, REG_EXTENDED | REG_NOSUB) == 0;
  return f;
}

void filter_release(struct report_filter *f) {
  if (f && f->have_header_re) {
    regfree(&f->header_re);
    f->have_header_re = false;
  }
}

static struct filter_file *find_file(const struct report_filter *f, const char *name) {
  for (size_t i = 0; i < f->files.n; i++)
    if (strcmp(f->files.v[i].name, name) == 0)
      return &f->files.v[i];
  return NULL;
}

void filter_add_file(struct report_filter *f, const char *file, const char *text, size_t len, bool is_main) {
  if (!file || find_file(f, file))
    return;
  struct filter_file ff = {arena_strdup(f->arena, file), NULL, is_main};
  if (text) {
    ff.nolint = nolint_parse(f->arena, text, len);
    const struct nolint_problem *pr;
    size_t np = nolint_problems(ff.nolint, &pr);
    for (size_t i = 0; i < np; i++) {
      struct diag_loc dl = {file, pr[i].line, pr[i].col, 0};
      diag_add(f->out, "vtasklint-nolint", SEV_ERROR, &dl, "%s", pr[i].message);
    }
  }
  vec_push(f->arena, &f->files, ff);
}

static bool shows(const struct report_filter *f, const struct filter_file *ff, const char *file) {
  if (!f->have_header_re || (ff && ff->is_main))
    return true;
  if (regexec(&f->header_re, file, 0, NULL, 0) == 0)
    return true;
  char *abs = path_absolute(file, NULL);
  bool yes = regexec(&f->header_re, abs, 0, NULL, 0) == 0;
  size_t bl = f->base ? strlen(f->base) : 0;
  if (!yes && bl && strncmp(abs, f->base, bl) == 0 && (abs[bl] == '/' || f->base[bl - 1] == '/'))
    yes = regexec(&f->header_re, abs + bl + (abs[bl] == '/'), 0, NULL, 0) == 0;
  free(abs);
  return yes;
}

bool filter_shows_file(const struct report_filter *f, const char *file) {
  return shows(f, find_file(f, file), file);
}

bool filter_keep(struct report_filter *f, const char *file, unsigned line, const char *rule,
                 enum diag_severity *sev) {
  const struct filter_file *ff = find_file(f, file);
  if (ff && ff->nolint && nolint_suppresses(ff->nolint, line, rule))
    return false;
  if (!shows(f, ff, file))
    return false;
  *sev = f->warnings_as_errors && globlist_match(f->warnings_as_errors, rule) == 1 ? SEV_ERROR : SEV_WARNING;
  return true;
}
