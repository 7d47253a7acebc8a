/* hash.c: see hash.h. */
#include "analyzer/support/hash.h"

#include <stdio.h>
#include <xxhash.h>

uint64_t hash_bytes(const void *p, size_t n) { return XXH3_64bits(p, n); }

int hash_file(const char *path, uint64_t *out) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  XXH3_state_t *st = XXH3_createState();
  XXH3_64bits_reset(st);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    XXH3_64bits_update(st, buf, n);
  int ok = !ferror(f);
  fclose(f);
  *out = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  return ok;
}
