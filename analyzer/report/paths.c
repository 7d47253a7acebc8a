/* paths.c: see paths.h. */
#include "analyzer/report/paths.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/support/path.h"

/* rename_one: the name file is shown with. Names repeat (every finding of a file), so the last
 * answer is remembered. */
struct renamer {
  const struct path_policy *p;
  struct arena *arena;
  const char *last_in, *last_out;
};

static const char *rename_one(struct renamer *r, const char *file) {
  if (!file)
    return NULL;
  if (r->last_in && strcmp(r->last_in, file) == 0)
    return r->last_out;
  const char *out = file;
  if (r->p->buffer_shown && r->p->buffer_given && strcmp(file, r->p->buffer_shown) == 0) {
    out = arena_strdup(r->arena, r->p->buffer_given);
  } else if (r->p->absolute && file[0] != '/') {
    char *abs = path_absolute(file, r->p->cwd);
    out = arena_strdup(r->arena, abs);
    free(abs);
  }
  r->last_in = file;
  r->last_out = out;
  return out;
}

void report_paths_apply(struct diag_list *l, const struct path_policy *p) {
  if (!p->absolute && !(p->buffer_shown && p->buffer_given))
    return;
  struct renamer r = {p, &l->arena, NULL, NULL};
  for (size_t i = 0; i < l->items.n; i++) {
    struct diag *d = &l->items.v[i];
    d->loc.file = rename_one(&r, d->loc.file);
    for (unsigned k = 0; k < d->nnotes; k++)
      d->notes[k].loc.file = rename_one(&r, d->notes[k].loc.file);
  }
  for (size_t i = 0; i < l->failures.n; i++)
    l->failures.v[i].file = rename_one(&r, l->failures.v[i].file);
}
