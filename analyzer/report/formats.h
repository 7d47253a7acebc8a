/* formats.h: the table of output formats (--format). Each row names a format and its
 * emitter; the command line (driver/cli.c) looks names up here and main.c calls the row's
 * emitter. Adding a format is its emit_<name>.c file and one row in formats.c. */
#ifndef VTL_REPORT_FORMATS_H
#define VTL_REPORT_FORMATS_H

#include <stdio.h>

#include "analyzer/report/emit.h"

struct emit_format {
  const char *name; /* as given to --format */
  /* Renders a finished, sorted list; meta describes the tool and its rules, opts the text
   * format's colour and snippets (each format reads what it needs). */
  void (*emit)(FILE *out, const struct diag_list *l, const struct emit_meta *meta, const struct emit_opts *opts);
};

/* emit_formats: every format, the default (text) first. */
extern const struct emit_format emit_formats[];
extern const unsigned emit_formats_count;
/* emit_format_find: the format called name, or NULL. */
const struct emit_format *emit_format_find(const char *name);

#endif
