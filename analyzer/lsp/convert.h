/* convert.h: the worker's findings (1-based lines, 1-based byte columns, worker.h) as LSP
 * Diagnostics: the caret range in the negotiated encoding, severity, code = rule id,
 * codeDescription.href = the rule's page, source "vtasklint", notes as relatedInformation (or,
 * for a client without it, appended to the message). Columns are converted with the text the
 * finding was made from: the open document's, or for a note in another file, that file's. */
#ifndef VTL_LSP_CONVERT_H
#define VTL_LSP_CONVERT_H

#include <jansson.h>
#include <stdbool.h>

#include "analyzer/lsp/document.h"
#include "analyzer/lsp/position.h"

/* The rule pages codeDescription.href points to (+ "<rule>.md"). */
#define VTL_RULE_PAGE_BASE "https://github.com/vtasklint/vtasklint/blob/main/docs/rules/"

/* conv_range: {start, end} for line (1-based), byte columns col..end_col (end_col 0: one
 * character). */
json_t *conv_range(const char *text, size_t len, unsigned line, unsigned col, unsigned end_col,
                   enum pos_encoding enc);
/* conv_position: {line, character} of 1-based line and byte column. */
json_t *conv_position(const char *text, size_t len, unsigned line, unsigned col, enum pos_encoding enc);

/* conv_diagnostic: one worker finding of document d. docs: the open documents (for notes in
 * them); related: the client takes relatedInformation. */
json_t *conv_diagnostic(const json_t *wd, const struct doc *d, const struct doc_store *docs, enum pos_encoding enc,
                        bool related);
/* conv_message_diagnostic: a diagnostic of vtasklint's own on the first line of a text (a file
 * that could not be analysed, a malformed configuration at line:col). */
json_t *conv_message_diagnostic(const char *text, size_t len, unsigned line, unsigned col, enum pos_encoding enc, int severity,
                                const char *message);

#endif
