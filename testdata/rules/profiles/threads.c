// Profile pthread with C11 <threads.h>: a thrd_t is created by thrd_create(&t, ...) (taking &t
// there is not an escape) and consumed by thrd_join() or thrd_detach(): joining twice, or joining
// a detached thread, is undefined behaviour. Near misses: one join, exclusive branches, a thread
// created and joined afresh on each iteration, arrays of threads, thrd_t in a struct field, a
// thread never joined, thrd_equal (takes the thrd_t by value without consuming it).
#include <stddef.h>
#include <threads.h>

int worker(void *arg);
int more(void);

void join_twice(void) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  thrd_join(t, NULL);
  thrd_join(t, NULL); // expect: vtask-double-await
}

int join_twice_keeping_result(void *arg) {
  thrd_t t;
  int res = 0;
  if (thrd_create(&t, worker, arg) != thrd_success)
    return -1;
  thrd_join(t, &res);
  thrd_join(t, &res); // expect: vtask-double-await
  return res;
}

void join_after_detach(void) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  thrd_detach(t);
  thrd_join(t, NULL); // expect: vtask-double-await
}

void detach_twice(void) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  thrd_detach(t);
  thrd_detach(t); // expect: vtask-double-await
}

void join_then_detach(void) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  thrd_join(t, NULL);
  thrd_detach(t); // expect: vtask-double-await
}

/* Joined on one path, then again after the branches. */
int join_in_branch_then_after(int early) {
  thrd_t t;
  int res = 0;
  if (thrd_create(&t, worker, NULL) != thrd_success)
    return -1;
  if (early)
    thrd_join(t, &res);
  thrd_join(t, &res); // expect: vtask-double-await
  return res;
}

void join_in_loop(void) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  while (more())
    thrd_join(t, NULL); // expect: vtask-double-await
}

/* A copy of the handle denotes the same thread. */
void join_through_copy(void) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  thrd_t u = t;
  thrd_join(u, NULL);
  thrd_join(t, NULL); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: joined once. */
int join_once(void *arg) {
  thrd_t t;
  int res = 0;
  if (thrd_create(&t, worker, arg) != thrd_success)
    return -1;
  thrd_join(t, &res);
  return res;
}

/* Quiet: joined or detached in exclusive branches. */
void exclusive_branches(int wait) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  if (wait)
    thrd_join(t, NULL);
  else
    thrd_detach(t);
}

/* Quiet: thrd_equal takes the thrd_t by value without consuming it. */
int equal_then_join(thrd_t other) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  int same = thrd_equal(t, other);
  thrd_join(t, NULL);
  return same;
}

/* Quiet: thrd_create re-initialises t on each iteration. */
void create_join_per_iteration(void) {
  thrd_t t;
  while (more()) {
    thrd_create(&t, worker, NULL);
    thrd_join(t, NULL);
  }
}

/* Quiet: every element of the array is a different thread, each joined once. */
void thread_pool(void) {
  thrd_t pool[8];
  for (int i = 0; i < 8; i++)
    thrd_create(&pool[i], worker, NULL);
  for (int i = 0; i < 8; i++)
    thrd_join(pool[i], NULL);
}

/* Quiet: a created thread that is never joined is not reported. */
void never_joined(void) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
}

/* Quiet: thrd_t in struct fields is normal (the pthread profile allows fields). */
struct pool {
  thrd_t threads[4];
  thrd_t supervisor;
};

void pool_join(struct pool *p) {
  for (int i = 0; i < 4; i++)
    thrd_join(p->threads[i], NULL);
  thrd_join(p->supervisor, NULL);
}

/* Quiet: thrd_current() is not a thread this function created or may join. */
int is_current(thrd_t t) {
  return thrd_equal(t, thrd_current());
}
