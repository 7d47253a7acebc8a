/* unit_files.c: see unit_files.h. */
#include "analyzer/driver/unit_files.h"

#include <stdint.h>

struct collect {
  struct arena *a;
  CXTranslationUnit tu;
  CXFile main_file;
  bool seen_main;
  VEC(struct unit_file) files;
  uint32_t *slots; /* open addressing: index + 1 into files, 0 empty */
  size_t nslots;
};

static uint64_t file_hash(CXFile f) {
  CXFileUniqueID id;
  if (clang_getFileUniqueID(f, &id) != 0)
    return (uint64_t)(uintptr_t)f;
  uint64_t h = id.data[0] * 0x9E3779B97F4A7C15ull;
  h ^= id.data[1] + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
  return h ^ (h >> 29);
}

static void rehash(struct collect *c) {
  size_t n = c->nslots ? c->nslots * 2 : 256;
  uint32_t *s = ARENA_ARRAY(c->a, uint32_t, n);
  for (size_t i = 0; i < c->files.n; i++) {
    size_t k = file_hash(c->files.v[i].file) & (n - 1);
    while (s[k])
      k = (k + 1) & (n - 1);
    s[k] = (uint32_t)i + 1;
  }
  c->slots = s;
  c->nslots = n;
}

/* seen: f is already listed; otherwise its slot is taken for the entry about to be appended. */
static bool seen(struct collect *c, CXFile f) {
  if (2 * (c->files.n + 1) > c->nslots)
    rehash(c);
  size_t k = file_hash(f) & (c->nslots - 1);
  for (; c->slots[k]; k = (k + 1) & (c->nslots - 1))
    if (clang_File_isEqual(c->files.v[c->slots[k] - 1].file, f))
      return true;
  c->slots[k] = (uint32_t)c->files.n + 1;
  return false;
}

static void visit(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data) {
  struct collect *c = data;
  if (!f || seen(c, f))
    return;
  struct unit_file uf = {f, false, false, !c->seen_main, NULL, 0, NULL, 0};
  if (len > 0)
    clang_getFileLocation(stack[0], &uf.includer, NULL, NULL, &uf.include_off);
  if (len == 0 && c->main_file && clang_File_isEqual(f, c->main_file))
    uf.main = c->seen_main = true, uf.preamble = false;
  else if (len > 0 && clang_Location_isInSystemHeader(stack[0]))
    uf.system = true; /* included from a system header: one itself */
  else
    uf.system = clang_Location_isInSystemHeader(clang_getLocationForOffset(c->tu, f, 0)) != 0;
  if (!uf.system)
    uf.text = clang_getFileContents(c->tu, f, &uf.len);
  vec_push(c->a, &c->files, uf);
}

void unit_files_collect(struct arena *a, CXTranslationUnit tu, struct unit_files *out) {
  struct collect c = {a, tu, NULL, false, {0}, NULL, 0};
  CXString name = clang_getTranslationUnitSpelling(tu);
  c.main_file = clang_getFile(tu, clang_getCString(name));
  clang_disposeString(name);
  clang_getInclusions(tu, visit, &c);
  out->v = c.files.v;
  out->n = c.files.n;
}
