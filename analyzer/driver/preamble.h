/* preamble.h: a main file's preamble, and the units that can share one.
 *
 * The preamble is what clangd and libclang precompile for a file: its leading comments and
 * preprocessor directives, up to the first other token (clang's Lexer::ComputePreamble; a
 * comment right before that token is not part of it). Units whose compile commands (their -D
 * and -U aside: group.c checks that the preamble does not read the macros that differ),
 * working directory, main-file directory, language, configuration and preamble directives
 * (comments aside: a file's own header comment differs in every file) are all equal parse
 * their preambles to the same declarations and macros, so one precompiled preamble serves them
 * all: each is parsed as the group's first unit's file, with the first's preamble followed by
 * its own body (driver/group.c). */
#ifndef VTL_DRIVER_PREAMBLE_H
#define VTL_DRIVER_PREAMBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/driver/compdb.h"

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

/* preamble_groups: group[i] = the index of the first job of job i's group when the group has
 * two or more units, PREAMBLE_NONE otherwise (a C unit (group.h says why), a unit from
 * standard input, one that cannot be
 * read, has no preamble or a hazard, or shares it with nobody). Reads each source file once
 * (regular files of at most 16 MiB). Returns the number of grouped units. */
size_t preamble_groups(const struct job *jobs, size_t n, const struct unit_config *cfg, uint32_t *group);

#endif
