// vtask-double-await through access paths in loops: a pool's workers joined one per round are
// not one thread joined again, whether the loop steps a pointer (w++), declares its element in
// the body (struct worker *w = &p->workers[i]) or walks a list (w = w->next). Flagged: the same
// element's thread joined twice within one round, and a fixed element joined in every round.
#include <pthread.h>
#include <stddef.h>

struct worker {
  pthread_t tid;
  struct worker *next;
};
struct pool {
  struct worker *workers;
  struct worker *first;
  int n;
};

void twice_in_a_round(struct pool *p) {
  for (struct worker *w = p->workers; w < p->workers + p->n; w++) {
    pthread_join(w->tid, NULL);
    pthread_join(w->tid, NULL); // expect: vtask-double-await
  }
}

void fixed_element_each_round(struct pool *p) {
  for (int i = 0; i < p->n; i++)
    pthread_join(p->workers[0].tid, NULL); // expect: vtask-double-await
}

/* ---- near misses ---- */

void stepped_pointer(struct pool *p) {
  for (struct worker *w = p->workers; w < p->workers + p->n; w++)
    pthread_join(w->tid, NULL);
}

void element_declared_in_body(struct pool *p) {
  for (int i = 0; i < p->n; i++) {
    struct worker *w = &p->workers[i];
    pthread_join(w->tid, NULL);
  }
}

void walked_list(struct pool *p) {
  struct worker *w = p->first;
  while (w) {
    pthread_join(w->tid, NULL);
    w = w->next;
  }
}

void indexed(struct pool *p) {
  for (int i = 0; i < p->n; i++)
    pthread_join(p->workers[i].tid, NULL);
}
