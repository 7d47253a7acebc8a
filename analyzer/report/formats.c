/* formats.c: see formats.h. The emitters keep their own signatures; these adapters give them
 * the table's. */
#include "analyzer/report/formats.h"

#include <string.h>

static void text(FILE *out, const struct diag_list *l, const struct emit_meta *m, const struct emit_opts *o) {
  (void)m;
  emit_text(out, l, o);
}

static void concise(FILE *out, const struct diag_list *l, const struct emit_meta *m, const struct emit_opts *o) {
  (void)m;
  emit_concise(out, l, o);
}

static void gitlab(FILE *out, const struct diag_list *l, const struct emit_meta *m, const struct emit_opts *o) {
  (void)o;
  emit_gitlab(out, l, m);
}

static void json(FILE *out, const struct diag_list *l, const struct emit_meta *m, const struct emit_opts *o) {
  (void)o;
  emit_json(out, l, m);
}

static void sarif(FILE *out, const struct diag_list *l, const struct emit_meta *m, const struct emit_opts *o) {
  (void)o;
  emit_sarif(out, l, m);
}

static void github(FILE *out, const struct diag_list *l, const struct emit_meta *m, const struct emit_opts *o) {
  (void)m;
  (void)o;
  emit_github(out, l);
}

const struct emit_format emit_formats[] = {
    {"text", text},
    {"concise", concise},
    {"json", json},
    {"sarif", sarif},
    {"github", github},
    {"gitlab", gitlab},
};
const unsigned emit_formats_count = sizeof emit_formats / sizeof emit_formats[0];

const struct emit_format *emit_format_find(const char *name) {
  for (unsigned i = 0; i < emit_formats_count; i++)
    if (strcmp(emit_formats[i].name, name) == 0)
      return &emit_formats[i];
  return NULL;
}
