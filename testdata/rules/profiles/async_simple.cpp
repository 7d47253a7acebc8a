// Profile async-simple: async_simple::coro::Lazy<T> is single-use. co_await consumes it, also of
// an lvalue (it steals the coroutine handle: "using a used Lazy"), and so do via() and start().
// syncAwait(l) blocks until it completes and consumes it: inside a coroutine it is
// vtask-blocking-in-coroutine. isReady() is a completion query. Storing one in a field is
// flagged. Near misses: one consumption, temporaries, exclusive branches, re-assignment,
// isReady() before the await, syncAwait in ordinary code.
#include <async_simple/coro/Lazy.h>
#include <optional>
#include <utility>

using async_simple::Executor;
using async_simple::Try;
using async_simple::coro::Lazy;
using async_simple::coro::syncAwait;

Lazy<int> compute(int n);
Lazy<> flush(int fd);
bool more();

Lazy<int> await_twice(int n) {
  Lazy<int> l = compute(n);
  int a = co_await l;
  int b = co_await l; // expect: vtask-double-await
  co_return a + b;
}

Lazy<> void_await_twice(int fd) {
  auto l = flush(fd);
  co_await l;
  co_await l; // expect: vtask-double-await
}

Lazy<int> moved_then_awaited(int n) {
  auto l = compute(n);
  int a = co_await std::move(l);
  co_return a + co_await l; // expect: vtask-double-await
}

Lazy<int> via_then_await(Executor *ex, int n) {
  auto l = compute(n);
  int a = co_await std::move(l).via(ex);
  co_return a + co_await l; // expect: vtask-double-await
}

void start_twice(int n) {
  auto l = compute(n);
  std::move(l).start([](Try<int> r) { (void)r; });
  std::move(l).start([](Try<int> r) { (void)r; }); // expect: vtask-double-await
}

void via_start_then_start(Executor *ex, int n) {
  auto l = compute(n);
  std::move(l).via(ex).start([](Try<int> r) { (void)r; });
  std::move(l).start([](Try<int> r) { (void)r; }); // expect: vtask-double-await
}

int sync_await_twice(int n) {
  auto l = compute(n);
  int a = syncAwait(l);
  return a + syncAwait(l); // expect: vtask-double-await
}

int start_then_sync_await(int n) {
  auto l = compute(n);
  std::move(l).start([](Try<int> r) { (void)r; });
  return syncAwait(std::move(l)); // expect: vtask-double-await
}

/* syncAwait blocks the coroutine's thread, and consumes the Lazy that is then awaited again. */
Lazy<int> sync_await_in_coroutine_then_await(int n) {
  auto l = compute(n);
  int a = syncAwait(l); // expect: vtask-blocking-in-coroutine
  int b = co_await l; // expect: vtask-double-await
  co_return a + b;
}

Lazy<int> sync_await_temporary_in_coroutine(int n) {
  co_return syncAwait(compute(n)); // expect: vtask-blocking-in-coroutine
}

Lazy<int> await_in_branch_then_after(int n, bool c) {
  auto l = compute(n);
  int a = 0;
  if (c)
    a = co_await l;
  co_return a + co_await l; // expect: vtask-double-await
}

Lazy<int> await_in_loop(int n) {
  auto l = compute(n);
  int sum = 0;
  while (more())
    sum += co_await l; // expect: vtask-double-await
  co_return sum;
}

struct pipeline {
  Lazy<int> stage; // expect: vtask-stored-in-field
  std::optional<Lazy<>> tail; // expect: vtask-stored-in-field
};

/* ---- near misses ---- */

/* Quiet: one co_await of an lvalue. */
Lazy<int> await_once(int n) {
  auto l = compute(n);
  co_return co_await l;
}

/* Quiet: temporaries. */
Lazy<int> await_temporaries(int n) {
  co_await flush(n);
  int a = co_await compute(n);
  co_return a + co_await compute(n + 1);
}

/* Quiet: isReady() is a query, not a consumption. */
Lazy<int> query_then_await(int n) {
  auto l = compute(n);
  if (l.isReady())
    n++;
  co_return n + co_await l;
}

/* Quiet: consumed in one of two exclusive branches each. */
Lazy<int> exclusive_branches(Executor *ex, int n, bool c) {
  auto l = compute(n);
  if (c)
    co_return co_await std::move(l).via(ex);
  co_return co_await l;
}

/* Quiet: a fresh Lazy assigned before the second await. */
Lazy<int> reassigned(int n) {
  auto l = compute(n);
  int a = co_await l;
  l = compute(n + 1);
  co_return a + co_await l;
}

/* Quiet: syncAwait once, in ordinary code. */
int sync_await_once(int n) {
  auto l = compute(n);
  return syncAwait(l) + syncAwait(compute(n + 1));
}

/* Quiet: started once, fire and forget. */
void start_once(Executor *ex, int n) {
  auto l = compute(n);
  std::move(l).via(ex).start([](Try<int> r) { (void)r; });
  compute(n + 1).via(ex).start([](Try<int> r) { (void)r; });
}

/* Quiet: a pointer member and a member function. */
struct borrowing {
  Lazy<int> *current;
  Lazy<int> next(int n);
};
