// vtask-double-await through calls. A function whose body is NOT visible takes a by-value vtask
// as a transfer (it consumes). A function whose body IS in this file acts as its body does: an
// awaiting helper is an await, a querying helper is a query, a helper that ignores its argument
// does nothing to it. Helpers defined after their use (prototype first) count too.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void submit(vtask_t t);            /* no body here: passing a vtask to it is a transfer */
void (*on_ready)(vtask_t t);       /* through a function pointer: unknown, a transfer   */

static void *finish(vtask_t t) { return vtask_await(t); }
static void *finish_via(vtask_t t) { return finish(t); }
static bool done(vtask_t t) { return vtask_is_completed(t); }
static int ignore_task(vtask_t t, int x) {
  (void)t;
  return x;
}
static void maybe_finish(vtask_t t, bool c) {
  if (c)
    vtask_await(t);
}
static bool done_later(vtask_t t); /* defined at the end of the file */

void helper_then_helper(int fd) {
  vtask_t t = read_async(fd);
  finish(t);
  finish(t); // expect: vtask-double-await
}

void *helper_then_await(int fd) {
  vtask_t t = read_async(fd);
  finish(t);
  return vtask_await(t); // expect: vtask-double-await
}

void *await_then_helper(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  return finish(t); // expect: vtask-double-await
}

void *transitive_helper_then_await(int fd) {
  vtask_t t = read_async(fd);
  finish_via(t);
  return vtask_await(t); // expect: vtask-double-await
}

/* A helper that awaits on some paths only makes its argument escape at the call: callers
 * that await on the other paths are correct (near misses below), and telling them from this one
 * needs a summary conditioned on the helper's other arguments, which the engine does not have. */
void *helper_that_may_await(int fd, bool c) {
  vtask_t t = read_async(fd);
  maybe_finish(t, c);
  return vtask_await(t); // expect-fixme: vtask-double-await
}

void *unknown_transfer_then_await(int fd) {
  vtask_t t = read_async(fd);
  submit(t);
  return vtask_await(t); // expect: vtask-double-await
}

void *function_pointer_then_await(int fd) {
  vtask_t t = read_async(fd);
  on_ready(t);
  return vtask_await(t); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: maybe_finish() awaits only when asked to; the caller awaits otherwise. */
void *caller_awaits_when_helper_does_not(int fd, bool now) {
  vtask_t t = read_async(fd);
  maybe_finish(t, now);
  if (!now)
    return vtask_await(t);
  return NULL;
}

/* Quiet: finish_fast() takes the result only once the vtask has completed, and says whether it
 * did; the caller awaits only when it did not. Neither a second await nor an unfinished result. */
static bool finish_fast(vtask_t t, void **out) {
  if (!vtask_is_completed(t))
    return false;
  *out = vtask_get_result(t);
  return true;
}
void *fast_path_then_await(int fd) {
  vtask_t t = read_async(fd);
  void *r;
  if (!finish_fast(t, &r))
    r = vtask_await(t);
  return r;
}

/* Quiet: done() only queries its argument; it is not a transfer. */
void *query_helper_then_await(int fd) {
  vtask_t t = read_async(fd);
  if (done(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: ignore_task() does nothing with its vtask argument. */
void *ignoring_helper_then_await(int fd) {
  vtask_t t = read_async(fd);
  int x = ignore_task(t, 1);
  (void)x;
  return vtask_await(t);
}

/* Quiet: the helper's body comes later in the file; it still replaces the by-value default. */
void *later_helper_then_await(int fd) {
  vtask_t t = read_async(fd);
  while (!done_later(t))
    ;
  return vtask_get_result(t);
}

/* Quiet: one helper call consumes once. */
void *single_helper_call(int fd) {
  vtask_t t = read_async(fd);
  return finish(t);
}

/* Quiet: the unknown function gets the only consumption. */
void single_transfer(int fd) {
  vtask_t t = read_async(fd);
  if (done(t))
    submit(t);
  else
    submit(t);
}

static bool done_later(vtask_t t) { return vtask_is_completed_successfully(t); }
