// vtask-blocking-unfinished in C++: get_result() on vt::vtask. Flagged: no check, a temporary,
// the wrong branch, || instead of &&, another object's check, re-assignment after the check,
// an unchecked get_result inside a coroutine. Quiet: the four queries, early return / throw /
// [[noreturn]] on the not-completed edge, if-init, ?:, a kept bool, vt::from_result.
#include <cassert>
#include <stdexcept>
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
[[noreturn]] void fail(const char *why);
void spin();

int no_check(int fd) {
  auto t = read_async(fd);
  return t.get_result(); // expect: vtask-blocking-unfinished
}

int temporary(int fd) {
  return read_async(fd).get_result(); // expect: vtask-blocking-unfinished
}

int wrong_branch(int fd) {
  auto t = read_async(fd);
  if (t.is_completed()) {
    (void)t.as_task();
    return 0;
  }
  return t.get_result(); // expect: vtask-blocking-unfinished
}

int or_instead_of_and(int fd, bool c) {
  auto t = read_async(fd);
  if (c || t.is_completed())
    return t.get_result(); // expect: vtask-blocking-unfinished
  (void)t.as_task();
  return 0;
}

int other_object(vt::vtask<int> a, vt::vtask<int> b) {
  if (!a.is_completed())
    return 0;
  return b.get_result(); // expect: vtask-blocking-unfinished
}

int reassigned_after_check(int fd) {
  auto t = read_async(fd);
  if (!t.is_completed()) {
    (void)t.as_task();
    return 0;
  }
  (void)t.get_result();
  t = read_async(fd);
  return t.get_result(); // expect: vtask-blocking-unfinished
}

vt::vtask<int> unchecked_in_coroutine(int fd) {
  auto t = read_async(fd);
  co_await read_async(fd + 1);
  co_return t.get_result(); // expect: vtask-blocking-unfinished
}

void void_vtask_unchecked(vt::vtask<void> v) {
  v.get_result(); // expect: vtask-blocking-unfinished
}

/* ---- near misses ---- */

/* Quiet: all four queries. */
int four_queries(int fd, int k) {
  auto t = read_async(fd);
  if (k == 0 && t.is_completed())
    return t.get_result();
  if (k == 1 && t.is_completed_successfully())
    return t.get_result();
  if (k == 2 && t.is_faulted())
    return t.get_result();
  if (k == 3 && t.is_canceled())
    return t.get_result();
  (void)t.as_task();
  return -1;
}

/* Quiet: throw on the not-completed edge. */
int throw_if_pending(int fd) {
  auto t = read_async(fd);
  if (!t.is_completed())
    throw std::runtime_error("pending");
  return t.get_result();
}

/* Quiet: a [[noreturn]] function on the not-completed edge. */
int fail_if_pending(int fd) {
  auto t = read_async(fd);
  if (!t.is_completed())
    fail("pending");
  return t.get_result();
}

/* Quiet: the check in an if-init. */
int if_init(int fd) {
  if (auto t = read_async(fd); t.is_completed())
    return t.get_result();
  return -1;
}

/* Quiet: the query result in the if-init, the test in the condition. */
int if_init_kept_bool(int fd) {
  auto t = read_async(fd);
  if (bool done = t.is_completed(); done)
    return t.get_result();
  (void)t.as_task();
  return -1;
}

/* Quiet: ?: */
int conditional(vt::vtask<int> t) {
  return t.is_completed() ? t.get_result() : ((void)t.as_task(), -1);
}

/* Quiet: assert. */
int asserted(vt::vtask<int> t) {
  assert(t.is_completed());
  return t.get_result();
}

/* Quiet: poll loop. */
int polled(vt::vtask<int> t) {
  while (!t.is_completed())
    spin();
  return t.get_result();
}

/* Quiet: created completed, named or temporary. */
int from_result() {
  auto t = vt::from_result(1);
  return t.get_result() + vt::from_result(2).get_result();
}

/* Quiet: the coroutine's fast path. */
vt::vtask<int> fast_path(int fd) {
  auto t = read_async(fd);
  if (t.is_completed())
    co_return t.get_result();
  co_return co_await t;
}

/* Quiet: the check is on the moved-to variable, which owns the operation. */
int moved_then_checked(int fd) {
  auto t = read_async(fd);
  auto u = std::move(t);
  if (!u.is_completed()) {
    (void)u.as_task();
    return 0;
  }
  return u.get_result();
}
