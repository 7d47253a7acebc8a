/* dispatch.c: see dispatch.h. */
#include "analyzer/driver/dispatch.h"

#include <stdlib.h>

#include "analyzer/driver/preamble.h"

struct dispatch {
  const size_t *order;
  size_t n;
  const uint32_t *group, *group_units;
  bool *taken;     /* per position in order */
  size_t next;     /* every position before it is taken */
  size_t *first;   /* per group (its first job): the position of its first unit in order */
  int *owner;      /* per group: the worker that started it, -1 none */
  uint32_t *holds; /* per worker: the group its process holds (PREAMBLE_NONE: none) */
  size_t *peeked;  /* per worker: the position dispatch_peek gave */
};

struct dispatch *dispatch_new(const size_t *order, size_t n, const uint32_t *group, const uint32_t *group_units,
                              int nworkers) {
  struct dispatch *d = calloc(1, sizeof *d);
  if (!d)
    return NULL;
  *d = (struct dispatch){order, n, group && group_units ? group : NULL, group_units, NULL, 0, NULL, NULL, NULL, NULL};
  d->taken = calloc(n + 1, sizeof *d->taken);
  d->first = calloc(n + 1, sizeof *d->first);
  d->owner = calloc(n + 1, sizeof *d->owner);
  d->holds = calloc((size_t)nworkers, sizeof *d->holds);
  d->peeked = calloc((size_t)nworkers, sizeof *d->peeked);
  if (!d->taken || !d->first || !d->owner || !d->holds || !d->peeked) {
    dispatch_free(d);
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    d->owner[i] = -1, d->first[i] = SIZE_MAX;
  for (size_t p = n; d->group && p-- > 0;) /* each group's first position */
    if (d->group[order[p]] != PREAMBLE_NONE)
      d->first[d->group[order[p]]] = p;
  for (int k = 0; k < nworkers; k++)
    d->holds[k] = PREAMBLE_NONE;
  return d;
}

void dispatch_free(struct dispatch *d) {
  if (!d)
    return;
  free(d->taken);
  free(d->first);
  free(d->owner);
  free(d->holds);
  free(d->peeked);
  free(d);
}

static uint32_t group_at(const struct dispatch *d, size_t p) {
  return d->group ? d->group[d->order[p]] : PREAMBLE_NONE;
}

size_t dispatch_peek(struct dispatch *d, int k) {
  size_t p;
  uint32_t held = d->holds[k];
  /* the group the worker holds, while it has units left (they are consecutive) */
  if (held != PREAMBLE_NONE)
    for (p = d->first[held]; p < d->n && group_at(d, p) == held; p++)
      if (!d->taken[p])
        return d->order[d->peeked[k] = p];
  /* a unit of no group, or of a group nobody (else) has started */
  for (p = d->next; p < d->n;) {
    uint32_t g = group_at(d, p);
    if (d->taken[p]) {
      p++;
    } else if (g == PREAMBLE_NONE || d->owner[g] < 0 || d->owner[g] == k) {
      return d->order[d->peeked[k] = p];
    } else {
      p = d->first[g] + d->group_units[g]; /* past that group */
    }
  }
  /* nothing else: a unit of another worker's group */
  for (p = d->next; p < d->n; p++)
    if (!d->taken[p])
      return d->order[d->peeked[k] = p];
  return SIZE_MAX;
}

void dispatch_take(struct dispatch *d, int k, bool analysed) {
  size_t p = d->peeked[k];
  d->taken[p] = true;
  while (d->next < d->n && d->taken[d->next])
    d->next++;
  if (!analysed)
    return;
  uint32_t g = group_at(d, p);
  if (g != PREAMBLE_NONE && d->owner[g] < 0)
    d->owner[g] = k;
  d->holds[k] = g; /* group.c drops a group at a unit of another, or of none */
}

void dispatch_forget(struct dispatch *d, int k) { d->holds[k] = PREAMBLE_NONE; }
