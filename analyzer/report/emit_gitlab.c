/* emit_gitlab.c: --format=gitlab, a GitLab Code Quality report (the artifact of
 * `artifacts: reports: codequality`): a JSON array with one object per diagnostic,
 *   {"description", "check_name", "fingerprint", "severity", "location": {"path", "lines": {"begin"}}}
 * plus Code Climate's "type" and "categories". Paths are relative to the repository's top level
 * (emit_meta.root, as SARIF's), which is what GitLab resolves them against. The fingerprint
 * identifies a finding across runs: a hash of the rule, the path and the message, not the line
 * (so a finding survives edits above it), with the occurrence number of equal ones, since
 * GitLab keeps one finding per fingerprint. Severities: note "info", warning "major", error
 * "critical". Notes are folded into the description. */
#include "analyzer/report/emit.h"
#include "analyzer/report/json_str.h"
#include "analyzer/report/occurrence.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analyzer/support/hash.h"
#include "analyzer/support/strbuf.h"

static const char *gitlab_severity(enum diag_severity s) {
  switch (s) {
  case SEV_NOTE:
    return "info";
  case SEV_WARNING:
    return "major";
  case SEV_ERROR:
    return "critical";
  }
  return "major";
}

/* identity: rule, path and message, NUL-separated: what makes two findings the same one. */
static void identity(struct strbuf *sb, const struct diag *d, const char *path) {
  sb_reset(sb);
  sb_add(sb, d->rule, strlen(d->rule) + 1);
  sb_add(sb, path, strlen(path) + 1);
  sb_add(sb, d->message, strlen(d->message) + 1);
}

static json_t *issue_json(const struct diag *d, const char *path, uint64_t h, unsigned occurrence) {
  json_t *o = json_object();
  struct strbuf desc = STRBUF_INIT;
  sb_adds(&desc, d->message);
  for (unsigned k = 0; k < d->nnotes; k++) {
    const struct diag_note *n = &d->notes[k];
    sb_adds(&desc, " (note: ");
    if (n->loc.file)
      sb_addf(&desc, "%s:%u:%u: ", n->loc.file, n->loc.line, n->loc.col);
    sb_addf(&desc, "%s)", n->message);
  }
  json_object_set_new(o, "type", json_string("issue"));
  json_object_set_new(o, "description", jstr(sb_cstr(&desc)));
  sb_release(&desc);
  json_object_set_new(o, "check_name", jstr(d->rule));
  json_t *cats = json_array();
  json_array_append_new(cats, json_string("Bug Risk"));
  json_object_set_new(o, "categories", cats);
  /* 128 bits as GitLab's own analyzers write them (32 hex digits): the identity's hash, then
   * the hash of that with the occurrence number. */
  char occ[32];
  snprintf(occ, sizeof occ, "%016" PRIx64 ":%u", h, occurrence);
  char fp[40];
  snprintf(fp, sizeof fp, "%016" PRIx64 "%016" PRIx64, h, hash_bytes(occ, strlen(occ)));
  json_object_set_new(o, "fingerprint", json_string(fp));
  json_object_set_new(o, "severity", json_string(gitlab_severity(d->sev)));
  json_t *loc = json_object(), *lines = json_object();
  json_object_set_new(loc, "path", jstr(path));
  json_object_set_new(lines, "begin", json_integer(d->loc.line ? d->loc.line : 1));
  json_object_set_new(loc, "lines", lines);
  json_object_set_new(o, "location", loc);
  return o;
}

void emit_gitlab(FILE *out, const struct diag_list *l, const struct emit_meta *m) {
  json_t *root = json_array();
  struct strbuf id = STRBUF_INIT;
  struct occurrence seen;
  occurrence_init(&seen, l->items.n);
  for (size_t i = 0; i < l->items.n; i++) {
    const struct diag *d = &l->items.v[i];
    char *path = NULL;
    if (d->loc.file)
      emit_project_path(m, d->loc.file, &path);
    identity(&id, d, path ? path : "");
    uint64_t h = hash_bytes(id.buf, id.len);
    json_array_append_new(root, issue_json(d, path ? path : "", h, occurrence_next(&seen, h)));
    free(path);
  }
  occurrence_release(&seen);
  sb_release(&id);
  json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', out);
  json_decref(root);
}
