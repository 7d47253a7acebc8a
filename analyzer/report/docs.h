/* docs.h: rule documentation embedded at build time from docs/rules/<id>.md
 * (cmake/EmbedDocs.cmake), printed by `vtasklint --explain RULE`. */
#ifndef VTL_REPORT_DOCS_H
#define VTL_REPORT_DOCS_H

#include <stddef.h>

struct rule_doc {
  const char *id;       /* rule id, the file's base name */
  const char *markdown; /* the whole file, NUL-terminated */
};

extern const struct rule_doc rule_docs[]; /* terminated by {NULL, NULL} */
extern const size_t rule_docs_count;

#endif
