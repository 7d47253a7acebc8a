/* lsp.h: `vtasklint --lsp`: the language server on standard input and output, configured from
 * the command line (-p, --checks, --warnings-as-errors, --config, --resource-dir, --timeout,
 * and arguments after `--` for files without a compilation database). */
#ifndef VTL_LSP_LSP_H
#define VTL_LSP_LSP_H

#include "analyzer/driver/cli.h"

/* The default analysis timeout of the server: an editor waits less than a batch run. */
enum { LSP_DEFAULT_TIMEOUT = 60 };

/* lsp_main: serves until the client says exit; the exit status. */
int lsp_main(const struct cli *c, const char *resource_dir);

#endif
