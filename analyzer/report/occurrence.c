/* occurrence.c: see occurrence.h. */
#include "analyzer/report/occurrence.h"

#include <stdlib.h>

void occurrence_init(struct occurrence *t, size_t n) {
  size_t cap = 16;
  while (cap < 2 * n)
    cap *= 2;
  t->keys = calloc(cap, sizeof *t->keys);
  t->counts = calloc(cap, sizeof *t->counts);
  t->mask = cap - 1;
}

unsigned occurrence_next(struct occurrence *t, uint64_t h) {
  if (!t->keys || !t->counts)
    return 1;
  size_t i = (size_t)(h ^ (h >> 32)) & t->mask;
  while (t->counts[i] && t->keys[i] != h)
    i = (i + 1) & t->mask;
  t->keys[i] = h;
  return ++t->counts[i];
}

void occurrence_release(struct occurrence *t) {
  free(t->keys);
  free(t->counts);
  t->keys = NULL;
  t->counts = NULL;
}
