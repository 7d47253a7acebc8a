/* arena.c: chunked bump allocator (see arena.h). */
#include "analyzer/support/arena.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>

struct arena_chunk {
  struct arena_chunk *next;
  size_t used, size;
  alignas(max_align_t) unsigned char data[];
};

enum { CHUNK_MIN = 64 * 1024 };

void arena_init(struct arena *a) {
  a->head = NULL;
  a->total = 0;
}

void arena_release(struct arena *a) {
  struct arena_chunk *c = a->head;
  while (c) {
    struct arena_chunk *next = c->next;
    free(c);
    c = next;
  }
  a->head = NULL;
  a->total = 0;
}

static size_t align_up(size_t n) {
  size_t al = alignof(max_align_t);
  return (n + al - 1) & ~(al - 1);
}

void *arena_alloc(struct arena *a, size_t size) {
  size = align_up(size ? size : 1);
  struct arena_chunk *c = a->head;
  if (!c || c->size - c->used < size) {
    size_t csize = size > CHUNK_MIN ? size : CHUNK_MIN;
    c = malloc(sizeof *c + csize);
    if (!c) {
      fprintf(stderr, "vtasklint: fatal: out of memory\n");
      abort();
    }
    c->size = csize;
    c->used = 0;
    c->next = a->head;
    a->head = c;
    a->total += csize;
  }
  void *p = c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *arena_strdup(struct arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void *arena_grow(struct arena *a, void *old, size_t old_size, size_t new_size) {
  /* Growing the newest allocation in place saves the copy in the common push-loop case. */
  struct arena_chunk *c = a->head;
  if (old && c && (unsigned char *)old + align_up(old_size) == c->data + c->used &&
      c->size - c->used >= align_up(new_size) - align_up(old_size)) {
    c->used += align_up(new_size) - align_up(old_size);
    memset((unsigned char *)old + old_size, 0, new_size - old_size);
    return old;
  }
  void *p = arena_alloc(a, new_size);
  if (old && old_size)
    memcpy(p, old, old_size);
  return p;
}
