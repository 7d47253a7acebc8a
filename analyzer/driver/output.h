/* output.h: what the report needs from the driver's world (the environment, the file system):
 * the directory SARIF's and GitLab's paths are relative to, and the file the findings go to.
 * The report layer itself only writes to the FILE * it is given. */
#ifndef VTL_DRIVER_OUTPUT_H
#define VTL_DRIVER_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "analyzer/support/strbuf.h"

/* output_root: the directory the code host's paths are relative to, absolute (the caller
 * frees): `given` (--sarif-root) when set, which must be a directory (else NULL and err holds
 * the one-line reason); otherwise the git top level found upward from the working directory
 * (the nearest directory holding a `.git` directory or file), otherwise the working
 * directory. */
char *output_root(const char *given, struct strbuf *err);

/* output_open: the --output-file, opened (created if missing) before any analysis so that a
 * path that cannot be written costs nothing, but not emptied: it may be a file the units read.
 * NULL with err's one-line reason when it cannot be opened, or when it is one of the named
 * inputs (which it would overwrite). */
FILE *output_open(const char *path, const char *const *inputs, int ninputs, struct strbuf *err);
/* output_begin: empties the --output-file just before the report is written; false on
 * failure (errno set). */
bool output_begin(FILE *f);

#endif
