/* fuzz_cache.c: cache entries are untrusted (another process, another user, a disk error may
 * have written them): cache_parse_entry on arbitrary bytes, and pool_deserialize (the worker
 * wire format the entries embed). The "F" lines name files to hash: only regular files are
 * read, so a fuzzed path cannot hang the run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/driver/cache.h"
#include "analyzer/driver/pool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static struct cache *c;
  if (!c) {
    char dir[] = "/tmp/vtl-fuzz-cache-XXXXXX";
    struct strbuf why = STRBUF_INIT;
    if (mkdtemp(dir))
      c = cache_open(dir, &why);
    sb_release(&why);
    if (!c)
      abort();
  }
  const char key[17] = "0123456789abcdef";
  char *text = malloc(size + 1);
  memcpy(text, data, size);
  text[size] = 0;
  struct diag_list out;
  diag_list_init(&out);
  cache_parse_entry(c, key, text, size, &out);
  diag_list_release(&out);
  diag_list_init(&out);
  if (pool_deserialize((const char *)data, size, &out)) {
    /* what deserialises serialises back to what deserialises the same */
    struct strbuf sb = STRBUF_INIT;
    pool_serialize(&out, &sb);
    struct diag_list again;
    diag_list_init(&again);
    if (!pool_deserialize(sb_cstr(&sb), sb.len, &again) || again.items.n != out.items.n)
      abort();
    diag_list_release(&again);
    sb_release(&sb);
  }
  diag_list_release(&out);
  free(text);
  return 0;
}
