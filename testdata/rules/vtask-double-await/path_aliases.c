// vtask-double-await through access paths that another spelling, a buffer or another thread
// may refill between two joins (a helper's adversarial round on 3db7221). Left alone: a
// message received into the structure (through (char *)&m, or into a byte buffer the function
// reads as a message), a readv whose iovec points at it, an epoll event's data.ptr, a wait on a
// condition or a semaphore for the thread that restarts it, a thread created through another
// spelling of the same slot (a local pointer to it, an out pointer, (*w).tid for w->tid), the
// base written by pthread_join's result, a union's number member written over the thread ID.
// Flagged: the same slot spelled w->tid, w[0].tid and (*w).tid, and writes that cannot reach a
// thread ID (a string through a char **, a struct timespec, a structure of numbers).
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/uio.h>
#include <time.h>

void *run(void *arg);

struct done_msg {
  pthread_t th;
  int status;
};
struct worker {
  pthread_t tid;
  int restarts;
};
struct pool {
  struct worker ws[4];
};
struct sup {
  pthread_t th;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  sem_t restarted;
  int done;
  union {
    pthread_t th;
    uint64_t raw;
  } u;
};
struct child {
  pthread_t th;
};
struct stats {
  long joined, failed;
};

void received_into_the_message(mqd_t mq, int n) {
  struct done_msg m;
  while (n-- > 0) {
    if (mq_receive(mq, (char *)&m, sizeof m, NULL) < 0)
      return;
    pthread_join(m.th, NULL);
  }
}

int received_into_a_buffer(mqd_t mq) {
  char buf[8192];
  const struct done_msg *m = (const struct done_msg *)buf;
  if (mq_receive(mq, buf, sizeof buf, NULL) < 0)
    return -1;
  pthread_join(m->th, NULL);
  if (mq_receive(mq, buf, sizeof buf, NULL) < 0)
    return -1;
  pthread_join(m->th, NULL);
  return 0;
}

void read_through_an_iovec(int fd, int n) {
  struct done_msg m;
  struct iovec iov = {&m, sizeof m};
  while (n-- > 0 && readv(fd, &iov, 1) > 0)
    pthread_join(m.th, NULL);
}

void from_epoll(int ep) {
  struct epoll_event ev;
  epoll_wait(ep, &ev, 1, -1);
  pthread_join(((struct worker *)ev.data.ptr)->tid, NULL);
  epoll_wait(ep, &ev, 1, -1);
  pthread_join(((struct worker *)ev.data.ptr)->tid, NULL);
}

void restarted_by_another_thread(struct sup *s) {
  pthread_join(s->th, NULL);
  pthread_mutex_lock(&s->mu);
  while (!s->done)
    pthread_cond_wait(&s->cv, &s->mu);
  pthread_mutex_unlock(&s->mu);
  pthread_join(s->th, NULL);
}

void restarted_after_a_semaphore(struct sup *s) {
  pthread_join(s->th, NULL);
  sem_wait(&s->restarted);
  pthread_join(s->th, NULL);
}

int created_through_a_local_pointer(struct pool *pool) {
  struct worker *w = &pool->ws[0];
  pthread_join(pool->ws[0].tid, NULL);
  if (pthread_create(&w->tid, NULL, run, w) != 0)
    return -1;
  pthread_join(pool->ws[0].tid, NULL);
  return 0;
}

void created_through_an_out_pointer(struct pool *pool, pthread_t *out) {
  pthread_join(pool->ws[0].tid, NULL);
  pthread_create(out, NULL, run, NULL);
  pthread_join(pool->ws[0].tid, NULL);
}

void created_under_another_spelling(struct worker *w) {
  pthread_join((*w).tid, NULL);
  pthread_create(&w->tid, NULL, run, w);
  pthread_join((*w).tid, NULL);
}

void field_then_pointer_element(struct worker *w, pthread_t *cur) {
  pthread_join(*cur, NULL);
  pthread_create(&w->tid, NULL, run, w); /* cur may be &w->tid */
  pthread_join(*cur, NULL);
}

void base_from_the_join(pthread_t *launchers, int n) {
  struct child *c;
  for (int i = 0; i < n; i++) {
    pthread_join(launchers[i], (void **)&c);
    pthread_join(c->th, NULL);
  }
}

void union_number_written(struct sup *s, uint64_t saved) {
  pthread_join(s->u.th, NULL);
  s->u.raw = saved;
  pthread_join(s->u.th, NULL);
}

void arrow_then_index(struct worker *w) {
  pthread_join(w->tid, NULL);
  pthread_join(w[0].tid, NULL); // expect: vtask-double-await
}

void arrow_then_star(struct worker *w) {
  pthread_join(w->tid, NULL);
  pthread_join((*w).tid, NULL); // expect: vtask-double-await
}

void string_through_char_pointer(struct sup *s, const char **why) {
  pthread_join(s->th, NULL);
  *why = "stopped";
  pthread_join(s->th, NULL); // expect: vtask-double-await
}

void timespec_written(struct sup *s, struct timespec *when) {
  pthread_join(s->th, NULL);
  *when = (struct timespec){0, 0};
  pthread_join(s->th, NULL); // expect: vtask-double-await
}

void numbers_written(struct sup *s, struct stats *st, struct stats **pst, struct stats *fresh) {
  pthread_join(s->th, NULL);
  *st = (struct stats){1, 0};
  *pst = fresh;
  pthread_join(s->th, NULL); // expect: vtask-double-await
}
