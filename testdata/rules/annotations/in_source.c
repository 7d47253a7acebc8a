// Annotations (spec section 4) written in the analysed file itself rather than in a header:
// a typedef'd struct marked vtask::single_use, parameter roles given on only one of several
// declarations of a function (the first, or a later one: the annotation holds for the calls
// after it either way), and functions defined in this file, whose annotation is their role
// whatever their body does with the parameter (a summary does not replace it).
#include <stdbool.h>
#include <stddef.h>

#define SINGLE_USE __attribute__((annotate("vtask::single_use")))
#define AWAITS __attribute__((annotate("vtask::await")))
#define GETS_RESULT __attribute__((annotate("vtask::get_result")))
#define QUERIES __attribute__((annotate("vtask::query")))
#define TRANSFERS __attribute__((annotate("vtask::transfer")))
#define COMPLETED __attribute__((annotate("vtask::returns_completed")))

typedef struct SINGLE_USE req {
  void *impl;
} req_t;

req_t req_start(int n);
void *req_wait(req_t r AWAITS);
void *req_wait(req_t r); /* an unannotated redeclaration */
void *req_get(req_t r);  /* annotated only on the next declaration */
void *req_get(req_t r GETS_RESULT);
bool req_done(req_t r);
bool req_done(req_t r QUERIES);
req_t req_cached(void *v) COMPLETED;

/* Defined here: the body reads a field only, but the annotation says await / query / transfer. */
static void *req_wait_here(req_t r AWAITS) { return r.impl; }
static bool req_ready_here(req_t r QUERIES) { return r.impl != NULL; }
static void req_hand_off(req_t r TRANSFERS) { (void)r; }

void wait_twice(int n) {
  req_t r = req_start(n);
  req_wait(r);
  req_wait(r); // expect: vtask-double-await
}

void *get_unguarded(int n) {
  req_t r = req_start(n);
  return req_get(r); // expect: vtask-blocking-unfinished
}

void wait_here_twice(int n) {
  req_t r = req_start(n);
  req_wait_here(r);
  req_wait_here(r); // expect: vtask-double-await
}

void *hand_off_then_wait(int n) {
  req_t r = req_start(n);
  req_hand_off(r);
  return req_wait(r); // expect: vtask-double-await
}

/* ---- near misses (quiet) ---- */

void *get_guarded(int n) {
  req_t r = req_start(n);
  if (req_done(r))
    return req_get(r);
  return req_wait(r);
}

void *get_guarded_here(int n) {
  req_t r = req_start(n);
  if (req_ready_here(r))
    return req_get(r);
  return req_wait_here(r);
}

void *get_cached(void *v) {
  req_t r = req_cached(v);
  return req_get(r);
}

void *query_then_wait(int n) {
  req_t r = req_start(n);
  req_ready_here(r);
  return req_wait(r);
}
