/* paths.h: how the report names files (--path-style, --stdin-filename). Diagnostics arrive
 * with each file as path_display shows it: relative to the working directory when the file
 * lies below it, absolute otherwise. report_paths_apply renames them once, before sorting and
 * output, in every place a file name is kept: each diagnostic, each note, each failure. */
#ifndef VTL_REPORT_PATHS_H
#define VTL_REPORT_PATHS_H

#include <stdbool.h>

#include "analyzer/report/diag.h"

struct path_policy {
  bool absolute;            /* --path-style=absolute: every name made absolute against cwd */
  const char *cwd;          /* the working directory, absolute */
  const char *buffer_shown; /* the name the --stdin-filename unit's file arrives with, or NULL */
  const char *buffer_given; /* ... and the --stdin-filename as given, which replaces it always:
                               an editor finds its buffer's findings by that exact string */
};

/* report_paths_apply: renames every file of l as p says (new names live in l's arena). */
void report_paths_apply(struct diag_list *l, const struct path_policy *p);

#endif
