// Profile cppcoro: cppcoro::task<T>. A completed task caches its result, so awaiting it again in
// sequence (`co_await t; co_await t;`) is legal; the bug is using it after
// `co_await std::move(t)` or any other std::move, which leaves it empty. is_ready() is a
// completion query. sync_wait(t) blocks until it completes without consuming it (inside a
// coroutine: vtask-blocking-in-coroutine). Storing a task in a field is flagged.
// cppcoro::shared_task is multi-use and never tracked (see shared_types.cpp).
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <optional>
#include <utility>
#include <vector>

using cppcoro::task;

task<int> compute(int n);
task<> flush(int fd);
void take(task<int> t); // no body: a transfer
bool more();

task<int> moved_await_then_await(int n) {
  task<int> t = compute(n);
  int a = co_await std::move(t);
  int b = co_await t; // expect: vtask-double-await
  co_return a + b;
}

task<int> moved_await_twice(int n) {
  auto t = compute(n);
  int a = co_await std::move(t);
  co_return a + co_await std::move(t); // expect: vtask-double-await
}

task<> void_moved_await_then_await(int fd) {
  auto t = flush(fd);
  co_await std::move(t);
  co_await t; // expect: vtask-double-await
}

task<int> moved_into_variable_then_await(int n) {
  auto t = compute(n);
  task<int> u = std::move(t);
  int a = co_await u;
  co_return a + co_await t; // expect: vtask-double-await
}

task<int> moved_into_parameter_then_await(int n) {
  auto t = compute(n);
  take(std::move(t));
  co_return co_await t; // expect: vtask-double-await
}

task<int> awaited_then_moved_then_awaited(int n) {
  auto t = compute(n);
  int a = co_await t;
  a += co_await std::move(t);
  co_return a + co_await t; // expect: vtask-double-await
}

task<int> moved_in_branch_then_await(int n, bool c) {
  auto t = compute(n);
  int a = 0;
  if (c)
    a = co_await std::move(t);
  co_return a + co_await t; // expect: vtask-double-await
}

task<int> moved_await_in_loop(int n) {
  auto t = compute(n);
  int sum = 0;
  while (more())
    sum += co_await std::move(t); // expect: vtask-double-await
  co_return sum;
}

task<int> sync_wait_in_coroutine(int n) {
  auto t = compute(n);
  int a = cppcoro::sync_wait(t); // expect: vtask-blocking-in-coroutine
  co_return a + co_await t;
}

task<int> sync_wait_temporary_in_coroutine(int n) {
  co_return cppcoro::sync_wait(compute(n)); // expect: vtask-blocking-in-coroutine
}

struct worker {
  task<int> job; // expect: vtask-stored-in-field
  std::optional<task<>> cleanup; // expect: vtask-stored-in-field
  std::vector<cppcoro::task<int>> queue; // expect: vtask-stored-in-field
};

/* ---- near misses ---- */

/* Quiet: sequential re-await of a completed task yields the cached result. */
task<int> await_twice(int n) {
  auto t = compute(n);
  int a = co_await t;
  int b = co_await t;
  co_return a + b;
}

task<> void_await_twice(int fd) {
  auto t = flush(fd);
  co_await t;
  co_await t;
}

/* Quiet: re-awaiting in a loop is sequential too. */
task<int> await_in_loop(int n) {
  auto t = compute(n);
  int sum = 0;
  while (more())
    sum += co_await t;
  co_return sum;
}

/* Quiet: lvalue awaits, then one final move. */
task<int> awaits_then_final_move(int n) {
  auto t = compute(n);
  int a = co_await t;
  co_return a + co_await std::move(t);
}

/* Quiet: is_ready() is a query. */
task<int> query_then_await(int n) {
  auto t = compute(n);
  if (t.is_ready())
    n++;
  co_return n + co_await t;
}

/* Quiet: moved in one of two exclusive branches. */
task<int> exclusive_moves(int n, bool c) {
  auto t = compute(n);
  if (c)
    co_return co_await std::move(t);
  take(std::move(t));
  co_return 0;
}

/* Quiet: a fresh task assigned after the move. */
task<int> reassigned_after_move(int n) {
  auto t = compute(n);
  int a = co_await std::move(t);
  t = compute(n + 1);
  co_return a + co_await t;
}

/* Quiet: sync_wait in ordinary code; it does not consume, and a completed task may be waited
   on again. */
int sync_wait_in_ordinary_code(int n) {
  auto t = compute(n);
  int a = cppcoro::sync_wait(t);
  a += cppcoro::sync_wait(t);
  cppcoro::sync_wait(flush(n));
  return a + cppcoro::sync_wait(compute(n + 1));
}

/* Quiet: a pointer member and a member function. */
struct borrowing {
  task<int> *current;
  task<int> next(int n);
};
