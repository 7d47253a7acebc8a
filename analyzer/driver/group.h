/* group.h: a worker's side of preamble sharing (preamble.h). The first unit of a group is parsed
 * with libclang's precompiled preamble (CXTranslationUnit_PrecompiledPreamble, built on that
 * first parse); the translation unit is kept, and each next unit of the same group is a reparse
 * of it with that unit's text (clang_reparseTranslationUnit: libclang reuses the preamble when
 * its bytes and files are unchanged, and rebuilds it otherwise). What the first unit's analysis
 * found in the preamble's headers is reused for the later ones (unit_share in unit.h). Every
 * failure falls back to a plain parse of the unit. */
#ifndef VTL_DRIVER_GROUP_H
#define VTL_DRIVER_GROUP_H

#include <clang-c/Index.h>
#include <stdint.h>

#include "analyzer/driver/unit.h"

struct group_worker;

/* group_worker_new: a worker's state; its preambles are stored under cache_dir/pch when
 * cache_dir is given (libclang's temporary directory otherwise). */
struct group_worker *group_worker_new(const char *cache_dir);
void group_worker_free(struct group_worker *gw);

/* group_analyze: unit_analyze for a unit of preamble group `group` (PREAMBLE_NONE: none; the
 * plain index idx is used). *shared: the unit was a reparse with another unit's preamble. */
int group_analyze(struct group_worker *gw, CXIndex idx, const struct unit_input *in, const struct unit_config *cfg,
                  uint32_t group, struct diag_list *out, struct strbuf *err, bool *shared);

#endif
