/* unit_files.h: the files one parsed translation unit read, found in one walk of libclang's
 * inclusions. Three consumers need them: the report filter (every non-system file's NOLINT
 * comments), the test-framework model (the #defines of those files) and the result cache
 * (every file, hashed). Each used to walk the inclusions itself and to ask libclang, per file,
 * whether it is a system header through clang_getLocationForOffset, whose cost grows with the
 * unit's macro expansions (SourceManager::translateFile scans every entry, then a per-file map
 * of macro arguments is built): 7% of the instructions of a run on lua. */
#ifndef VTL_DRIVER_UNIT_FILES_H
#define VTL_DRIVER_UNIT_FILES_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "analyzer/support/arena.h"

struct unit_file {
  CXFile file;
  bool main;   /* the main file (no include stack) */
  bool system; /* a system header: what clang_Location_isInSystemHeader says of its first byte */
  bool preamble; /* read by the TU's precompiled preamble (libclang lists those before the main file) */
  const char *text; /* libclang's buffer, for the non-system files only (NULL otherwise) */
  size_t len;
  CXFile includer;  /* the file whose #include read it first (NULL: the main file, or a
                       -include) and where: the offset of the included name */
  unsigned include_off;
};

struct unit_files {
  struct unit_file *v;
  size_t n;
};

/* unit_files_collect: every file of tu once (libclang may list a file once per inclusion;
 * the first, which is the one libclang's own file look-ups find, decides), in inclusion order.
 *
 * System or not, without a per-file look-up where possible: clang gives a file it enters the
 * characteristic max(the search directory's, the #include site's) (Preprocessor's include
 * handling), so a file included from a system header is one. A file included from user code
 * is told by the first #include it holds itself (of a file new to the unit, or one entered
 * again, such as <stddef.h>): that inclusion's site is a location in it, of which
 * clang_Location_isInSystemHeader answers at once. Only such a file that includes nothing (on
 * lua, 194 of 616) needs the look-up, after the walk. The array lives in a. */
void unit_files_collect(struct arena *a, CXTranslationUnit tu, struct unit_files *out);

/* unit_files_add_main_includes: in a unit with a precompiled preamble, the files that the main
 * file's own #include directives after the preamble entered, added to files (main text: text).
 * clang_getInclusions leaves them out there: libclang skips every file whose include location
 * is in the main file, meaning to skip the preamble's, which it has listed already; so a header
 * included after the first line of code was missing, with its NOLINT comments and #defines
 * (the files it includes in turn are listed). Each directive's name is looked for where the
 * arguments say clang looks (the main file's directory for a quoted name, -iquote, -I,
 * -isystem, -idirafter); a file found that the unit entered (libclang has a location in it)
 * and that is not listed is added, before the first file it included. Not found: a computed
 * #include, a file in a system directory the arguments do not name, one found by
 * #include_next only. Without a preamble, nothing is done. The array lives in a. */
void unit_files_add_main_includes(struct arena *a, CXTranslationUnit tu, const char *const *args, int nargs,
                                  const char *workdir, const char *text, size_t len, struct unit_files *files);

#endif
