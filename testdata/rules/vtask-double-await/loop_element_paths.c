// vtask-double-await through access paths in loops: a pool's workers joined one per round are
// not one thread joined again, whether the loop steps a pointer (w++, before the join or
// after), declares its element in the body (struct worker *w = &p->workers[i]), assigns it
// (w = &p->workers[i], w = dequeue(p)) or walks a list (w = w->next), a goto loop too.
// A step that joins on its right side (w = pthread_join(w->tid, NULL) == 0 ? w->next : NULL)
// joins the old w's thread. Flagged: the same element's thread joined twice within one round (a
// local struct's or array's too, and across an inner loop's rounds), and a fixed element (a
// static one declared in the body too) joined in every round.
#include <pthread.h>
#include <stddef.h>

void *run(void *arg);
struct worker *dequeue(void *q);

struct worker {
  pthread_t tid;
  struct worker *next;
};
struct pool {
  struct worker *workers;
  struct worker *first;
  int n;
};
struct job {
  pthread_t tid;
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

void local_struct_each_round(int n) {
  for (int i = 0; i < n; i++) {
    struct job j;
    pthread_create(&j.tid, NULL, run, NULL);
    pthread_join(j.tid, NULL);
    pthread_detach(j.tid); // expect: vtask-double-await
  }
}

void local_array_each_round(int n) {
  for (int i = 0; i < n; i++) {
    pthread_t th[2];
    pthread_create(&th[0], NULL, run, NULL);
    pthread_join(th[0], NULL);
    pthread_join(th[0], NULL); // expect: vtask-double-await
  }
}

void inner_rounds(struct pool *p) {
  for (int i = 0; i < p->n; i++) {
    struct worker *w = &p->workers[i];
    for (int r = 0; r < 2; r++)
      pthread_join(w->tid, NULL); // expect: vtask-double-await
  }
}

void static_element_each_round(int n) {
  for (int i = 0; i < n; i++) {
    static struct job kept;
    pthread_join(kept.tid, NULL); // expect: vtask-double-await
  }
}

/* ---- near misses ---- */

void assigned_before_join(struct pool *p) {
  struct worker *w;
  for (int i = 0; i < p->n; i++) {
    w = &p->workers[i];
    pthread_join(w->tid, NULL);
  }
}

void dequeued(struct pool *p) {
  struct worker *w;
  while ((w = dequeue(p)) != NULL)
    pthread_join(w->tid, NULL);
}

void stepped_first(struct pool *p) {
  struct worker *w = p->workers - 1;
  for (int i = 0; i < p->n; i++) {
    ++w;
    pthread_join(w->tid, NULL);
  }
}

void joined_in_the_step(struct pool *p) {
  struct worker *w = p->first;
  w = pthread_join(w->tid, NULL) == 0 ? w->next : NULL;
  if (w)
    pthread_join(w->tid, NULL);
}

void goto_loop(struct pool *p) {
  int i = 0;
again: {
  struct worker *w = &p->workers[i];
  pthread_join(w->tid, NULL);
}
  if (++i < p->n)
    goto again;
}

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
