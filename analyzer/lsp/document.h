/* document.h: the text documents the client has open, as the client says they are: opened
 * with their full text, changed by ranges (incremental sync) or whole, closed. The analysis
 * state of each (which version was analysed, what was found) lives with it in server.c. */
#ifndef VTL_LSP_DOCUMENT_H
#define VTL_LSP_DOCUMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "analyzer/lsp/position.h"
#include "analyzer/support/strbuf.h"

struct doc {
  char *uri;          /* as the client spells it (answers use the same spelling) */
  char *path;         /* absolute, lexically normal path; NULL for a URI that is not a file */
  char *language;     /* languageId */
  long long version;
  struct strbuf text;
  void *state;        /* the server's analysis state (server.c owns it) */
};

struct doc_store {
  struct doc **v;
  size_t n, cap;
};

void docs_init(struct doc_store *s);
/* docs_release: frees every document (each state must have been freed by its owner). */
void docs_release(struct doc_store *s);
struct doc *docs_find(const struct doc_store *s, const char *uri);
/* docs_open: a new document (an open one of that URI is replaced: its old one returned through
 * *replaced for the caller to free with doc_free, else NULL there). */
struct doc *docs_open(struct doc_store *s, const char *uri, const char *language, long long version,
                      const char *text, size_t len, struct doc **replaced);
/* docs_remove: takes d out of the store; the caller frees it with doc_free. */
void docs_remove(struct doc_store *s, struct doc *d);
void doc_free(struct doc *d);

/* doc_apply_change: one TextDocumentContentChangeEvent: {range, text} replaces the range, {text}
 * the whole document. -1 with why set when it is malformed (the document is then unchanged). */
int doc_apply_change(struct doc *d, const json_t *change, enum pos_encoding enc, struct strbuf *why);

/* json_position: reads {line, character} (non-negative integers below 2^31). */
bool json_position(const json_t *pos, unsigned *line, unsigned *character);

#endif
