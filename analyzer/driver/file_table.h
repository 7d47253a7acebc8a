/* file_table.h: a hash table from a unit's files (CXFile) to their index in an array the
 * caller keeps, in an arena. unit_files.c looks every file up there once per #include that
 * enters it: a linear scan (clang_File_isEqual per listed file) was quadratic in the unit's
 * files.
 *
 * A slot holds the file itself beside its index, so a look-up never reads the caller's array:
 * an entry exists in the table exactly when file_table_put has been called for it. (The table
 * it replaced held the index only and reserved a slot before the entry was appended; a look-up
 * of another file whose probe passed that slot read one element past the array, and crashed
 * the language server's worker when the arena's chunk held garbage there.) */
#ifndef VTL_DRIVER_FILE_TABLE_H
#define VTL_DRIVER_FILE_TABLE_H

#include <clang-c/Index.h>
#include <stdint.h>

#include "analyzer/support/arena.h"

struct file_slot {
  CXFile file; /* NULL: empty */
  uint32_t index;
};

struct file_table {
  struct arena *a;
  uint64_t (*hash)(CXFile);
  struct file_slot *slots;
  size_t nslots, n; /* nslots: 0 or a power of two, at least twice n */
};

/* file_table_init: an empty table whose slots live in a. hash: NULL for the file's unique ID
 * (device, inode, modification time; the handle itself when libclang has none); a test passes
 * its own to force collisions. */
void file_table_init(struct file_table *t, struct arena *a, uint64_t (*hash)(CXFile));

/* file_table_get: f's index + 1, or 0 when f was never put. */
uint32_t file_table_get(const struct file_table *t, CXFile f);

/* file_table_put: f (not in the table, not NULL) has index i from now on. */
void file_table_put(struct file_table *t, CXFile f, uint32_t i);

#endif
