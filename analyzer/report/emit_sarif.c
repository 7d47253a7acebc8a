/* emit_sarif.c: SARIF 2.1.0 (OASIS), as GitHub code scanning ingests it: one run whose
 * tool.driver lists every rule and every id that is not a rule (diag_tool_ids), each with a
 * helpUri; one result per diagnostic with its primary location, the notes as relatedLocations,
 * and a partialFingerprints hash so alerts are tracked across runs; the failures as
 * toolExecutionNotifications of the run's invocation (executionSuccessful false).
 * Paths below the root (emit_meta.root: the repository's top level) are URIs relative to
 * SRCROOT, which originalUriBaseIds defines; others are absolute file:// URIs. Columns are
 * UTF-16 code units (columnKind utf16CodeUnits, what GitHub counts), computed from the line's
 * text; when the line cannot be read (the file is gone), the byte column is written. */
#include "analyzer/report/emit.h"
#include "analyzer/report/json_str.h"
#include "analyzer/report/occurrence.h"
#include "analyzer/report/source.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analyzer/support/strbuf.h"


/* text_obj: a SARIF message / multiformatMessageString {"text": s}. */
static json_t *text_obj(const char *s) {
  json_t *o = json_object();
  json_object_set_new(o, "text", jstr(s));
  return o;
}

/* add_uri_path: s percent-encoded for a URI path: unreserved characters and '/' stay, every
 * other byte (space, '%', ':', '#', '?', non-ASCII UTF-8 bytes...) becomes %XX. */
static void add_uri_path(struct strbuf *sb, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned char c = *p;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      sb_addc(sb, (char)c);
    } else {
      sb_addc(sb, '%');
      sb_addc(sb, hex[c >> 4]);
      sb_addc(sb, hex[c & 15]);
    }
  }
}

/* file_uri: an absolute path as a file:// URI. */
static void add_file_uri(struct strbuf *sb, const char *abs) {
  sb_adds(sb, "file://");
  add_uri_path(sb, abs);
}

/* artifact_location: {"uri", "uriBaseId"} for a file name as diagnostics carry it. */
static json_t *artifact_location(const struct emit_meta *m, const char *path) {
  json_t *o = json_object();
  struct strbuf sb = STRBUF_INIT;
  char *p;
  bool relative = emit_project_path(m, path, &p);
  if (relative)
    add_uri_path(&sb, p);
  else
    add_file_uri(&sb, p);
  json_object_set_new(o, "uri", jstr(sb_cstr(&sb)));
  if (relative)
    json_object_set_new(o, "uriBaseId", json_string("SRCROOT"));
  free(p);
  sb_release(&sb);
  return o;
}

/* physical_location: {"artifactLocation", "region"} for loc (loc->file non-NULL). Lines and
 * columns are 1-based in SARIF; 0 means unknown, so that part of the region is left out. line
 * is the text of loc's line, or NULL (the byte columns are then written as they are). */
static json_t *physical_location(const struct emit_meta *m, const struct diag_loc *loc, const char *line,
                                 size_t line_len) {
  json_t *o = json_object();
  json_object_set_new(o, "artifactLocation", artifact_location(m, loc->file));
  if (loc->line) {
    json_t *r = json_object();
    json_object_set_new(r, "startLine", json_integer(loc->line));
    if (loc->col) {
      unsigned end_col = loc->end_col > loc->col ? loc->end_col : loc->col + 1;
      unsigned c16 = line ? source_utf16_col(line, line_len, loc->col) : loc->col;
      unsigned e16 = line ? source_utf16_col(line, line_len, end_col) : end_col;
      if (e16 <= c16)
        e16 = c16 + 1; /* the range was inside one character */
      json_object_set_new(r, "startColumn", json_integer(c16));
      json_object_set_new(r, "endLine", json_integer(loc->line));
      json_object_set_new(r, "endColumn", json_integer(e16));
    }
    json_object_set_new(o, "region", r);
  }
  return o;
}

static const char *sarif_level(enum diag_severity s) {
  /* SARIF's levels are "none", "note", "warning", "error": the same words as ours. */
  return emit_severity_name(s);
}

/* fnv1a: FNV-1a 64 over s and its terminating NUL (so ("ab", "c") and ("a", "bc") differ),
 * continuing from h. */
static uint64_t fnv1a(uint64_t h, const char *s) {
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  do {
    h ^= *p;
    h *= UINT64_C(0x100000001b3);
  } while (*p++);
  return h;
}

/* line_hash: a stable hash of rule, file (as the repository names it, so the directory
 * vtasklint ran in does not matter) and message: not the line, so an alert survives edits above
 * it. */
static uint64_t line_hash(const struct emit_meta *m, const struct diag *d) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  h = fnv1a(h, d->rule);
  char *p = NULL;
  if (d->loc.file)
    emit_project_path(m, d->loc.file, &p);
  h = fnv1a(h, p);
  free(p);
  h = fnv1a(h, d->message);
  return h;
}


#define INFORMATION_URI "https://github.com/vtasklint/vtasklint"

/* rule_json: one reportingDescriptor. help_page: the page under docs/ that documents the id
 * (a rule's own page, or a section of docs/formats.md for the ids that are not rules). */
static json_t *rule_json(const char *id, const char *summary, const char *markdown, const char *help_page,
                         enum diag_severity level) {
  summary = summary ? summary : id;
  json_t *o = json_object();
  json_object_set_new(o, "id", jstr(id));
  json_object_set_new(o, "name", jstr(id));
  json_object_set_new(o, "shortDescription", text_obj(summary));
  json_object_set_new(o, "fullDescription", text_obj(summary));
  json_t *help = text_obj(markdown ? markdown : summary);
  if (markdown)
    json_object_set_new(help, "markdown", jstr(markdown));
  json_object_set_new(o, "help", help);
  struct strbuf uri = STRBUF_INIT;
  sb_addf(&uri, "%s/blob/main/docs/%s", INFORMATION_URI, help_page);
  json_object_set_new(o, "helpUri", jstr(sb_cstr(&uri)));
  sb_release(&uri);
  json_t *conf = json_object();
  json_object_set_new(conf, "level", json_string(sarif_level(level)));
  json_object_set_new(o, "defaultConfiguration", conf);
  json_t *props = json_object();
  json_t *tags = json_array();
  json_array_append_new(tags, json_string("correctness"));
  json_object_set_new(props, "tags", tags);
  json_object_set_new(props, "precision", json_string("high"));
  json_object_set_new(o, "properties", props);
  return o;
}

static json_t *driver_json(const struct emit_meta *m) {
  json_t *o = json_object();
  json_object_set_new(o, "name", json_string("vtasklint"));
  if (m && m->tool_version) {
    json_object_set_new(o, "version", jstr(m->tool_version));
    json_object_set_new(o, "semanticVersion", jstr(m->tool_version));
  }
  json_object_set_new(o, "informationUri", json_string(INFORMATION_URI));
  json_t *rules = json_array();
  struct strbuf page = STRBUF_INIT;
  for (unsigned i = 0; m && i < m->nrules; i++) {
    const struct emit_rule_info *r = &m->rules[i];
    sb_reset(&page);
    sb_addf(&page, "rules/%s.md", r->id);
    json_array_append_new(rules, rule_json(r->id, r->summary, r->markdown, sb_cstr(&page), SEV_WARNING));
  }
  for (unsigned i = 0; i < diag_tool_ids_count; i++) {
    const struct diag_tool_id *t = &diag_tool_ids[i];
    sb_reset(&page);
    sb_addf(&page, "formats.md#%s", t->id);
    json_array_append_new(rules, rule_json(t->id, t->summary, NULL, sb_cstr(&page), t->level));
  }
  sb_release(&page);
  json_object_set_new(o, "rules", rules);
  return o;
}

/* rule_index: the position of id in the driver's rules (m's rules, then diag_tool_ids), -1 if
 * it is neither. */
static long rule_index(const struct emit_meta *m, const char *id) {
  unsigned n = m ? m->nrules : 0;
  for (unsigned i = 0; i < n; i++)
    if (m->rules[i].id && strcmp(m->rules[i].id, id) == 0)
      return (long)i;
  for (unsigned i = 0; i < diag_tool_ids_count; i++)
    if (strcmp(diag_tool_ids[i].id, id) == 0)
      return (long)(n + i);
  return -1;
}

/* result_json: one result; occurrence numbers results with the same hash, as GitHub's own
 * fingerprints do ("<hash>:<n>"), so equal messages in one file stay distinct alerts. */
static json_t *result_json(const struct diag *d, const struct emit_meta *m, struct source_reader *src, uint64_t hash,
                           unsigned occurrence) {
  json_t *o = json_object();
  json_object_set_new(o, "ruleId", jstr(d->rule));
  long idx = rule_index(m, d->rule);
  if (idx >= 0)
    json_object_set_new(o, "ruleIndex", json_integer(idx));
  json_object_set_new(o, "level", json_string(sarif_level(d->sev)));
  json_object_set_new(o, "message", text_obj(d->message));
  if (d->loc.file) {
    json_t *locs = json_array();
    json_t *loc = json_object();
    size_t len = 0;
    const char *line = d->source ? d->source : source_line(src, d->loc.file, d->loc.line, &len);
    if (d->source)
      len = strlen(d->source);
    json_object_set_new(loc, "physicalLocation", physical_location(m, &d->loc, line, len));
    json_array_append_new(locs, loc);
    json_object_set_new(o, "locations", locs);
  }
  if (d->nnotes) {
    json_t *rel = json_array();
    for (unsigned k = 0; k < d->nnotes; k++) {
      const struct diag_note *n = &d->notes[k];
      json_t *loc = json_object();
      json_object_set_new(loc, "id", json_integer(k));
      json_object_set_new(loc, "message", text_obj(n->message));
      if (n->loc.file) {
        size_t len = 0;
        const char *line = source_line(src, n->loc.file, n->loc.line, &len);
        json_object_set_new(loc, "physicalLocation", physical_location(m, &n->loc, line, len));
      }
      json_array_append_new(rel, loc);
    }
    json_object_set_new(o, "relatedLocations", rel);
  }
  char fp[48];
  snprintf(fp, sizeof fp, "%016" PRIx64 ":%u", hash, occurrence);
  json_t *fps = json_object();
  json_object_set_new(fps, "primaryLocationLineHash", json_string(fp));
  json_object_set_new(o, "partialFingerprints", fps);
  return o;
}

/* invocation_json: whether the run did its whole job, and each failure as a notification. */
static json_t *invocation_json(const struct diag_list *l, const struct emit_meta *m) {
  json_t *o = json_object();
  json_object_set_new(o, "executionSuccessful", json_boolean(l->failures.n == 0));
  if (l->failures.n) {
    json_t *notes = json_array();
    for (size_t i = 0; i < l->failures.n; i++) {
      const struct diag_failure *f = &l->failures.v[i];
      json_t *n = json_object();
      json_object_set_new(n, "level", json_string("error"));
      json_object_set_new(n, "message", text_obj(f->message));
      if (f->file) {
        json_t *locs = json_array(), *loc = json_object(), *phys = json_object();
        json_object_set_new(phys, "artifactLocation", artifact_location(m, f->file));
        json_object_set_new(loc, "physicalLocation", phys);
        json_array_append_new(locs, loc);
        json_object_set_new(n, "locations", locs);
      }
      json_array_append_new(notes, n);
    }
    json_object_set_new(o, "toolExecutionNotifications", notes);
  }
  return o;
}

/* base_ids: originalUriBaseIds, SRCROOT as a file:// URI ending in '/' (SARIF 3.14.14). */
static json_t *base_ids(const struct emit_meta *m) {
  const char *root = m && m->root ? m->root : m && m->cwd ? m->cwd : "/";
  struct strbuf sb = STRBUF_INIT;
  add_file_uri(&sb, root);
  if (sb.len == 0 || sb.buf[sb.len - 1] != '/')
    sb_addc(&sb, '/');
  json_t *src = json_object();
  json_object_set_new(src, "uri", jstr(sb_cstr(&sb)));
  json_object_set_new(src, "description", text_obj("the repository's top level (--sarif-root)"));
  sb_release(&sb);
  json_t *o = json_object();
  json_object_set_new(o, "SRCROOT", src);
  return o;
}

void emit_sarif(FILE *out, const struct diag_list *l, const struct emit_meta *m) {
  json_t *root = json_object();
  json_object_set_new(root, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
  json_object_set_new(root, "version", json_string("2.1.0"));
  json_t *run = json_object();
  json_t *tool = json_object();
  json_object_set_new(tool, "driver", driver_json(m));
  json_object_set_new(run, "tool", tool);
  json_t *invocations = json_array();
  json_array_append_new(invocations, invocation_json(l, m));
  json_object_set_new(run, "invocations", invocations);
  json_object_set_new(run, "originalUriBaseIds", base_ids(m));
  struct source_reader src;
  source_reader_init(&src, m ? m->buffer_file : NULL, m ? m->buffer_text : NULL, m ? m->buffer_len : 0);
  json_t *results = json_array();
  struct occurrence seen;
  occurrence_init(&seen, l->items.n);
  for (size_t i = 0; i < l->items.n; i++) {
    const struct diag *d = &l->items.v[i];
    uint64_t h = line_hash(m, d);
    json_array_append_new(results, result_json(d, m, &src, h, occurrence_next(&seen, h)));
  }
  occurrence_release(&seen);
  source_reader_release(&src);
  json_object_set_new(run, "results", results);
  json_object_set_new(run, "columnKind", json_string("utf16CodeUnits"));
  json_t *runs = json_array();
  json_array_append_new(runs, run);
  json_object_set_new(root, "runs", runs);
  json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', out);
  json_decref(root);
}
