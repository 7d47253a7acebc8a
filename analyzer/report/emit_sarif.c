/* emit_sarif.c: SARIF 2.1.0 (OASIS), the subset GitHub code scanning ingests: one run whose
 * tool.driver lists every rule, one result per diagnostic with its primary location, the notes
 * as relatedLocations and a partialFingerprints hash so alerts are tracked across runs.
 * Relative paths are URIs against %SRCROOT%; absolute ones become file:/// URIs. */
#include "analyzer/report/emit.h"
#include "analyzer/report/json_str.h"

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

/* artifact_location: {"uri", "uriBaseId"} for a path as shown to the user. */
static json_t *artifact_location(const char *path) {
  json_t *o = json_object();
  struct strbuf sb = STRBUF_INIT;
  bool relative = false;
  if (path[0] == '/') {
    sb_adds(&sb, "file://");
    add_uri_path(&sb, path);
  } else if (((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) &&
             path[1] == ':' && (path[2] == '/' || path[2] == '\\')) {
    /* A Windows drive path: file:///C:/dir/file.c */
    sb_adds(&sb, "file:///");
    sb_addc(&sb, path[0]);
    sb_addc(&sb, ':');
    for (const char *p = path + 2; *p; p++) {
      char one[2] = {*p == '\\' ? '/' : *p, 0};
      add_uri_path(&sb, one);
    }
  } else {
    relative = true;
    while (path[0] == '.' && path[1] == '/')
      path += 2;
    add_uri_path(&sb, path);
  }
  json_object_set_new(o, "uri", jstr(sb_cstr(&sb)));
  if (relative)
    json_object_set_new(o, "uriBaseId", json_string("%SRCROOT%"));
  sb_release(&sb);
  return o;
}

/* physical_location: {"artifactLocation", "region"} for loc (loc->file non-NULL). Lines and
 * columns are 1-based in SARIF; 0 means unknown, so that part of the region is left out. */
static json_t *physical_location(const struct diag_loc *loc) {
  json_t *o = json_object();
  json_object_set_new(o, "artifactLocation", artifact_location(loc->file));
  if (loc->line) {
    json_t *r = json_object();
    json_object_set_new(r, "startLine", json_integer(loc->line));
    if (loc->col) {
      unsigned end_col = loc->end_col > loc->col ? loc->end_col : loc->col + 1;
      json_object_set_new(r, "startColumn", json_integer(loc->col));
      json_object_set_new(r, "endLine", json_integer(loc->line));
      json_object_set_new(r, "endColumn", json_integer(end_col));
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

/* line_hash: a stable hash of rule, file and message: not the line, so an alert survives edits
 * above it. */
static uint64_t line_hash(const struct diag *d) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  h = fnv1a(h, d->rule);
  h = fnv1a(h, d->loc.file);
  h = fnv1a(h, d->message);
  return h;
}

/* A small open-addressing table counting how often each hash was seen. */
struct hash_count {
  uint64_t *keys;
  unsigned *counts; /* 0: empty slot */
  size_t mask;
};

static void hc_init(struct hash_count *t, size_t n) {
  size_t cap = 16;
  while (cap < 2 * n)
    cap *= 2;
  t->keys = calloc(cap, sizeof *t->keys);
  t->counts = calloc(cap, sizeof *t->counts);
  t->mask = cap - 1;
}

/* hc_next: how many times h was seen, this one included. */
static unsigned hc_next(struct hash_count *t, uint64_t h) {
  if (!t->keys || !t->counts)
    return 1;
  size_t i = (size_t)(h ^ (h >> 32)) & t->mask;
  while (t->counts[i] && t->keys[i] != h)
    i = (i + 1) & t->mask;
  t->keys[i] = h;
  return ++t->counts[i];
}

static void hc_release(struct hash_count *t) {
  free(t->keys);
  free(t->counts);
}

static json_t *rule_json(const struct emit_rule_info *r) {
  const char *summary = r->summary ? r->summary : r->id;
  json_t *o = json_object();
  json_object_set_new(o, "id", jstr(r->id));
  json_object_set_new(o, "name", jstr(r->id));
  json_object_set_new(o, "shortDescription", text_obj(summary));
  json_object_set_new(o, "fullDescription", text_obj(summary));
  json_t *help = text_obj(r->markdown ? r->markdown : summary);
  if (r->markdown)
    json_object_set_new(help, "markdown", jstr(r->markdown));
  json_object_set_new(o, "help", help);
  json_t *conf = json_object();
  json_object_set_new(conf, "level", json_string("warning"));
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
  json_object_set_new(o, "informationUri", json_string("https://github.com/vtasklint/vtasklint"));
  json_t *rules = json_array();
  for (unsigned i = 0; m && i < m->nrules; i++)
    json_array_append_new(rules, rule_json(&m->rules[i]));
  json_object_set_new(o, "rules", rules);
  return o;
}

/* rule_index: the position of id in m's rules, -1 if it is not one of ours. */
static long rule_index(const struct emit_meta *m, const char *id) {
  for (unsigned i = 0; m && i < m->nrules; i++)
    if (m->rules[i].id && strcmp(m->rules[i].id, id) == 0)
      return (long)i;
  return -1;
}

/* result_json: one result; occurrence numbers results with the same hash, as GitHub's own
 * fingerprints do ("<hash>:<n>"), so equal messages in one file stay distinct alerts. */
static json_t *result_json(const struct diag *d, const struct emit_meta *m, uint64_t hash, unsigned occurrence) {
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
    json_object_set_new(loc, "physicalLocation", physical_location(&d->loc));
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
      if (n->loc.file)
        json_object_set_new(loc, "physicalLocation", physical_location(&n->loc));
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

void emit_sarif(FILE *out, const struct diag_list *l, const struct emit_meta *m) {
  json_t *root = json_object();
  json_object_set_new(root, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
  json_object_set_new(root, "version", json_string("2.1.0"));
  json_t *run = json_object();
  json_t *tool = json_object();
  json_object_set_new(tool, "driver", driver_json(m));
  json_object_set_new(run, "tool", tool);
  json_t *results = json_array();
  struct hash_count seen;
  hc_init(&seen, l->items.n);
  for (size_t i = 0; i < l->items.n; i++) {
    const struct diag *d = &l->items.v[i];
    uint64_t h = line_hash(d);
    json_array_append_new(results, result_json(d, m, h, hc_next(&seen, h)));
  }
  hc_release(&seen);
  json_object_set_new(run, "results", results);
  json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
  json_t *runs = json_array();
  json_array_append_new(runs, run);
  json_object_set_new(root, "runs", runs);
  json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', out);
  json_decref(root);
}
