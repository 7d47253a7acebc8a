/* glob.h: clang-tidy style check globs: "*,-vtask-discarded". Comma or newline separated,
 * '-' negates, '*' is the only wildcard, whole-string match, the last matching glob wins. */
#ifndef VTL_SUPPORT_GLOB_H
#define VTL_SUPPORT_GLOB_H

#include <stdbool.h>

/* glob_match: one pattern ('*' wildcard) against a name. */
bool glob_match(const char *pat, const char *patend, const char *name);
/* globlist_match: 1 if the list enables `name`, 0 if it disables it, -1 if no glob matches. */
int globlist_match(const char *list, const char *name);

#endif
