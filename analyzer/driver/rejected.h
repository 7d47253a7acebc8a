/* rejected.h: why libclang refused a unit's compile command. */
#ifndef VTL_DRIVER_REJECTED_H
#define VTL_DRIVER_REJECTED_H

#include <clang-c/Index.h>

#include "analyzer/support/strbuf.h"

/* rejected_reason: after clang_parseTranslationUnit2 failed on (path, argv), finds the argument
 * clang's driver refuses and appends clang's reason for it to why (one line). argv[0..nown) are
 * the unit's own arguments, the rest are vtasklint's (-resource-dir ...), never suspected.
 * Returns 1 when the reason was found, 0 when the arguments alone parse (the file is at fault)
 * or no single argument is. */
int rejected_reason(CXIndex idx, const char *path, const char *const *argv, int argc, int nown, struct strbuf *why);

#endif
