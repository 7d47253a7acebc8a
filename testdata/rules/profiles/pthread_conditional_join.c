// A helper that joins a thread only when asked to, and a caller that joins it otherwise: one
// join on every path, so nothing is reported. The helper consumes its parameter on some paths
// only, which makes the ID escape at the call instead of counting as a join.
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

void *worker(void *);

static void stop_worker(pthread_t t, bool wait) {
  if (wait)
    pthread_join(t, NULL);
}

static void stop_now(pthread_t t) { pthread_join(t, NULL); }

int run(bool wait_now) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL))
    return -1;
  stop_worker(t, wait_now);
  if (!wait_now)
    pthread_join(t, NULL);
  return 0;
}

/* Still reported: a helper that joins on every path, then a second join. */
int run_twice(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL))
    return -1;
  stop_now(t);
  pthread_join(t, NULL); // expect: vtask-double-await
  return 0;
}
