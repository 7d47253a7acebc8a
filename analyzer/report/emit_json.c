/* emit_json.c: the machine-readable format for scripts, documented in docs/json-format.md: one
 * JSON document {"format_version", "tool", "version", "diagnostics": [{rule, severity, message,
 * file, line, column, end_line, end_column, notes: [{message, file, line, column}]}],
 * "failures": [{file, message}]}, built with jansson. A diagnostic or note without a location
 * (loc.file NULL) has no location fields at all; a failure not about one file has no "file".
 * EMIT_JSON_FORMAT_VERSION changes only when a key is removed or changes its meaning. */
#include "analyzer/report/emit.h"
#include "analyzer/report/json_str.h"

#include <string.h>

#include <jansson.h>

#include "analyzer/support/strbuf.h"


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
  json_object_set_new(root, "format_version", json_integer(EMIT_JSON_FORMAT_VERSION));
  json_object_set_new(root, "tool", json_string("vtasklint"));
  json_object_set_new(root, "version", m && m->tool_version ? jstr(m->tool_version) : json_null());
  json_t *diags = json_array();
  for (size_t i = 0; i < l->items.n; i++)
    json_array_append_new(diags, diag_json(&l->items.v[i]));
  json_object_set_new(root, "diagnostics", diags);
  json_t *failures = json_array();
  for (size_t i = 0; i < l->failures.n; i++) {
    const struct diag_failure *f = &l->failures.v[i];
    json_t *o = json_object();
    if (f->file)
      json_object_set_new(o, "file", jstr(f->file));
    json_object_set_new(o, "message", jstr(f->message));
    json_array_append_new(failures, o);
  }
  json_object_set_new(root, "failures", failures);
  json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', out);
  json_decref(root);
}
