// pthread_correlated_flag.c's buggy twin: the thread is joined under the flag and again
// unconditionally, so the path that created it joins it twice.
#include <pthread.h>
#include <stdlib.h>

static void *tf(void *arg) { return arg; }

int joined_twice(int argc) {
  pthread_t th;
  for (int i = 0; i < 4; i++) {
    int fork_it = 0;
    if (argc > i)
      fork_it = 1;
    if (!fork_it) {
      pthread_create(&th, NULL, tf, NULL);
      pthread_join(th, NULL);
    }
    if (!fork_it)
      pthread_join(th, NULL); // expect: vtask-double-await
  }
  return 0;
}
