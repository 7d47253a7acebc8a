/* header_lang.h: whose compile command a header without its own database entry takes, and so
 * its language, chosen as clangd does: a unit that includes it, else a same-named source
 * (foo.h -> foo.cpp, foo.cc, foo.c ...), else the nearest unit of the database's majority
 * language. A C++ header named .h in a mixed project is C++ when a C++ unit includes it, though
 * its nearest sibling is a .c. */
#ifndef VTL_DRIVER_HEADER_LANG_H
#define VTL_DRIVER_HEADER_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/driver/compdb.h"

enum header_why { HEADER_INCLUDER = 1, HEADER_SAME_NAME, HEADER_MAJORITY };

struct header_index;

/* header_pick: the entry of all[0..n) whose command the header abs takes (NULL when n is 0),
 * and why. *idx is built on the first call (each unit's source read once, its first
 * HEADER_SCAN_BYTES only, at most HEADER_SCAN_UNITS units) and reused; header_index_free
 * releases it. */
const struct job *header_pick(const struct job *all, size_t n, const char *abs, struct header_index **idx,
                              enum header_why *why);
void header_index_free(struct header_index *idx);
/* compdb_args_lang: the language a command compiles path in: its last -x says ("c++",
 * "objective-c++" and "c++-header" are C++; "objective-c" and "objective-c-header" Objective-C;
 * anything else C), else the file's extension (path_is_cxx; .m and .mm are Objective-C).
 * compdb_args_are_cxx: it is C++. header_job_is_cxx: the same for a job. */
enum src_lang { SRC_C, SRC_CXX, SRC_OBJC };
/* compdb_other_language: NULL when a command compiles path as C, C++ or Objective-C (CUDA,
 * OpenCL and HIP included), else the language it does compile: "assembler" (a .S or .s file,
 * `-x assembler-with-cpp`), "Fortran", "Rust", ... A database lists every compilation of a
 * build, and libclang would parse these as C and report errors that are none. Its last -x
 * decides (argv may be NULL), else the extension; one it does not know is taken for C. */
const char *compdb_other_language(const char *path, const char *const *argv, int argc);
enum src_lang compdb_args_lang(const char *path, const char *const *argv, int argc);
bool compdb_args_are_cxx(const char *path, const char *const *argv, int argc);
bool header_job_is_cxx(const struct job *j);

enum { HEADER_SCAN_BYTES = 256 << 10, HEADER_SCAN_UNITS = 50000 };

#endif
