/* lsp.c: see lsp.h. */
#include "analyzer/lsp/lsp.h"

#include <stdlib.h>
#include <unistd.h>

#include "analyzer/flow/lower.h"
#include "analyzer/lsp/server.h"

int lsp_main(const struct cli *c, const char *resource_dir) {
  struct lsp_opts o = {0};
  o.worker.base.resource_dir = resource_dir;
  o.worker.base.max_depth = LOWER_BIG_STACK_DEPTH; /* the worker runs on a large stack */
  o.worker.checks = c->checks;
  o.worker.warnings_as_errors = c->warnings_as_errors;
  o.worker.config = c->config;
  o.worker.build_dir = c->build_dir;
  o.worker.extra = (const char *const *)c->extra;
  o.worker.nextra = c->nextra;
  o.worker.have_dashdash = c->have_dashdash;
  o.timeout = c->timeout_given ? c->timeout : LSP_DEFAULT_TIMEOUT;
  /* Edits closer together than this are analysed once. Short: while an analysis runs, edits
   * pile up anyway, and only the newest text is analysed next. */
  const char *deb = getenv("VTASKLINT_LSP_DEBOUNCE_MS");
  double ms = deb && *deb ? atof(deb) : 10;
  o.debounce = (ms >= 0 && ms <= 10000 ? ms : 10) / 1000.0;
  return lsp_serve(STDIN_FILENO, STDOUT_FILENO, &o);
}
