/* actions.c: see actions.h. Edits are insertions at the start of a line (or at the end of the
 * text), so they are the same in every position encoding; comments are `//` lines, valid C
 * since C99 and what clang-tidy's NOLINT users write. */
#include "analyzer/lsp/actions.h"

#include <string.h>

#include "analyzer/lsp/convert.h"
#include "analyzer/support/strbuf.h"

static unsigned uint_of(const json_t *o, const char *key) {
  json_int_t v = json_integer_value(json_object_get(o, key));
  return v > 0 && v < 0x7fffffff ? (unsigned)v : 0;
}

/* line_info: the indentation and line ending of 1-based line. */
static void line_info(const struct doc *d, unsigned line, struct strbuf *indent, const char **eol) {
  const char *t = sb_cstr(&d->text);
  size_t len = d->text.len;
  size_t s = pos_line_start(t, len, line - 1, NULL);
  size_t e = pos_line_end(t, len, s);
  size_t i = s;
  while (i < e && (t[i] == ' ' || t[i] == '\t'))
    i++;
  sb_add(indent, t + s, i - s);
  *eol = e + 1 < len && t[e] == '\r' && t[e + 1] == '\n' ? "\r\n" : e < len && t[e] == '\r' ? "\r" : "\n";
}

static json_t *insert(json_t *pos, const char *text) {
  json_t *e = json_pack("{s:{s:O,s:O},s:s}", "range", "start", pos, "end", pos, "newText", text);
  json_decref(pos);
  return e;
}

static json_t *line_pos(unsigned line0) {
  return json_pack("{s:I,s:I}", "line", (json_int_t)line0, "character", (json_int_t)0);
}

static json_t *action(const char *title, const struct doc *d, json_t *edits, const json_t *diag, bool preferred) {
  json_t *changes = json_object();
  json_object_set_new(changes, d->uri, edits);
  json_t *a = json_pack("{s:s,s:s,s:[O],s:{s:o}}", "title", title, "kind", "quickfix", "diagnostics", diag, "edit",
                        "changes", changes);
  if (preferred)
    json_object_set_new(a, "isPreferred", json_true());
  return a;
}

/* after_line: where text goes to follow 1-based line: the next line's start, or the text's end
 * (then with a line break first: *lead). */
static json_t *after_line(const struct doc *d, unsigned line, bool *lead, enum pos_encoding enc) {
  const char *t = sb_cstr(&d->text);
  size_t len = d->text.len;
  bool exists;
  pos_line_start(t, len, line, &exists);
  *lead = !exists;
  if (exists)
    return line_pos(line);
  size_t s = pos_line_start(t, len, line - 1, NULL);
  size_t e = pos_line_end(t, len, s);
  return conv_position(t, len, line, (unsigned)(e - s) + 1, enc);
}

static void suppressions(json_t *out, const struct doc *d, const json_t *w, const json_t *diag, const char *rule,
                         enum pos_encoding enc) {
  unsigned line = uint_of(w, "line");
  if (!line)
    return;
  struct strbuf indent = STRBUF_INIT, text = STRBUF_INIT, title = STRBUF_INIT;
  const char *eol;
  line_info(d, line, &indent, &eol);
  sb_addf(&text, "%s// NOLINTNEXTLINE(%s)%s", sb_cstr(&indent), rule, eol);
  sb_addf(&title, "Suppress %s on this line (NOLINTNEXTLINE)", rule);
  json_t *edits = json_array();
  json_array_append_new(edits, insert(line_pos(line - 1), sb_cstr(&text)));
  json_array_append_new(out, action(sb_cstr(&title), d, edits, diag, false));

  const json_t *fn = json_object_get(w, "fn");
  json_int_t first = json_integer_value(json_array_get(fn, 0)), last = json_integer_value(json_array_get(fn, 1));
  if (first > 0 && last >= first && last < 0x7fffffff) {
    struct strbuf ind2 = STRBUF_INIT, begin = STRBUF_INIT, end = STRBUF_INIT;
    line_info(d, (unsigned)first, &ind2, &eol);
    sb_addf(&begin, "%s// NOLINTBEGIN(%s)%s", sb_cstr(&ind2), rule, eol);
    bool lead;
    json_t *at = after_line(d, (unsigned)last, &lead, enc);
    sb_addf(&end, "%s%s// NOLINTEND(%s)%s", lead ? eol : "", sb_cstr(&ind2), rule, lead ? "" : eol);
    edits = json_array();
    json_array_append_new(edits, insert(line_pos((unsigned)first - 1), sb_cstr(&begin)));
    json_array_append_new(edits, insert(at, sb_cstr(&end)));
    sb_reset(&title);
    sb_addf(&title, "Suppress %s in this function (NOLINTBEGIN/NOLINTEND)", rule);
    json_array_append_new(out, action(sb_cstr(&title), d, edits, diag, false));
    sb_release(&ind2);
    sb_release(&begin);
    sb_release(&end);
  }
  sb_release(&indent);
  sb_release(&text);
  sb_release(&title);
}

static void fixits(json_t *out, const struct doc *d, const json_t *w, const json_t *diag, enum pos_encoding enc) {
  const json_t *fx = json_object_get(w, "fixits");
  if (!json_array_size(fx))
    return;
  const char *t = sb_cstr(&d->text);
  size_t len = d->text.len;
  json_t *edits = json_array();
  struct strbuf title = STRBUF_INIT;
  size_t i;
  json_t *f;
  json_array_foreach(fx, i, f) {
    const char *nt = json_string_value(json_object_get(f, "text"));
    unsigned l1 = uint_of(f, "line"), c1 = uint_of(f, "col"), l2 = uint_of(f, "end_line"), c2 = uint_of(f, "end_col");
    if (!nt || !l1 || !c1 || !l2 || !c2)
      continue;
    json_array_append_new(edits, json_pack("{s:{s:o,s:o},s:s}", "range", "start", conv_position(t, len, l1, c1, enc),
                                           "end", conv_position(t, len, l2, c2, enc), "newText", nt));
    if (i == 0) {
      if (l1 == l2 && c1 == c2)
        sb_addf(&title, "Insert '%s' (clang's fix-it)", nt);
      else if (!*nt)
        sb_adds(&title, "Remove the text clang points at (clang's fix-it)");
      else
        sb_addf(&title, "Replace with '%s' (clang's fix-it)", nt);
    }
  }
  if (json_array_size(edits))
    json_array_append_new(out, action(sb_cstr(&title), d, edits, diag, true));
  else
    json_decref(edits);
  sb_release(&title);
}

json_t *actions_for(const struct doc *d, const json_t *wd, const json_t *lsp, unsigned first, unsigned last,
                    enum pos_encoding enc) {
  json_t *out = json_array();
  size_t i;
  json_t *w;
  json_array_foreach(wd, i, w) {
    unsigned line = uint_of(w, "line");
    const char *rule = json_string_value(json_object_get(w, "rule"));
    const json_t *diag = json_array_get(lsp, i);
    if (!line || !rule || !diag || line - 1 < first || line - 1 > last)
      continue;
    fixits(out, d, w, diag, enc);
    /* NOLINT applies to the rules' findings only: not to clang's errors, a skipped body's
     * note or a broken NOLINT comment */
    if (strncmp(rule, "clang-", 6) != 0 && strcmp(rule, "vtask-analysis") != 0 && strcmp(rule, "vtasklint-nolint") != 0)
      suppressions(out, d, w, diag, rule, enc);
  }
  return out;
}
