// vtask-blocking-unfinished after a same-file helper that polls its vtask: one that returns
// only once the vtask has completed (every path to its exit has seen it complete) tells the
// caller so, and the get_result after it is guarded. Flagged: a helper that polls once and
// returns either way; a second get_result after a polling helper; a polled vtask nobody
// consumes (its result is still lost). A vtask known completed stays so: a "no" from
// vtask_is_faulted (or a second vtask_is_completed) after the poll leaves it completed.
#include <stdbool.h>
#include <stddef.h>
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
long now_ms(void);
static bool wait_timeout(vtask_t t, long ms) {
  long end = now_ms() + ms;
  while (!vtask_is_completed(t)) {
    if (now_ms() > end)
      return false;
    relax();
  }
  return true;
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

void *timeout_unchecked(int fd) {
  vtask_t t = read_async(fd);
  wait_timeout(t, 100);
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

/* ---- near misses ---- */

void *timeout_checked(int fd) {
  vtask_t t = read_async(fd);
  if (!wait_timeout(t, 100))
    return NULL;
  return vtask_get_result(t);
}

void *spun(int fd) {
  vtask_t t = read_async(fd);
  spin(t);
  return vtask_get_result(t);
}

void *spun_then_asked_more(int fd) {
  vtask_t t = read_async(fd);
  spin(t);
  if (vtask_is_faulted(t))
    relax();
  if (!vtask_is_completed(t))
    relax();
  return vtask_get_result(t);
}

void *asserted(int fd) {
  vtask_t t = read_async(fd);
  must_be_done(t);
  return vtask_get_result(t);
}
