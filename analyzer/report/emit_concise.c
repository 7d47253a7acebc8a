/* emit_concise.c: --format=concise, one line per diagnostic for editors and grep:
 *   src/conn.c:36:33: warning: 'hdr' is awaited twice; ... [vtask-double-await] (note: src/conn.c:33:31: first consumed here)
 * Vim's default 'errorformat' reads it with its `%f:%l:%c:%m` entry and Emacs' compilation-mode
 * with its `gnu` regexp (warning / error by the word after the column); the notes are folded
 * into the line, so a quickfix list or `next-error` has exactly one entry per finding, and no
 * snippet line is taken for a message. Control characters are escaped, so nothing breaks the
 * line. */
#include "analyzer/report/emit.h"

static void put_loc(FILE *out, const struct diag_loc *loc) {
  emit_put_safe(out, loc->file);
  fprintf(out, ":%u:%u: ", loc->line, loc->col);
}

void emit_concise(FILE *out, const struct diag_list *l, const struct emit_opts *o) {
  (void)o;
  for (size_t i = 0; i < l->items.n; i++) {
    const struct diag *d = &l->items.v[i];
    if (d->loc.file)
      put_loc(out, &d->loc);
    fprintf(out, "%s: ", emit_severity_name(d->sev));
    emit_put_safe(out, d->message);
    fprintf(out, " [%s]", d->rule);
    for (unsigned k = 0; k < d->nnotes; k++) {
      const struct diag_note *n = &d->notes[k];
      fputs(" (note: ", out);
      if (n->loc.file)
        put_loc(out, &n->loc);
      emit_put_safe(out, n->message);
      fputc(')', out);
    }
    fputc('\n', out);
  }
}
