// vtask-double-await through access paths whose structure changes between the joins, and
// calls that cannot change it. Left alone: a field on the way written (p->next = o), the
// base written through an alias (*pp = o), the handle written through another pointer to the
// same structure (q->th = t), a field's array element with a variable index (s->ths[i] = t),
// the whole element through a pointer (ws[i] = w), and a call of the program's, which may
// start another thread (refill(s)), before the join of a loop's round as well. Flagged: a
// write that cannot lead to the handle (s->n = 0, *count = 1), and, between two joins, a
// system function that cannot reach the program's structures: printf, fprintf to a FILE,
// pthread_mutex_lock on a mutex, snprintf into a buffer, strtol with an end pointer.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pool {
  pthread_t th;
  pthread_t ths[4];
  struct pool *next;
  pthread_mutex_t mu;
  int n;
};

void refill(struct pool *s);
void visit(void (*fn)(struct pool *), struct pool *s);

void prefix_field_written(struct pool *p, struct pool *o) {
  pthread_join(p->next->th, NULL);
  p->next = o;
  pthread_join(p->next->th, NULL);
}

void list_walked_by_field(struct pool *p) {
  while (p->next) {
    pthread_join(p->next->th, NULL);
    p->next = p->next->next;
  }
}

void base_written_through_alias(struct pool *s, struct pool *o) {
  struct pool **pp = &s;
  pthread_join(s->th, NULL);
  *pp = o;
  pthread_join(s->th, NULL);
}

void handle_written_through_another_pointer(struct pool *p, struct pool *q, pthread_t t) {
  pthread_join(q->th, NULL);
  p->th = t; /* p may be q */
  pthread_join(q->th, NULL);
}

void element_with_variable_index(struct pool *s, int i, pthread_t t) {
  pthread_join(s->ths[0], NULL);
  s->ths[i] = t;
  pthread_join(s->ths[0], NULL);
}

void element_through_pointer(struct pool *ws, int i, struct pool w) {
  pthread_join(ws[0].th, NULL);
  ws[i] = w;
  pthread_join(ws[0].th, NULL);
}

void own_call_between(struct pool *s) {
  pthread_join(s->th, NULL);
  refill(s);
  pthread_join(s->th, NULL);
}

void own_call_before_each_round(struct pool *s, int k) {
  while (k-- > 0) {
    refill(s);
    pthread_join(s->th, NULL);
  }
}

void callback_between(struct pool *s) {
  pthread_join(s->th, NULL);
  visit(refill, s);
  pthread_join(s->th, NULL);
}

void memset_between(struct pool *s) {
  pthread_join(s->th, NULL);
  memset(s, 0, sizeof *s);
  pthread_join(s->th, NULL);
}

void number_field_written(struct pool *s) {
  pthread_join(s->th, NULL);
  s->n = 0;
  pthread_join(s->th, NULL); // expect: vtask-double-await
}

void number_written_through_pointer(struct pool *s, int *count) {
  pthread_join(s->th, NULL);
  *count = 1;
  pthread_join(s->th, NULL); // expect: vtask-double-await
}

void printf_between(struct pool *s) {
  pthread_join(s->th, NULL);
  printf("joined %d\n", s->n);
  pthread_join(s->th, NULL); // expect: vtask-double-await
}

void fprintf_between(struct pool *s) {
  pthread_join(s->th, NULL);
  fprintf(stderr, "joined\n");
  pthread_join(s->th, NULL); // expect: vtask-double-await
}

void mutex_between(struct pool *s) {
  pthread_mutex_lock(&s->mu);
  pthread_join(s->th, NULL);
  pthread_mutex_unlock(&s->mu);
  pthread_join(s->th, NULL); // expect: vtask-double-await
}

void buffers_between(struct pool *s, const char *text) {
  char buf[32], *end;
  pthread_join(s->th, NULL);
  snprintf(buf, sizeof buf, "%d", s->n);
  s->n = (int)strtol(text, &end, 10);
  pthread_join(s->th, NULL); // expect: vtask-double-await
}
