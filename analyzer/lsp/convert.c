/* convert.c: see convert.h. */
#include "analyzer/lsp/convert.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/report/docs.h"
#include "analyzer/support/strbuf.h"

static unsigned uint_of(const json_t *o, const char *key) {
  json_int_t v = json_integer_value(json_object_get(o, key));
  return v > 0 && v < 0x7fffffff ? (unsigned)v : 0;
}

json_t *conv_position(const char *text, size_t len, unsigned line, unsigned col, enum pos_encoding enc) {
  unsigned l = line ? line - 1 : 0;
  return json_pack("{s:I,s:I}", "line", (json_int_t)l, "character",
                   (json_int_t)pos_from_line_col(text, len, line ? line : 1, col ? col : 1, enc));
}

/* next_col: the byte column after the character at col (the caret of a finding without a
 * range covers one character). */
static unsigned next_col(const char *text, size_t len, unsigned line, unsigned col) {
  size_t start = pos_line_start(text, len, line - 1, NULL);
  size_t end = pos_line_end(text, len, start);
  size_t at = start + col - 1;
  if (at >= end)
    return col;
  size_t k = 1;
  while (at + k < end && ((unsigned char)text[at + k] & 0xC0) == 0x80)
    k++;
  return col + (unsigned)k;
}

json_t *conv_range(const char *text, size_t len, unsigned line, unsigned col, unsigned end_col,
                   enum pos_encoding enc) {
  if (!line)
    line = 1;
  if (!col)
    col = 1;
  if (end_col <= col)
    end_col = next_col(text, len, line, col);
  return json_pack("{s:o,s:o}", "start", conv_position(text, len, line, col, enc), "end",
                   conv_position(text, len, line, end_col, enc));
}

static bool has_page(const char *rule) {
  for (size_t i = 0; i < rule_docs_count; i++)
    if (strcmp(rule_docs[i].id, rule) == 0)
      return true;
  return false;
}

/* note_location: {uri, range} of a note; the text is the open document's or the file's. */
static json_t *note_location(const json_t *n, const struct doc_store *docs, enum pos_encoding enc) {
  const char *file = json_string_value(json_object_get(n, "file"));
  if (!file || file[0] != '/')
    return NULL;
  char *uri = uri_from_path(file);
  const struct doc *open = NULL;
  for (size_t i = 0; i < docs->n && !open; i++)
    if (docs->v[i]->path && strcmp(docs->v[i]->path, file) == 0)
      open = docs->v[i];
  struct strbuf disk = STRBUF_INIT;
  const char *text = "";
  size_t len = 0;
  if (open) {
    text = sb_cstr(&open->text);
    len = open->text.len;
  } else if (sb_read_file(&disk, file) == 0) {
    text = sb_cstr(&disk);
    len = disk.len;
  }
  json_t *loc = json_pack("{s:s,s:o}", "uri", uri, "range",
                          conv_range(text, len, uint_of(n, "line"), uint_of(n, "col"), uint_of(n, "end_col"), enc));
  sb_release(&disk);
  free(uri);
  return loc;
}

json_t *conv_diagnostic(const json_t *wd, const struct doc *d, const struct doc_store *docs, enum pos_encoding enc,
                        bool related) {
  const char *text = sb_cstr(&d->text);
  size_t len = d->text.len;
  const char *rule = json_string_value(json_object_get(wd, "rule"));
  int sev = (int)json_integer_value(json_object_get(wd, "sev"));
  /* LSP: 1 Error, 2 Warning, 3 Information, 4 Hint; ours: 0 note, 1 warning, 2 error */
  int lsp_sev = sev == 2 ? 1 : sev == 1 ? 2 : 3;
  json_t *msg_j = json_object_get(wd, "message");
  struct strbuf msg = STRBUF_INIT;
  sb_adds(&msg, json_string_value(msg_j) ? json_string_value(msg_j) : "");
  json_t *out = json_object();
  json_object_set_new(out, "range",
                      conv_range(text, len, uint_of(wd, "line"), uint_of(wd, "col"), uint_of(wd, "end_col"), enc));
  json_object_set_new(out, "severity", json_integer(lsp_sev));
  json_object_set_new(out, "source", json_string("vtasklint"));
  if (rule) {
    json_object_set_new(out, "code", json_string(rule));
    if (has_page(rule)) {
      struct strbuf href = STRBUF_INIT;
      sb_addf(&href, "%s%s.md", VTL_RULE_PAGE_BASE, rule);
      json_object_set_new(out, "codeDescription", json_pack("{s:s}", "href", sb_cstr(&href)));
      sb_release(&href);
    }
  }
  json_t *notes = json_object_get(wd, "notes");
  json_t *rel = json_array();
  size_t i;
  json_t *n;
  json_array_foreach(notes, i, n) {
    const char *nm = json_string_value(json_object_get(n, "message"));
    json_t *loc = related ? note_location(n, docs, enc) : NULL;
    if (loc)
      json_array_append_new(rel, json_pack("{s:o,s:s}", "location", loc, "message", nm ? nm : ""));
    else
      sb_addf(&msg, "\nnote: %s (line %u)", nm ? nm : "", uint_of(n, "line"));
  }
  if (json_array_size(rel))
    json_object_set_new(out, "relatedInformation", rel);
  else
    json_decref(rel);
  json_object_set_new(out, "message", json_text(sb_cstr(&msg)));
  sb_release(&msg);
  return out;
}

json_t *conv_message_diagnostic(const char *text, size_t len, unsigned line, unsigned col, enum pos_encoding enc, int severity,
                                const char *message) {
  json_t *out = json_object();
  json_object_set_new(out, "range", conv_range(text, len, line, col, 0, enc));
  json_object_set_new(out, "severity", json_integer(severity));
  json_object_set_new(out, "source", json_string("vtasklint"));
  json_object_set_new(out, "message", json_text(message));
  return out;
}
