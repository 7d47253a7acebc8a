/* arena.h: bump allocation with one owner. Every object a translation unit's analysis creates
 * lives in that unit's arena; arena_release() frees them all at once (sparse's allocate.c, chibicc).
 * Nothing in an arena is freed individually. */
#ifndef VTL_SUPPORT_ARENA_H
#define VTL_SUPPORT_ARENA_H

#include <stddef.h>
#include <string.h>

struct arena_chunk;

struct arena {
  struct arena_chunk *head; /* newest chunk first */
  size_t total;             /* bytes obtained from the system, for statistics */
};

/* arena_init: an empty arena; allocates nothing until the first arena_alloc. */
void arena_init(struct arena *a);
/* arena_release: frees every object of the arena; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);
/* arena_alloc: size bytes, zeroed, aligned for any object. Aborts on out-of-memory. */
void *arena_alloc(struct arena *a, size_t size);
/* arena_strdup / arena_strndup: copies into the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* arena_grow: resizes an array living in the arena (old contents copied; the old block stays
 * in the arena until release). */
void *arena_grow(struct arena *a, void *old, size_t old_size, size_t new_size);

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

/* VEC(T): a growable array in an arena. Zero-initialise; vec_push appends. */
#define VEC(T)                                                                                     \
  struct {                                                                                         \
    T *v;                                                                                          \
    size_t n, cap;                                                                                 \
  }

#define vec_reserve(a, vec, want)                                                                  \
  do {                                                                                             \
    if ((vec)->n + (want) > (vec)->cap) {                                                          \
      size_t ncap_ = (vec)->cap ? (vec)->cap * 2 : 8;                                              \
      while (ncap_ < (vec)->n + (want))                                                            \
        ncap_ *= 2;                                                                                \
      (vec)->v = arena_grow((a), (vec)->v, sizeof *(vec)->v * (vec)->cap, sizeof *(vec)->v * ncap_); \
      (vec)->cap = ncap_;                                                                          \
    }                                                                                              \
  } while (0)

#define vec_push(a, vec, x)                                                                        \
  do {                                                                                             \
    vec_reserve((a), (vec), 1);                                                                    \
    (vec)->v[(vec)->n++] = (x);                                                                    \
  } while (0)

#endif
