/* resdir.h: clang's resource directory (the builtin headers <stddef.h>, <stdarg.h>, ... of the
 * libclang that runs), found at run time, so that an installed or moved vtasklint needs no
 * directory baked in at build time (libclang.md section 7 says why libclang must be told). */
#ifndef VTL_DRIVER_RESDIR_H
#define VTL_DRIVER_RESDIR_H

/* resdir_find: the resource directory of the libclang this process loaded, or NULL when none
 * of the places below holds one. *how (when how is not NULL) says where it was found, or
 * where it was looked for. Computed once; the strings live as long as the process.
 * The places, in order, for libclang's major M and full version V, next to the directory D
 * libclang was loaded from (as loaded, then with symlinks resolved):
 *   D/clang/M, D/clang/V                (upstream's layout, Debian's /usr/lib/llvm-M/lib)
 *   D/../llvm-M/lib/clang/M, D/../clang/M   (Debian's multiarch directory)
 * then /usr/lib/llvm-M/lib/clang/M and /usr/lib/clang/M. A place counts when it holds
 * include/stddef.h. */
const char *resdir_find(const char **how);

#endif
