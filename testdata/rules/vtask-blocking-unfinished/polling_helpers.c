// vtask-blocking-unfinished after a same-file helper that polls its vtask: one that returns
// only once the vtask has completed (every path to its exit has seen it complete) tells the
// caller so, and the get_result after it is guarded. Flagged: a helper that polls once and
// returns either way; a second get_result after a polling helper; a polled vtask nobody
// consumes (its result is still lost).
#include <stdbool.h>
#include <vtask.h>

vtask_t read_async(int fd);
void relax(void);
[[noreturn]] void fail(const char *why);

static void spin(vtask_t t) {
  while (!vtask_is_completed(t))
    relax();
}
static void peek(vtask_t t) {
  if (!vtask_is_completed(t))
    relax();
}
static void must_be_done(vtask_t t) {
  if (!vtask_is_completed(t))
    fail("not done");
}

void *peeked(int fd) {
  vtask_t t = read_async(fd);
  peek(t);
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *spun_twice(int fd) {
  vtask_t t = read_async(fd);
  spin(t);
  vtask_get_result(t);
  return vtask_get_result(t); // expect: vtask-double-await
}

void spun_never_taken(int fd) {
  vtask_t t = read_async(fd); // expect: vtask-discarded
  spin(t);
}

/* ---- near misses ---- */

void *spun(int fd) {
  vtask_t t = read_async(fd);
  spin(t);
  return vtask_get_result(t);
}

void *asserted(int fd) {
  vtask_t t = read_async(fd);
  must_be_done(t);
  return vtask_get_result(t);
}
