/* emit_text.c: the compiler format (clang's TextDiagnostic): location, severity, message and
 * [rule] on one line, then the source line with a right-aligned line number and a caret line
 * with ~ under the highlighted range. Tabs are expanded to 8 columns, as clang does. */
#include "analyzer/report/emit.h"
#include "analyzer/report/source.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/support/strbuf.h"

const char *emit_severity_name(enum diag_severity s) {
  switch (s) {
  case SEV_NOTE:
    return "note";
  case SEV_WARNING:
    return "warning";
  case SEV_ERROR:
    return "error";
  }
  return "warning";
}

void emit_format_line(char *buf, size_t size, const struct diag *d) {
  if (d->loc.file)
    snprintf(buf, size, "%s:%u:%u: %s: %s [%s]", d->loc.file, d->loc.line, d->loc.col,
             emit_severity_name(d->sev), d->message, d->rule);
  else
    snprintf(buf, size, "%s: %s [%s]", emit_severity_name(d->sev), d->message, d->rule);
}

static unsigned utf8_code(const unsigned char *p, size_t n) {
  if (n == 1)
    return p[0];
  unsigned cp = p[0] & (0x7f >> n);
  for (size_t k = 1; k < n; k++)
    cp = (cp << 6) | (p[k] & 0x3f);
  return cp;
}

void emit_put_safe(FILE *out, const char *s) {
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    size_t n = source_utf8_len((const unsigned char *)s + i, len - i);
    unsigned cp = n ? utf8_code((const unsigned char *)s + i, n) : 0;
    if (!n)
      fprintf(out, "<%02X>", (unsigned char)s[i]), n = 1;
    else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
      fprintf(out, "<U+%04X>", cp);
    else
      fwrite(s + i, 1, n, out);
    i += n;
  }
}

static void emit_snippet(FILE *out, struct source_reader *sc, const struct diag_loc *loc, const char *given,
                         const struct emit_opts *o) {
  size_t len = given ? strlen(given) : 0;
  const char *src = given ? given : source_line(sc, loc->file, loc->line, &len);
  if (!src)
    return;
  struct strbuf text = STRBUF_INIT, caret = STRBUF_INIT;
  unsigned col = 1; /* byte column in the source */
  unsigned vis = 0; /* display column after tab expansion */
  unsigned caret_vis = 0, end_vis = 0;
  bool have_caret = false, have_end = false;
  for (size_t i = 0; i <= len; i++, col++) {
    if (col == loc->col)
      caret_vis = vis, have_caret = true;
    if (loc->end_col && col == loc->end_col)
      end_vis = vis, have_end = true;
    if (i == len)
      break;
    if (src[i] == '\t') {
      do
        sb_addc(&text, ' '), vis++;
      while (vis % 8);
      continue;
    }
    /* A source file must not be able to drive the user's terminal: control characters are
     * shown as clang shows them (<U+001B>), bytes that are not UTF-8 as <FF>. */
    size_t n = source_utf8_len((const unsigned char *)src + i, len - i);
    unsigned cp = n ? utf8_code((const unsigned char *)src + i, n) : 0;
    if (!n) {
      sb_addf(&text, "<%02X>", (unsigned char)src[i]);
      vis += 4;
    } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029) {
      sb_addf(&text, "<U+%04X>", cp);
      vis += 8;
    } else {
      sb_add(&text, src + i, n);
      vis++;
    }
    /* the other bytes of a character share its column */
    for (size_t k = 1; k < n; k++) {
      i++, col++;
      if (col == loc->col)
        caret_vis = vis - 1, have_caret = true;
      if (loc->end_col && col == loc->end_col)
        end_vis = vis - 1, have_end = true;
    }
  }
  if (!have_caret)
    caret_vis = vis;
  if (!have_end || end_vis <= caret_vis)
    end_vis = caret_vis + 1;
  /* A very long line (generated code) is shown as a window around the caret. */
  enum { WINDOW = 160 };
  unsigned skip = 0;
  if (text.len > WINDOW && caret_vis > WINDOW / 2)
    skip = caret_vis - WINDOW / 2;
  if (skip > text.len)
    skip = (unsigned)text.len;
  if (text.len - skip > WINDOW) {
    text.len = skip + WINDOW;
    text.buf[text.len] = 0;
  }
  if (end_vis > skip + WINDOW)
    end_vis = skip + WINDOW;
  caret_vis -= skip;
  end_vis -= skip;
  for (unsigned i = 0; i < caret_vis; i++)
    sb_addc(&caret, ' ');
  sb_addc(&caret, '^');
  for (unsigned i = caret_vis + 1; i < end_vis; i++)
    sb_addc(&caret, '~');
  fprintf(out, " %4u | %s\n", loc->line, sb_cstr(&text) + skip);
  fprintf(out, "      | %s%s%s\n", o->color ? "\033[0;1;32m" : "", sb_cstr(&caret), o->color ? "\033[0m" : "");
  sb_release(&text);
  sb_release(&caret);
}

static void emit_head(FILE *out, const struct diag_loc *loc, enum diag_severity sev, const char *msg,
                      const char *rule, const struct emit_opts *o) {
  static const char *sev_color[] = {"\033[0;1;30m", "\033[0;1;35m", "\033[0;1;31m"};
  if (o->color)
    fputs("\033[1m", out);
  if (loc->file)
  {
    emit_put_safe(out, loc->file);
    fprintf(out, ":%u:%u: ", loc->line, loc->col);
  }
  if (o->color)
    fputs(sev_color[sev], out);
  fprintf(out, "%s: ", emit_severity_name(sev));
  if (o->color)
    fputs("\033[0m\033[1m", out);
  emit_put_safe(out, msg);
  if (rule)
    fprintf(out, " [%s]", rule);
  if (o->color)
    fputs("\033[0m", out);
  fputc('\n', out);
}

void emit_text(FILE *out, const struct diag_list *l, const struct emit_opts *o) {
  struct source_reader sc;
  source_reader_init(&sc, NULL, NULL, 0);
  for (size_t i = 0; i < l->items.n; i++) {
    const struct diag *d = &l->items.v[i];
    emit_head(out, &d->loc, d->sev, d->message, d->rule, o);
    if (o->snippet && d->loc.file && d->loc.line)
      emit_snippet(out, &sc, &d->loc, d->source, o);
    for (unsigned k = 0; k < d->nnotes; k++)
      emit_head(out, &d->notes[k].loc, SEV_NOTE, d->notes[k].message, NULL, o);
  }
  source_reader_release(&sc);
}
