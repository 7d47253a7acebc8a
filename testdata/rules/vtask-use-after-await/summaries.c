// vtask-use-after-await through calls: a same-file helper that only queries its argument is a
// query, so calling it after a consumption is a use after await (not a transfer); an unknown
// function (no body, or a function pointer) after a consumption is a use after await too.
// Near misses: the same helpers before the consumption.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void submit(vtask_t t);
extern void (*callback)(vtask_t t);

static bool done(vtask_t t) { return vtask_is_completed(t); }
static bool failed(vtask_t t) {
  if (vtask_is_faulted(t))
    return true;
  return vtask_is_canceled(t);
}
static void *finish(vtask_t t) { return vtask_await(t); }

bool query_helper_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  return done(t); // expect: vtask-use-after-await
}

bool query_helper_after_helper_await(int fd) {
  vtask_t t = read_async(fd);
  finish(t);
  return failed(t); // expect: vtask-use-after-await
}

void unknown_after_helper_await(int fd) {
  vtask_t t = read_async(fd);
  finish(t);
  submit(t); // expect: vtask-use-after-await
}

void function_pointer_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  callback(t); // expect: vtask-use-after-await
}

/* ---- near misses ---- */

/* Quiet: query helpers before the one consumption. */
void *helpers_before(int fd) {
  vtask_t t = read_async(fd);
  if (failed(t))
    return NULL;
  if (done(t))
    return vtask_get_result(t);
  return finish(t);
}

/* Quiet: the unknown function takes the only consumption, after a query helper. */
void query_then_transfer(int fd) {
  vtask_t t = read_async(fd);
  if (!done(t))
    submit(t);
  else
    callback(t);
}
