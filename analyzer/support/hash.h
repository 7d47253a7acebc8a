/* hash.h: content hashes (xxHash's XXH3, 64 bits) for the result cache. */
#ifndef VTL_SUPPORT_HASH_H
#define VTL_SUPPORT_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash_bytes(const void *p, size_t n);
/* hash_file: the hash of a regular file's contents; false when it cannot be read or is not a
 * regular file (a device, a FIFO, a directory). */
int hash_file(const char *path, uint64_t *out);

#endif
