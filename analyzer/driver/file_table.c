/* file_table.c: see file_table.h. Open addressing with linear probing; the table doubles
 * before it is half full, so a probe always ends at an empty slot. */
#include "analyzer/driver/file_table.h"

/* unique_id_hash: of the fields clang_File_isEqual compares (device, inode), not the time. */
static uint64_t unique_id_hash(CXFile f) {
  CXFileUniqueID id;
  if (clang_getFileUniqueID(f, &id) != 0)
    return (uint64_t)(uintptr_t)f;
  uint64_t h = id.data[0] * 0x9E3779B97F4A7C15ull;
  h ^= id.data[1] + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
  return h ^ (h >> 29);
}

void file_table_init(struct file_table *t, struct arena *a, uint64_t (*hash)(CXFile)) {
  *t = (struct file_table){a, hash ? hash : unique_id_hash, NULL, 0, 0};
}

/* probe: the slot holding f, or the empty slot where f would go. */
static struct file_slot *probe(const struct file_table *t, CXFile f) {
  size_t mask = t->nslots - 1, i = t->hash(f) & mask;
  while (t->slots[i].file && !clang_File_isEqual(t->slots[i].file, f))
    i = (i + 1) & mask;
  return &t->slots[i];
}

uint32_t file_table_get(const struct file_table *t, CXFile f) {
  if (!t->nslots)
    return 0;
  const struct file_slot *s = probe(t, f);
  return s->file ? s->index + 1 : 0;
}

void file_table_put(struct file_table *t, CXFile f, uint32_t i) {
  if (2 * (t->n + 1) > t->nslots) {
    struct file_table grown = *t;
    grown.nslots = t->nslots ? t->nslots * 2 : 256;
    grown.slots = ARENA_ARRAY(t->a, struct file_slot, grown.nslots);
    for (size_t k = 0; k < t->nslots; k++)
      if (t->slots[k].file)
        *probe(&grown, t->slots[k].file) = t->slots[k];
    *t = grown;
  }
  *probe(t, f) = (struct file_slot){f, i};
  t->n++;
}
