/* occurrence.h: numbering equal fingerprints (SARIF's and GitLab's): a small open-addressing
 * table counting how often each hash was seen, so the n-th finding with the same rule, file
 * and message gets occurrence n, in linear time. */
#ifndef VTL_REPORT_OCCURRENCE_H
#define VTL_REPORT_OCCURRENCE_H

#include <stddef.h>
#include <stdint.h>

struct occurrence {
  uint64_t *keys;
  unsigned *counts; /* 0: empty slot */
  size_t mask;
};

/* occurrence_init: a table for up to n distinct hashes. */
void occurrence_init(struct occurrence *t, size_t n);
/* occurrence_next: how many times h was seen, this one included (1 if the table could not be
 * allocated). */
unsigned occurrence_next(struct occurrence *t, uint64_t h);
void occurrence_release(struct occurrence *t);

#endif
