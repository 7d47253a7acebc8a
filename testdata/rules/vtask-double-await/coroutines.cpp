// vtask-double-await in C++ coroutines: co_await of the same vtask twice (plain and through
// std::move), in one expression, in a loop, after as_task(); near misses: temporaries, distinct
// variables, re-assignment, exclusive branches, a guarded get_result before the await.
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
vt::vtask<void> flush_async(int fd);
bool more();

vt::vtask<int> co_await_twice(int fd) {
  auto t = read_async(fd);
  int a = co_await t;
  int b = co_await t; // expect: vtask-double-await
  co_return a + b;
}

vt::vtask<int> co_await_moved_twice(int fd) {
  vt::vtask<int> t = read_async(fd);
  int a = co_await std::move(t);
  int b = co_await std::move(t); // expect: vtask-double-await
  co_return a + b;
}

vt::vtask<int> co_await_moved_then_plain(int fd) {
  auto t = read_async(fd);
  int a = co_await std::move(t);
  co_return a + co_await t; // expect: vtask-double-await
}

vt::vtask<int> one_expression(int fd) {
  auto t = read_async(fd);
  co_return (co_await t) + (co_await t); // expect: vtask-double-await
}

vt::vtask<int> void_vtask_twice(int fd) {
  auto f = flush_async(fd);
  co_await f;
  co_await f; // expect: vtask-double-await
  co_return 0;
}

vt::vtask<int> as_task_then_co_await(int fd) {
  auto t = read_async(fd);
  auto task = t.as_task();
  (void)task;
  co_return co_await t; // expect: vtask-double-await
}

vt::vtask<int> in_loop(int fd) {
  auto t = read_async(fd);
  int sum = 0;
  while (more())
    sum += co_await t; // expect: vtask-double-await
  co_return sum;
}

vt::vtask<int> parameter_twice(vt::vtask<int> t) {
  int a = co_await t;
  co_return a + co_await t; // expect: vtask-double-await
}

vt::vtask<int> branch_then_after(int fd, bool c) {
  auto t = read_async(fd);
  if (c)
    co_await t;
  co_return co_await t; // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: two temporaries are two operations. */
vt::vtask<int> temporaries(int fd) {
  int a = co_await read_async(fd);
  int b = co_await read_async(fd);
  co_return a + b;
}

/* Quiet: distinct variables. */
vt::vtask<int> distinct(int fd) {
  auto t = read_async(fd);
  auto u = read_async(fd + 1);
  co_return (co_await t) + (co_await u);
}

/* Quiet: re-assigned between the awaits. */
vt::vtask<int> reassigned(int fd) {
  auto t = read_async(fd);
  int a = co_await t;
  t = read_async(fd);
  co_return a + co_await t;
}

/* Quiet: the completed fast path returns; the slow path awaits once. */
vt::vtask<int> fast_path(int fd) {
  auto t = read_async(fd);
  if (t.is_completed())
    co_return t.get_result();
  co_return co_await t;
}

/* Quiet: exclusive branches. */
vt::vtask<int> exclusive(int fd, bool c) {
  auto t = read_async(fd);
  int r = 0;
  if (c)
    r = co_await t;
  else
    (void)t.as_task();
  co_return r;
}

/* Quiet: declared inside the loop body: fresh each iteration. */
vt::vtask<int> fresh_per_iteration(int fd) {
  int sum = 0;
  while (more()) {
    auto t = read_async(fd);
    sum += co_await t;
  }
  co_return sum;
}

/* Quiet: co_return right after the await inside the loop. */
vt::vtask<int> return_in_loop(int fd) {
  auto t = read_async(fd);
  while (more()) {
    if (t.is_completed())
      co_return co_await t;
  }
  co_return 0;
}
