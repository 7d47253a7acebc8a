/* worker.h: the language server's analysis process. It holds libclang: one translation unit
 * per open file, parsed once with a precompiled preamble (CXTranslationUnit_PrecompiledPreamble:
 * the headers before the first line of code are parsed once and kept), then reparsed with the
 * editor's unsaved text after each edit (clang_reparseTranslationUnit) and analysed again by
 * the CLI's own unit_analyze_tu, with the CLI's compile commands (compdb_for_file: the entry,
 * or the nearest sibling's) and configuration (settings_for: the nearest .vtasklint.yaml).
 * The server (supervisor.c) talks to it over two pipes in rpc.h framing, one JSON request at a
 * time:
 *   {"op":"analyze","seq":N,"path":P,"version":V,"text":T,"unsaved":[{"path","text"}]?}
 *      (unsaved: other files the editor changed and has not saved, a header being edited)
 *      -> {"seq":N,"path":P,"version":V,"diags":[...],"error":E?,"config_error":E?,"log":[...]}
 *   {"op":"close","path":P}   (no answer: the unit is disposed)
 *   {"op":"reload"}           (no answer: configuration and databases are read again)
 * A diag is {"rule","sev" (0 note, 1 warning, 2 error),"line","col","end_col","message",
 * "notes":[{"file","line","col","message"}],"fn":[first,last line of the enclosing function],
 * "fixits":[{"line","col","end_line","end_col","text"}]}: only those in the file itself, with
 * 1-based byte columns. A crash or hang here costs the request in flight: the server kills
 * and restarts this process. */
#ifndef VTL_LSP_WORKER_H
#define VTL_LSP_WORKER_H

#include <stdbool.h>

#include "analyzer/driver/unit.h"

struct worker_opts {
  struct unit_config base;        /* resource dir, nesting bound */
  const char *checks, *warnings_as_errors, *config; /* the command line's --checks, ... */
  const char *build_dir;          /* -p: one database for every file; NULL: found upward */
  const char *const *extra;       /* after `--`: the command for files without a database */
  int nextra;
  bool have_dashdash;             /* `--` given: no database at all, as the CLI */
};

/* worker_main: serves requests from in_fd until it closes; never returns. pch_dir: an empty
 * directory for libclang's preambles (worker.c, files_for), or NULL. */
_Noreturn void worker_main(int in_fd, int out_fd, const struct worker_opts *o, const char *pch_dir);

#endif
