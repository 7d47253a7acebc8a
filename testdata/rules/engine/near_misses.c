// The path-sensitive engine's near misses: the buggy twins of read_loop.c, state_machine.c,
// flag_in_branch.c, ternary_guard.c and many_locals.c. Each is the correct shape with one
// mistake, and each mistake must still be found.
#include <stddef.h>
#include <stdbool.h>
#include <vtask.h>
vtask_t sock_read_async(int fd, char *buf, unsigned n);
void log_msg(const char *m);
bool more(void);

/* read_loop.c without the re-arm: the next iteration awaits the same read. */
size_t drain_no_rearm(int fd, char *buf) {
  size_t total = 0;
  vtask_t rd = sock_read_async(fd, buf, 64);
  for (;;) {
    const struct io_result *r = vtask_await(rd); // expect: vtask-double-await
    if (r == NULL)
      break;
    total += 64;
  }
  return total;
}

/* read_loop.c, awaiting again on the way out. */
size_t drain_await_on_break(int fd, char *buf) {
  size_t total = 0;
  vtask_t rd = sock_read_async(fd, buf, 64);
  for (;;) {
    const struct io_result *r = vtask_await(rd);
    if (r == NULL) {
      vtask_await(rd); // expect: vtask-double-await
      break;
    }
    rd = sock_read_async(fd, buf, 64);
  }
  return total;
}

enum st { ST_IDLE, ST_READ, ST_DONE };

/* state_machine.c where ST_READ forgets to move on: the read is awaited on every pass. */
void *stuck_state(int fd, char *buf) {
  enum st s = ST_IDLE;
  vtask_t rd;
  void *res = 0;
  for (;;) {
    switch (s) {
    case ST_IDLE:
      rd = sock_read_async(fd, buf, 16);
      s = ST_READ;
      break;
    case ST_READ:
      res = vtask_await(rd); // expect: vtask-double-await
      if (!res)
        s = ST_DONE;
      break;
    case ST_DONE:
      return res;
    }
  }
}

/* A state machine whose default case is the only way round: a known state never takes it. */
void *default_not_taken(int fd, char *buf) {
  int s = 0;
  vtask_t rd = sock_read_async(fd, buf, 16);
  for (;;) {
    switch (s) {
    case 0:
      s = 1;
      break;
    case 1:
      return vtask_await(rd);
    default:
      vtask_await(rd);
      break;
    }
  }
}

/* ... and one whose state is unknown: the default case may run after case 1's await. */
void *default_taken(int fd, char *buf, int start) {
  int s = start;
  vtask_t rd = sock_read_async(fd, buf, 16);
  for (;;) {
    switch (s) {
    case 1:
      vtask_await(rd);
      s = 7;
      break;
    case 2:
      return 0;
    default:
      vtask_await(rd); // expect: vtask-double-await
      s = 2;
      break;
    }
  }
}

/* flag_in_branch.c with the flag set on the wrong side. */
void *flag_on_wrong_side(int fd, char *buf) {
  vtask_t rd = sock_read_async(fd, buf, 16);
  int done = 0;
  if (!vtask_is_completed(rd))
    done = 1;
  log_msg("polled");
  if (done)
    return vtask_get_result(rd); // expect: vtask-blocking-unfinished
  return vtask_await(rd);
}

/* A flag equal to a constant other than 0 or 1 says nothing about a branch that tested 1. */
void *flag_compared(int fd, char *buf, int mode) {
  vtask_t rd = sock_read_async(fd, buf, 16);
  if (mode == 1)
    vtask_await(rd);
  if (mode == 2)
    return vtask_await(rd);
  if (mode != 1)
    return vtask_await(rd);
  return vtask_await(rd); // expect: vtask-double-await
}

/* ternary_guard.c with the arms swapped. */
void *pick_swapped(int fd, char *buf) {
  vtask_t rd = sock_read_async(fd, buf, 8);
  return vtask_get_result(vtask_is_completed(rd) ? vtask_completed() : rd); // expect: vtask-blocking-unfinished
}

/* many_locals.c with the same condition twice. */
void *same_condition_twice(int fd, char *buf, int c) {
  int x0 = 0, x1 = 1, x2 = 2, x3 = 3;
  (void)x0, (void)x1, (void)x2, (void)x3;
  vtask_t rd = sock_read_async(fd, buf, 8);
  void *r = 0;
  if (c) r = vtask_await(rd);
  if (c) r = vtask_await(rd); // expect: vtask-double-await
  return r;
}

/* A polling loop that gives up: the flag is false on the way out, so the result is unknown. */
void *poll_gives_up(int fd, char *buf) {
  vtask_t rd = sock_read_async(fd, buf, 8);
  bool done = false;
  for (int i = 0; i < 10 && !done; i++)
    done = vtask_is_completed(rd);
  return vtask_get_result(rd); // expect: vtask-blocking-unfinished
}

/* ... and one that checks the flag before taking the result. */
void *poll_then_check(int fd, char *buf) {
  vtask_t rd = sock_read_async(fd, buf, 8);
  bool done = false;
  for (int i = 0; i < 10 && !done; i++)
    done = vtask_is_completed(rd);
  if (done)
    return vtask_get_result(rd);
  return vtask_await(rd);
}
