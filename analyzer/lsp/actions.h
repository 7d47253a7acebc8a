/* actions.h: code actions for the findings of a document: "Suppress with
 * NOLINTNEXTLINE(rule)" (a comment line above the finding, indented as its line), "Suppress in
 * this function" (NOLINTBEGIN(rule) above the enclosing function, NOLINTEND(rule) below it),
 * and clang's own fix-its for its errors (the mechanical ones: "insert ';'"). Each is a
 * quickfix with a WorkspaceEdit on the document. */
#ifndef VTL_LSP_ACTIONS_H
#define VTL_LSP_ACTIONS_H

#include <jansson.h>

#include "analyzer/lsp/document.h"
#include "analyzer/lsp/position.h"

/* actions_for: the actions of the worker findings wd[i] (lsp[i]: the same as published) whose
 * line lies in 0-based lines first..last. */
json_t *actions_for(const struct doc *d, const json_t *wd, const json_t *lsp, unsigned first, unsigned last,
                    enum pos_encoding enc);

#endif
