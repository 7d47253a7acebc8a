// vtask-double-await behind a guard kept in a field: `if (p->running) { pthread_join(p->th,
// NULL); p->running = 0; }` twice (a stop routine's macro used twice, a destroy after a stop)
// joins once, as a local flag would. The field is a condition variable of its own path: an
// assignment sets it, and what it knew is forgotten where the field may be written (another
// pointer's p->running, a call of the program's). Flagged: a guard that is not cleared, and one
// set again through another pointer (the thread itself was still joined).
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct pool {
  pthread_t th;
  bool running;
  int state;
};

#define POOL_STOP(p)                                                                                                   \
  do {                                                                                                                 \
    if ((p)->running) {                                                                                                \
      pthread_join((p)->th, NULL);                                                                                     \
      (p)->running = false;                                                                                            \
    }                                                                                                                  \
  } while (0)

void stop_twice(struct pool *p) {
  POOL_STOP(p);
  POOL_STOP(p);
}

void stop_then_destroy(struct pool *p) {
  if (p->running) {
    pthread_join(p->th, NULL);
    p->running = false;
  }
  if (p->running)
    pthread_join(p->th, NULL);
}

void by_state(struct pool *p) {
  if (p->state == 1) {
    pthread_join(p->th, NULL);
    p->state = 2;
  }
  if (p->state == 1)
    pthread_join(p->th, NULL);
}

void guard_not_cleared(struct pool *p) {
  if (p->running)
    pthread_join(p->th, NULL);
  if (p->running)
    pthread_join(p->th, NULL); // expect: vtask-double-await
}

void set_again_through_another(struct pool *p, struct pool *q) {
  if (p->running) {
    pthread_join(p->th, NULL);
    p->running = false;
  }
  q->running = true; /* q may be p: its thread was joined all the same */
  if (p->running)
    pthread_join(p->th, NULL); // expect: vtask-double-await
}
