// vtask-use-after-await on a joined thread: once joined, its ID may name another thread, so
// handing it to anything that takes a thread (pthread_kill, a function of the project taking
// a pthread_t) is flagged. Near misses: the ID's value read as a number after the join, which
// still names the thread that was joined: printed (printf's variadic part, with or without a
// cast), passed as an integer, compared, kept in a variable (reduced from fio 3.33's
// server.c, which logs a joined thread's tid). A callee whose parameters are unknown (an
// old-style declaration) or a function pointer's that takes a pthread_t takes a thread.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

void *run(void *arg);
void stop_thread(pthread_t t);
void log_number(const char *what, unsigned long n);
void stop_old_style();
extern void (*on_kill)(pthread_t t);
struct thread_ops {
  void (*cancel)(pthread_t t);
};

void kill_after_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, NULL);
  pthread_kill(t, 0); // expect: vtask-use-after-await
}

void project_function_after_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, NULL);
  stop_thread(t); // expect: vtask-use-after-await
}

void old_style_after_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, NULL);
  stop_old_style(t); // expect: vtask-use-after-await
}

void pointer_after_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, NULL);
  on_kill(t); // expect: vtask-use-after-await
}

void table_after_join(struct thread_ops *ops) {
  pthread_t t;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, NULL);
  ops->cancel(t); // expect: vtask-use-after-await
}

/* ---- near misses ---- */

void logged_with_cast(void) {
  pthread_t t;
  void *ret;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, &ret);
  fprintf(stderr, "thread (tid=%lu) exited with %p\n", (unsigned long)t, ret);
}

void logged_as_is(void) {
  pthread_t t;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, NULL);
  printf("joined %lu\n", t);
}

void passed_as_number(void) {
  pthread_t t;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, NULL);
  log_number("joined", (unsigned long)t);
}

int compared(pthread_t other) {
  pthread_t t;
  pthread_create(&t, NULL, run, NULL);
  pthread_join(t, NULL);
  unsigned long id = (unsigned long)t;
  return id == (unsigned long)other;
}
