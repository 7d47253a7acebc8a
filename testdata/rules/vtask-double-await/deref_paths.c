// vtask-double-await through a pointer to a thread ID: *p is the path p[0] of a parameter or a
// global pointer, so joining *p twice, *p and p[0], or (*pp)->th twice is a double join. Left
// alone: a loop stepping p, a thread created anew through p (pthread_create(p, ...)) or
// assigned (*p = t) between the joins, two different pointers, and a local pointer at a local
// thread ID (pthread_t *p = &t;), which t's own creation may refill while nothing writes p.
#include <pthread.h>
#include <stddef.h>

struct worker {
  pthread_t th;
};

void join_deref_twice(pthread_t *p) {
  pthread_join(*p, NULL);
  pthread_join(*p, NULL); // expect: vtask-double-await
}

void deref_then_index(pthread_t *p) {
  pthread_join(*p, NULL);
  pthread_join(p[0], NULL); // expect: vtask-double-await
}

void through_pointer_to_pointer(struct worker **pp) {
  pthread_join((*pp)->th, NULL);
  pthread_join((*pp)->th, NULL); // expect: vtask-double-await
}

void detach_after_join(pthread_t *p) {
  pthread_join(*p, NULL);
  pthread_detach(*p); // expect: vtask-double-await
}

void stepping(pthread_t *p, int n) {
  for (int i = 0; i < n; i++, p++)
    pthread_join(*p, NULL);
}

void zero_terminated(pthread_t *p) {
  while (*p) {
    pthread_join(*p, NULL);
    p++;
  }
}

void assigned_between(pthread_t *p, pthread_t t) {
  pthread_join(*p, NULL);
  *p = t;
  pthread_join(*p, NULL);
}

void created_between(pthread_t *p, void *(*fn)(void *)) {
  pthread_join(*p, NULL);
  pthread_create(p, NULL, fn, NULL);
  pthread_join(*p, NULL);
}

void created_then_detached(pthread_t *p, void *(*fn)(void *)) {
  if (pthread_create(p, NULL, fn, NULL) == 0)
    pthread_detach(*p);
}

void two_pointers(pthread_t *p, pthread_t *q) {
  pthread_join(*p, NULL);
  pthread_join(*q, NULL);
}

void local_pointer_at_local(void *(*fn)(void *)) {
  pthread_t t;
  pthread_t *p = &t;
  pthread_create(&t, NULL, fn, NULL);
  pthread_join(*p, NULL);
  pthread_create(&t, NULL, fn, NULL);
  pthread_join(*p, NULL);
}

void local_pointer_then_name(void *(*fn)(void *)) {
  pthread_t t;
  pthread_t *p = &t;
  pthread_create(&t, NULL, fn, NULL);
  pthread_join(*p, NULL);
  pthread_join(t, NULL); // expect-fixme: vtask-double-await
}
