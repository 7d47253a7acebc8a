// vtask-double-await through switch: fall-through into a case that consumes again, default
// falling into a case, consumption in a case followed by a consumption after the switch;
// near misses: every case breaks or returns, grouped labels, a switch with no matching path.
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void log_msg(const char *m);

void fall_through(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
    vtask_await(t);
    /* fall through */
  case 2:
    vtask_await(t); // expect: vtask-double-await
    break;
  default:
    break;
  }
}

void default_falls_into_case(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  default:
    vtask_as_task(t);
    /* fall through */
  case 3:
    vtask_await(t); // expect: vtask-double-await
    break;
  }
}

void *case_then_after_switch(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
    vtask_await(t);
    break;
  default:
    log_msg("other");
    break;
  }
  return vtask_await(t); // expect: vtask-double-await
}

void *default_then_after_switch(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
    return NULL;
  default:
    vtask_await(t);
  }
  return vtask_await(t); // expect: vtask-double-await
}

void *all_cases_then_after_switch(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 0:
    vtask_await(t);
    break;
  case 1:
    vtask_as_task(t);
    break;
  }
  return vtask_await(t); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: every case consumes once and breaks; nothing consumes after the switch. */
void each_case_breaks(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
    vtask_await(t);
    break;
  case 2:
    vtask_as_task(t);
    break;
  default:
    vtask_await(t);
    break;
  }
}

/* Quiet: every case returns. */
void *each_case_returns(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
    return vtask_await(t);
  case 2:
    return (void *)vtask_as_task(t);
  default:
    return vtask_await(t);
  }
}

/* Quiet: grouped labels share one body that consumes once. */
void grouped_labels(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
  case 2:
  case 3:
    vtask_await(t);
    break;
  default:
    log_msg("none");
  }
}

/* Quiet: the case that consumes returns; the after-switch consumption runs only otherwise. */
void *case_returns_then_after(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
    log_msg("one");
    return vtask_await(t);
  case 2:
    log_msg("two");
    break;
  }
  return vtask_await(t);
}

/* Quiet: fall-through from a case that does NOT consume. */
void fall_through_from_non_consuming(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
    log_msg("one");
    /* fall through */
  case 2:
    vtask_await(t);
    break;
  }
}
