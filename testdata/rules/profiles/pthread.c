// Profile pthread (C): a pthread_t is created by pthread_create(&t, ...) (taking &t there is not
// an escape) and consumed by pthread_join() or pthread_detach(): joining twice, or joining a
// detached thread, is undefined behaviour. Near misses: one join, exclusive branches, a thread
// created and joined afresh on each iteration, arrays of threads, pthread_t in a struct field,
// a thread never joined (it may have been created detached through its attributes), other calls
// that take the pthread_t by value (pthread_cancel, pthread_equal, ...), which do not consume it.
#include <pthread.h>
#include <stddef.h>

void *worker(void *arg);
int more(void);

void join_twice(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_join(t, NULL); // expect: vtask-double-await
}

void *join_twice_keeping_result(void *arg) {
  pthread_t t;
  void *res = NULL;
  if (pthread_create(&t, NULL, worker, arg) != 0)
    return NULL;
  pthread_join(t, &res);
  pthread_join(t, &res); // expect: vtask-double-await
  return res;
}

void join_after_detach(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  pthread_join(t, NULL); // expect: vtask-double-await
}

void detach_twice(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  pthread_detach(t); // expect: vtask-double-await
}

void join_then_detach(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_detach(t); // expect: vtask-double-await
}

/* Joined on one path (e.g. an error path), then again after the branches. */
int join_in_branch_then_after(int fail) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return -1;
  if (fail) {
    pthread_cancel(t);
    pthread_join(t, NULL);
  }
  pthread_join(t, NULL); // expect: vtask-double-await
  return 0;
}

void join_in_loop(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  while (more())
    pthread_join(t, NULL); // expect: vtask-double-await
}

void join_parameter_twice(pthread_t t) {
  pthread_join(t, NULL);
  pthread_join(t, NULL); // expect: vtask-double-await
}

/* A copy of the handle denotes the same thread. */
void join_through_copy(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_t u = t;
  pthread_join(u, NULL);
  pthread_join(t, NULL); // expect: vtask-double-await
}

/* The helper's body joins its parameter (its summary), so calling it consumes t. */
static void join_quietly(pthread_t t) {
  pthread_join(t, NULL);
}

void join_via_helper_then_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  join_quietly(t);
  pthread_join(t, NULL); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: joined once. */
void *join_once(void *arg) {
  pthread_t t;
  void *res = NULL;
  if (pthread_create(&t, NULL, worker, arg) != 0)
    return NULL;
  pthread_join(t, &res);
  return res;
}

/* Quiet: detached once. */
void detach_once(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) == 0)
    pthread_detach(t);
}

/* Quiet: joined or detached in exclusive branches. */
void exclusive_branches(int wait) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  if (wait)
    pthread_join(t, NULL);
  else
    pthread_detach(t);
}

/* Quiet: cancel, then join: the usual way to stop a thread. pthread_cancel takes the pthread_t
   by value without consuming it; only pthread_join and pthread_detach consume. */
void cancel_then_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_cancel(t);
  pthread_join(t, NULL);
}

/* Quiet: pthread_equal takes the pthread_t by value without consuming it. */
int equal_then_join(pthread_t other) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  int same = pthread_equal(t, other);
  pthread_join(t, NULL);
  return same;
}

/* Quiet: pthread_setschedprio takes the pthread_t by value without consuming it. */
void setschedprio_then_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_setschedprio(t, 0);
  pthread_join(t, NULL);
}

/* Quiet: pthread_create re-initialises t on each iteration. */
void create_join_per_iteration(void) {
  pthread_t t;
  while (more()) {
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
  }
}

/* Quiet: re-created after the join. */
void recreate_after_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
}

/* Quiet: every element of the array is a different thread, each joined once. */
void thread_pool(void) {
  pthread_t pool[8];
  for (int i = 0; i < 8; i++)
    pthread_create(&pool[i], NULL, worker, NULL);
  for (int i = 0; i < 8; i++)
    pthread_join(pool[i], NULL);
}

/* Quiet: created detached through its attributes, never joined. */
void created_detached(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t t;
  pthread_create(&t, &attr, worker, NULL);
  pthread_attr_destroy(&attr);
}

/* Quiet: a created thread that is never joined is not reported. */
void never_joined(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
}

/* Quiet: pthread_t in struct fields is normal (the pthread profile allows fields). */
struct server {
  pthread_t acceptor;
  pthread_t workers[4];
  int running;
};

void server_stop(struct server *s) {
  s->running = 0;
  pthread_join(s->acceptor, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(s->workers[i], NULL);
}

/* Quiet: pthread_self() is not a thread this function created or may join. */
int is_self(pthread_t t) {
  return pthread_equal(t, pthread_self());
}
