/* server.h: the language server: JSON-RPC over the client's stdin/stdout (rpc.h), the
 * lifecycle (initialize, initialized, shutdown, exit, $/cancelRequest), the documents
 * (document.h), analyses scheduled after a short debounce and sent to the supervised worker
 * (supervisor.h) one at a time, newest text only, their results published (push) or answered
 * (pull, textDocument/diagnostic, when the client supports it) through convert.h, and code
 * actions (actions.h). Malformed input gets the protocol's error and the server goes on. */
#ifndef VTL_LSP_SERVER_H
#define VTL_LSP_SERVER_H

#include <stddef.h>

#include "analyzer/lsp/worker.h"

struct lsp_opts {
  struct worker_opts worker;
  double timeout;   /* seconds per analysis before the worker is killed (0: never) */
  double debounce;  /* seconds between an edit and its analysis */
  size_t max_body;  /* largest message accepted (0: rpc.h's default) */
};

/* lsp_serve: runs until `exit` (0 after shutdown, else 1) or the end of input (1). */
int lsp_serve(int in_fd, int out_fd, const struct lsp_opts *o);

#endif
