/* emit_json.c: the machine-readable format for scripts: one JSON document
 * {"version", "diagnostics": [{rule, severity, message, file, line, column, end_line, end_column,
 * notes: [{message, file, line, column}]}]}, built with jansson. A diagnostic or note without a
 * location (loc.file NULL) has no location fields at all. */
#include "analyzer/report/emit.h"

#include <string.h>

#include <jansson.h>

#include "analyzer/support/strbuf.h"

/* utf8_seq: the length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned cp;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, cp = c & 0x07;
  else
    return 0;
  if (len > n)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

/* jstr: a JSON string for s ("" for NULL). jansson refuses invalid UTF-8 (a Latin-1 path, a
 * message quoting such source), so invalid bytes become U+FFFD rather than losing the field. */
static json_t *jstr(const char *s) {
  if (!s)
    s = "";
  json_t *j = json_string(s);
  if (j)
    return j;
  struct strbuf sb = STRBUF_INIT;
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s);
  while (n) {
    size_t k = utf8_seq(p, n);
    if (k)
      sb_add(&sb, (const char *)p, k);
    else
      sb_adds(&sb, "\xEF\xBF\xBD"), k = 1;
    p += k, n -= k;
  }
  j = json_string(sb_cstr(&sb));
  sb_release(&sb);
  return j;
}

static json_t *note_json(const struct diag_note *n) {
  json_t *o = json_object();
  json_object_set_new(o, "message", jstr(n->message));
  if (n->loc.file) {
    json_object_set_new(o, "file", jstr(n->loc.file));
    json_object_set_new(o, "line", json_integer(n->loc.line));
    json_object_set_new(o, "column", json_integer(n->loc.col));
  }
  return o;
}

static json_t *diag_json(const struct diag *d) {
  json_t *o = json_object();
  json_object_set_new(o, "rule", jstr(d->rule));
  json_object_set_new(o, "severity", json_string(emit_severity_name(d->sev)));
  json_object_set_new(o, "message", jstr(d->message));
  if (d->loc.file) {
    unsigned end_col = d->loc.end_col > d->loc.col ? d->loc.end_col : d->loc.col + 1;
    json_object_set_new(o, "file", jstr(d->loc.file));
    json_object_set_new(o, "line", json_integer(d->loc.line));
    json_object_set_new(o, "column", json_integer(d->loc.col));
    json_object_set_new(o, "end_line", json_integer(d->loc.line));
    json_object_set_new(o, "end_column", json_integer(end_col));
  }
  json_t *notes = json_array();
  for (unsigned k = 0; k < d->nnotes; k++)
    json_array_append_new(notes, note_json(&d->notes[k]));
  json_object_set_new(o, "notes", notes);
  return o;
}

void emit_json(FILE *out, const struct diag_list *l, const struct emit_meta *m) {
  json_t *root = json_object();
  json_object_set_new(root, "version", m && m->tool_version ? jstr(m->tool_version) : json_null());
  json_t *diags = json_array();
  for (size_t i = 0; i < l->items.n; i++)
    json_array_append_new(diags, diag_json(&l->items.v[i]));
  json_object_set_new(root, "diagnostics", diags);
  json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', out);
  json_decref(root);
}
