/* sources.h: from the command line's inputs (files, directories, "-") to jobs, each with its
 * compile command: its own compile_commands.json entry, its nearest sibling's, or the
 * arguments after `--`. */
#ifndef VTL_DRIVER_SOURCES_H
#define VTL_DRIVER_SOURCES_H

#include <stdbool.h>

#include "analyzer/driver/compdb.h"

struct sources_opts {
  struct compdb *db;          /* may be NULL */
  bool use_db;                /* false when `--` gave the arguments */
  const char *const *extra;   /* arguments after `--` */
  int nextra;
  const char *const *excludes;
  int nexcludes;
  const char *stdin_filename; /* for "-" */
  void (*error_line)(const char *msg);
  void (*note_line)(const char *msg);
  bool follow_symlinks;       /* --follow-symlinks: walks follow symlinks out of the tree */
  void (*warning_line)(const char *msg);
};

/* sources_expand: appends a job per source found in inputs. Unreadable inputs are reported
 * through error_line and skipped. */
void sources_expand(const char *const *inputs, int n, const struct sources_opts *o, struct arena *a,
                    struct job_vec *jobs);
/* sources_excluded: path matches one of the --exclude globs ('*' crosses '/'; a glob without
 * '/' also matches the base name). */
bool sources_excluded(const char *path, const char *const *globs, int n);
/* sources_is_source: a C or C++ source or header by extension. */
bool sources_is_source(const char *path);

#endif
