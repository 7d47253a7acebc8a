// Flags that record what happened: a consumption followed by `done = true` is not repeated on
// the loop's next turn (the edge back into the body needs done == false, which that path no
// longer has). The classic drain / retry / join-once loops.
#include <pthread.h>
#include <stdbool.h>
#include <vtask.h>

vtask_t read_async(int fd);
bool more(void);

/* Quiet: once awaited, done is true and the loop ends. */
void drain(int fd) {
  vtask_t t = read_async(fd);
  bool done = false;
  while (!done) {
    if (more()) {
      vtask_await(t);
      done = true;
    }
  }
}

/* Quiet: the same with an int. */
void drain_int(int fd) {
  vtask_t t = read_async(fd);
  int pending = 1;
  while (pending) {
    if (more()) {
      vtask_await(t);
      pending = 0;
    }
  }
}

/* Quiet: join once, guarded by a flag. */
void join_once(void) {
  pthread_t t;
  bool joined = false;
  pthread_create(&t, NULL, NULL, NULL);
  for (int i = 0; i < 3; i++) {
    if (!joined) {
      pthread_join(t, NULL);
      joined = true;
    }
  }
}

void flag_never_set(int fd) {
  vtask_t t = read_async(fd);
  bool done = false;
  while (!done) {
    if (more()) {
      vtask_await(t); // expect: vtask-double-await
    }
  }
}

void flag_reset_after(int fd) {
  vtask_t t = read_async(fd);
  bool done = false;
  while (!done) {
    if (more()) {
      vtask_await(t); // expect: vtask-double-await
      done = true;
    }
    done = false;
  }
}
