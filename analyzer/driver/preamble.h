/* preamble.h: a main file's preamble, and the units that can share one.
 *
 * The preamble is what clangd and libclang precompile for a file: its leading comments and
 * preprocessor directives, up to the first other token (clang's Lexer::ComputePreamble; a
 * comment right before that token is not part of it). Units whose compile commands (their -D
 * and -U aside: group.c checks that the preamble does not read the macros that differ),
 * working directory, language, configuration and first directives (comments aside: a file's
 * own header comment differs in every file) are all equal, and whose main files are in the
 * same directory when that matters (preamble.c, quotes_files), parse those directives to the
 * same declarations and macros, so one precompiled preamble of them serves them all: each is
 * parsed as the group's first unit's file, with the first's shared part followed by its own
 * directives and body (driver/group.c). Which directives a group shares: preamble.c,
 * "prefixes". */
#ifndef VTL_DRIVER_PREAMBLE_H
#define VTL_DRIVER_PREAMBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/driver/compdb.h"
#include "analyzer/support/strbuf.h"

struct unit_config;

/* preamble_size: the length of text's preamble (0: none). */
size_t preamble_size(const char *text, size_t len);
/* preamble_lines: the newlines in text[0, n). */
size_t preamble_lines(const char *text, size_t n);

/* preamble_hazard: text names a macro whose value depends on which file, when, or how often it
 * is expanded (__FILE__, __BASE_FILE__, __FILE_NAME__, __COUNTER__, __DATE__, __TIME__,
 * __TIMESTAMP__, __INCLUDE_LEVEL__, __LINE__): a reparse under another unit's name and lines,
 * or a preamble compiled earlier, could see another value, so such a unit is parsed on its own. */
bool preamble_hazard(const char *text, size_t len);

#define PREAMBLE_NONE UINT32_MAX

/* A part of a cluster is peeled off to share a longer prefix of its own only when it has this
 * many units, and so is what it leaves unless that is few (preamble.c, "prefixes", says why).
 * A group of two still shares its prefix (group.h, GROUP_MIN_UNITS). */
enum { PREAMBLE_PEEL_MIN_UNITS = 3 };

/* A part of a group's units that go on alike is shared by them alone only when it holds at
 * least 1/PREAMBLE_PEEL_SHARE of the group (preamble.c, "prefixes"). */
enum { PREAMBLE_PEEL_SHARE = 3 };

/* preamble_groups: group[i] = the index of the first job of job i's group when the group has
 * two or more units, PREAMBLE_NONE otherwise (a C unit (group.h says why), a unit from
 * standard input, one that cannot be read, has no preamble or a hazard, or shares it with
 * nobody); prefix[i] = the length of the directives the group shares (preamble_prefix), the
 * same for all its units (preamble.c, "prefixes": units share the leading directives they
 * have in common, not only whole preambles). Reads each source file once (regular files of at
 * most 16 MiB). Returns the number of grouped units. */
size_t preamble_groups(const struct job *jobs, size_t n, const struct unit_config *cfg, uint32_t *group,
                       uint32_t *prefix);

/* preamble_prefix: the length of text's leading part whose directives, as a group's key holds
 * them (comments and blanks folded), have length l, when a group's shared preamble may end
 * there: after a directive's line and outside every #if, or at the end of text's preamble
 * (its preamble_size, when those are all of its directives); 0 when it may not. dirs (when
 * non-NULL) gets those l bytes of directives, for the caller to compare with the group's. */
size_t preamble_prefix(const char *text, size_t len, size_t l, struct strbuf *dirs);

#endif
