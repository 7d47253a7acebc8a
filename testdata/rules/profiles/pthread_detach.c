// Library note (pthread): after pthread_detach() the thread's ID stays valid until the thread
// terminates (POSIX XSH 2.9.2), so pthread_cancel(), pthread_kill() and pthread_equal() on a
// detached, running thread are fine; joining or detaching it again is not. After pthread_join()
// the ID may already name another thread: every use is a bug. From ../shared/repro/
// pthread_cancel_after_detach.c (the POSIX thread conformance tests), with its near misses.
#define _POSIX_C_SOURCE 200809L /* pthread_kill */
#include <pthread.h>
#include <signal.h>
#include <threads.h>
#include <unistd.h>

static void *sleeper(void *arg) {
  sleep(10);
  return arg;
}

int cancel_detached(void) {
  pthread_t th;
  if (pthread_create(&th, NULL, sleeper, NULL) != 0)
    return 1;
  if (pthread_detach(th) != 0)
    return 1;
  return pthread_cancel(th) != 0;
}

int join_detached(void) {
  pthread_t th;
  if (pthread_create(&th, NULL, sleeper, NULL) != 0)
    return 1;
  pthread_detach(th);
  return pthread_join(th, NULL); // expect: vtask-double-await
}

/* ---- near misses: uses of a detached thread ---- */

/* Quiet: signalled and compared after detaching. */
int kill_and_compare_detached(pthread_t other) {
  pthread_t th;
  pthread_create(&th, NULL, sleeper, NULL);
  pthread_detach(th);
  pthread_kill(th, SIGUSR1);
  return pthread_equal(th, other);
}

/* Quiet: a copy of the detached ID is the same valid ID. */
int cancel_detached_copy(void) {
  pthread_t th;
  pthread_create(&th, NULL, sleeper, NULL);
  pthread_t copy = th;
  pthread_detach(th);
  return pthread_cancel(copy);
}

/* Quiet: C11 threads: thrd_equal after thrd_detach. */
static int c11_worker(void *arg) {
  (void)arg;
  return 0;
}
int c11_equal_detached(thrd_t other) {
  thrd_t t;
  thrd_create(&t, c11_worker, NULL);
  thrd_detach(t);
  return thrd_equal(t, other);
}

/* ---- still reported ---- */

void detach_twice(void) {
  pthread_t th;
  pthread_create(&th, NULL, sleeper, NULL);
  pthread_detach(th);
  pthread_cancel(th);
  pthread_detach(th); // expect: vtask-double-await
}

/* After a join the ID may name another thread: any use is a bug. */
int cancel_joined(void) {
  pthread_t th;
  pthread_create(&th, NULL, sleeper, NULL);
  pthread_join(th, NULL);
  return pthread_cancel(th); // expect: vtask-use-after-await
}

int compare_joined(pthread_t other) {
  pthread_t th;
  pthread_create(&th, NULL, sleeper, NULL);
  pthread_join(th, NULL);
  return pthread_equal(th, other); // expect: vtask-use-after-await
}

/* Joined on one path, detached on the other: the cancel is a use after the join. */
int cancel_after_join_or_detach(int wait) {
  pthread_t th;
  pthread_create(&th, NULL, sleeper, NULL);
  if (wait)
    pthread_join(th, NULL);
  else
    pthread_detach(th);
  return pthread_cancel(th); // expect: vtask-use-after-await
}

/* The same, with the detach first in the source. */
int cancel_after_detach_or_join(int wait) {
  pthread_t th;
  pthread_create(&th, NULL, sleeper, NULL);
  if (!wait)
    pthread_detach(th);
  else
    pthread_join(th, NULL);
  return pthread_cancel(th); // expect: vtask-use-after-await
}

/* Detached, then joined: one report, for the join. */
void detach_then_join_then_cancel(void) {
  pthread_t th;
  pthread_create(&th, NULL, sleeper, NULL);
  pthread_detach(th);
  pthread_join(th, NULL); // expect: vtask-double-await
  pthread_cancel(th);
}
