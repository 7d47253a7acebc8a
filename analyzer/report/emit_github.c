/* emit_github.c: GitHub Actions workflow commands, which the runner turns into annotations on
 * the pull request: one line per diagnostic,
 *   ::warning file=F,line=L,col=C,endColumn=E,title=RULE::MESSAGE
 * (::error / ::notice by severity), notes appended to the message after an escaped newline.
 * Escaping follows the runner's rules: in the message `%`, CR and LF become %25, %0D, %0A; in
 * property values `:` and `,` also become %3A and %2C. */
#include "analyzer/report/emit.h"

#include "analyzer/support/strbuf.h"

/* add_escaped: s escaped as command data, or as a property value when property is set. */
static void add_escaped(struct strbuf *sb, const char *s, bool property) {
  for (const char *p = s ? s : ""; *p; p++) {
    switch (*p) {
    case '%':
      sb_adds(sb, "%25");
      break;
    case '\r':
      sb_adds(sb, "%0D");
      break;
    case '\n':
      sb_adds(sb, "%0A");
      break;
    case ':':
      sb_adds(sb, property ? "%3A" : ":");
      break;
    case ',':
      sb_adds(sb, property ? "%2C" : ",");
      break;
    default:
      sb_addc(sb, *p);
    }
  }
}

static const char *command_name(enum diag_severity s) {
  switch (s) {
  case SEV_NOTE:
    return "notice";
  case SEV_WARNING:
    return "warning";
  case SEV_ERROR:
    return "error";
  }
  return "warning";
}

void emit_github(FILE *out, const struct diag_list *l) {
  struct strbuf sb = STRBUF_INIT;
  for (size_t i = 0; i < l->items.n; i++) {
    const struct diag *d = &l->items.v[i];
    sb_reset(&sb);
    sb_addf(&sb, "::%s ", command_name(d->sev));
    if (d->loc.file) {
      sb_adds(&sb, "file=");
      add_escaped(&sb, d->loc.file, true);
      sb_addc(&sb, ',');
      if (d->loc.line) {
        sb_addf(&sb, "line=%u,", d->loc.line);
        if (d->loc.col) {
          unsigned end_col = d->loc.end_col > d->loc.col ? d->loc.end_col : d->loc.col + 1;
          sb_addf(&sb, "col=%u,endColumn=%u,", d->loc.col, end_col);
        }
      }
    }
    sb_adds(&sb, "title=");
    add_escaped(&sb, d->rule, true);
    sb_adds(&sb, "::");
    add_escaped(&sb, d->message, false);
    for (unsigned k = 0; k < d->nnotes; k++) {
      const struct diag_note *n = &d->notes[k];
      sb_adds(&sb, "%0A");
      if (n->loc.file) {
        add_escaped(&sb, n->loc.file, false);
        sb_addf(&sb, ":%u:%u: ", n->loc.line, n->loc.col);
      }
      sb_adds(&sb, "note: ");
      add_escaped(&sb, n->message, false);
    }
    sb_addc(&sb, '\n');
    fwrite(sb_cstr(&sb), 1, sb.len, out);
  }
  sb_release(&sb);
}
