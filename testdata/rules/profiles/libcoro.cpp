// Profile libcoro: coro::task<T>. As in cppcoro, a completed task may be awaited again in
// sequence (`co_await t; co_await t;` is legal); the bug is using it after
// `co_await std::move(t)` or any other std::move. is_ready() is a completion query.
// coro::sync_wait(t) blocks until it completes without consuming it (inside a coroutine:
// vtask-blocking-in-coroutine). t.promise().result() takes the result synchronously and throws if
// the task has not completed: vtask-blocking-unfinished unless is_ready() or a sync_wait()
// precedes it. Storing a task in a field is flagged.
#include <coro/sync_wait.hpp>
#include <coro/task.hpp>
#include <optional>
#include <utility>

coro::task<int> compute(int n);
coro::task<> flush(int fd);
void take(coro::task<int> t); // no body: a transfer
bool more();

coro::task<int> moved_await_then_await(int n) {
  coro::task<int> t = compute(n);
  int a = co_await std::move(t);
  int b = co_await t; // expect: vtask-double-await
  co_return a + b;
}

coro::task<int> moved_await_twice(int n) {
  auto t = compute(n);
  int a = co_await std::move(t);
  co_return a + co_await std::move(t); // expect: vtask-double-await
}

coro::task<> void_moved_await_then_await(int fd) {
  auto t = flush(fd);
  co_await std::move(t);
  co_await t; // expect: vtask-double-await
}

coro::task<int> moved_into_variable_then_await(int n) {
  auto t = compute(n);
  coro::task<int> u = std::move(t);
  int a = co_await u;
  co_return a + co_await t; // expect: vtask-double-await
}

coro::task<int> moved_into_parameter_then_await(int n) {
  auto t = compute(n);
  take(std::move(t));
  co_return co_await t; // expect: vtask-double-await
}

coro::task<int> moved_in_branch_then_await(int n, bool c) {
  auto t = compute(n);
  int a = 0;
  if (c)
    a = co_await std::move(t);
  co_return a + co_await t; // expect: vtask-double-await
}

coro::task<int> moved_await_in_loop(int n) {
  auto t = compute(n);
  int sum = 0;
  while (more())
    sum += co_await std::move(t); // expect: vtask-double-await
  co_return sum;
}

coro::task<int> sync_wait_in_coroutine(int n) {
  auto t = compute(n);
  int a = coro::sync_wait(t); // expect: vtask-blocking-in-coroutine
  co_return a + co_await t;
}

coro::task<int> sync_wait_temporary_in_coroutine(int n) {
  co_return coro::sync_wait(compute(n)); // expect: vtask-blocking-in-coroutine
}

/* The task has not run (libcoro tasks start suspended): result() throws. */
int result_unguarded(int n) {
  auto t = compute(n);
  return t.promise().result(); // expect: vtask-blocking-unfinished
}

int result_guarded_on_one_path_only(int n, bool c) {
  auto t = compute(n);
  if (c)
    coro::sync_wait(t);
  return t.promise().result(); // expect: vtask-blocking-unfinished
}

struct scheduler_state {
  coro::task<int> main_task; // expect: vtask-stored-in-field
  std::optional<coro::task<>> shutdown; // expect: vtask-stored-in-field
};

/* ---- near misses ---- */

/* Quiet: sequential re-await of a completed task yields the cached result. */
coro::task<int> await_twice(int n) {
  auto t = compute(n);
  int a = co_await t;
  int b = co_await t;
  co_return a + b;
}

/* Quiet: re-awaiting in a loop is sequential too. */
coro::task<int> await_in_loop(int n) {
  auto t = compute(n);
  int sum = 0;
  while (more())
    sum += co_await t;
  co_return sum;
}

/* Quiet: lvalue awaits, then one final move. */
coro::task<int> awaits_then_final_move(int n) {
  auto t = compute(n);
  int a = co_await t;
  co_return a + co_await std::move(t);
}

/* Quiet: is_ready() is a query. */
coro::task<int> query_then_await(int n) {
  auto t = compute(n);
  if (t.is_ready())
    n++;
  co_return n + co_await t;
}

/* Quiet: moved in one of two exclusive branches. */
coro::task<int> exclusive_moves(int n, bool c) {
  auto t = compute(n);
  if (c)
    co_return co_await std::move(t);
  take(std::move(t));
  co_return 0;
}

/* Quiet: a fresh task assigned after the move. */
coro::task<int> reassigned_after_move(int n) {
  auto t = compute(n);
  int a = co_await std::move(t);
  t = compute(n + 1);
  co_return a + co_await t;
}

/* Quiet: result() guarded by is_ready(). */
int result_guarded_by_is_ready(int n) {
  auto t = compute(n);
  if (t.is_ready())
    return t.promise().result();
  return coro::sync_wait(t);
}

/* Quiet: sync_wait() returns only once the task has completed. */
int result_after_sync_wait(int n) {
  auto t = compute(n);
  coro::sync_wait(t);
  return t.promise().result();
}

/* Quiet: sync_wait in ordinary code; it does not consume, and a completed task may be waited
   on again. */
int sync_wait_in_ordinary_code(int n) {
  auto t = compute(n);
  int a = coro::sync_wait(t);
  a += coro::sync_wait(t);
  coro::sync_wait(flush(n));
  return a + coro::sync_wait(compute(n + 1));
}

/* Quiet: a pointer member and a member function. */
struct borrowing {
  coro::task<int> *current;
  coro::task<int> next(int n);
};
