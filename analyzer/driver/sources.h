/* sources.h: from the command line's inputs (files, directories, "-") to jobs, each with its
 * compile command: its own compile_commands.json entry, its nearest sibling's, or the
 * arguments after `--`. */
#ifndef VTL_DRIVER_SOURCES_H
#define VTL_DRIVER_SOURCES_H

#include <stdbool.h>

#include "analyzer/driver/compdb.h"

struct db_cache;

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
  struct db_cache *per_file;  /* no -p: each file's own database, found from its directory (db unused) */
  bool language_forced;       /* --language: every FILE is C or C++, whatever its extension */
};

/* sources_expand: appends a job per source found in inputs. Unreadable inputs, and files of
 * another language (compdb_other_language: `fast.S`) unless language_forced, are reported
 * through error_line and skipped. */
void sources_expand(const char *const *inputs, int n, const struct sources_opts *o, struct arena *a,
                    struct job_vec *jobs);
/* db_cache_new: the databases of a run without -p: each file gets the compile_commands.json found
 * upward from its own directory, as clangd looks (compdb_find_upward), so files of two projects
 * each get their own. Lookups are cached by directory and at most a few databases are kept open
 * (the least recently used is closed), so a tree of many files opens each database once. A
 * database that cannot be opened is one error line (error_line), said once; a run where some
 * file has none, one note (note_line). */
struct db_cache *db_cache_new(void (*warn)(const char *line), void (*error_line)(const char *msg),
                              void (*note_line)(const char *msg));
void db_cache_free(struct db_cache *c);

/* sources_excluded: path matches one of the --exclude globs ('*' crosses '/'; a glob without
 * '/' also matches the base name). */
bool sources_excluded(const char *path, const char *const *globs, int n);
/* sources_is_source: a C or C++ source or header by extension. */
bool sources_is_source(const char *path);

#endif
