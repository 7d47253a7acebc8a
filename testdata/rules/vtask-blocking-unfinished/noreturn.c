// vtask-blocking-unfinished with no-return calls on the not-completed edge: abort, exit, _Exit,
// __builtin_unreachable, _Noreturn and __attribute__((noreturn)) user functions, assert(0) in an
// else branch. Flagged: a call that is not no-return, and a no-return call on the WRONG edge.
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <vtask.h>

vtask_t read_async(int fd);
_Noreturn void fatal(const char *m);
__attribute__((noreturn)) void die(int code);
void log_error(const char *m); /* returns */

/* Quiet: abort() on the not-completed edge. */
void *abort_if_pending(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t))
    abort();
  return vtask_get_result(t);
}

/* Quiet: exit() on the not-completed edge. */
void *exit_if_pending(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t))
    exit(1);
  return vtask_get_result(t);
}

/* Quiet: _Exit() on the not-completed edge. */
void *underscore_exit_if_pending(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t)) {
    _Exit(1);
  }
  return vtask_get_result(t);
}

/* Quiet: __builtin_unreachable() on the not-completed edge. */
void *unreachable_if_pending(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t))
    __builtin_unreachable();
  return vtask_get_result(t);
}

/* Quiet: a _Noreturn user function. */
void *fatal_if_pending(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed_successfully(t))
    fatal("not ready");
  return vtask_get_result(t);
}

/* Quiet: an __attribute__((noreturn)) user function in the else branch. */
void *die_in_else(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t)) {
    /* nothing to do */
  } else {
    die(2);
  }
  return vtask_get_result(t);
}

/* Quiet: assert(0) in the else branch never returns. */
void *assert_zero_in_else(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t))
    ;
  else
    assert(0);
  return vtask_get_result(t);
}

/* Quiet: assert on a kept query result. */
void *assert_kept_bool(int fd) {
  vtask_t t = read_async(fd);
  bool done = vtask_is_completed(t);
  assert(done);
  return vtask_get_result(t);
}

/* ---- must be flagged ---- */

void *ordinary_call_if_pending(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t))
    log_error("not ready");
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *abort_on_wrong_edge(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t))
    abort();
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *assert_on_other_condition(int fd, bool c) {
  vtask_t t = read_async(fd);
  assert(c);
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *assert_negated(int fd) {
  vtask_t t = read_async(fd);
  assert(!vtask_is_faulted(t));
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}
