// Profile folly. folly::coro::Task<T> is single-use: awaited only as an rvalue
// (`co_await std::move(t)`), and semi(), scheduleOn() and start() consume it; blockingWait()
// blocks and consumes it; storing a Task in a field is flagged. folly::SemiFuture<T> and
// folly::Future<T> are single-use too: `std::move(f).get()` blocks and consumes, via(), then*()
// and semi() consume, wait() only blocks; value() and result() take the result synchronously and
// need a completed future (vtask-blocking-unfinished unless isReady(), hasValue() or
// hasException() guards them); futures kept in fields are normal. Blocking calls inside a
// coroutine are vtask-blocking-in-coroutine.
#include <folly/coro/BlockingWait.h>
#include <folly/coro/Task.h>
#include <folly/futures/Future.h>
#include <optional>
#include <utility>
#include <vector>

using folly::coro::blockingWait;
using folly::coro::Task;
using KeepAlive = folly::Executor::KeepAlive<>;

Task<int> compute(int n);
Task<> flush(int fd);
folly::SemiFuture<int> fetch(int id);
folly::Future<int> fetch_eager(int id);
bool more();

/* ---- Task ---- */

Task<int> await_moved_twice(int n) {
  Task<int> t = compute(n);
  int a = co_await std::move(t);
  int b = co_await std::move(t); // expect: vtask-double-await
  co_return a + b;
}

Task<> void_await_moved_twice(int fd) {
  auto t = flush(fd);
  co_await std::move(t);
  co_await std::move(t); // expect: vtask-double-await
}

Task<int> schedule_on_then_await(KeepAlive ex, int n) {
  auto t = compute(n);
  int a = co_await std::move(t).scheduleOn(ex);
  co_return a + co_await std::move(t); // expect: vtask-double-await
}

int semi_then_blocking_wait(int n) {
  auto t = compute(n);
  folly::SemiFuture<int> sf = std::move(t).semi();
  int a = std::move(sf).get();
  return a + blockingWait(std::move(t)); // expect: vtask-double-await
}

int start_then_blocking_wait(int n) {
  auto t = compute(n);
  folly::Future<int> f = std::move(t).start();
  int a = std::move(f).get();
  return a + blockingWait(std::move(t)); // expect: vtask-double-await
}

int blocking_wait_twice(int n) {
  auto t = compute(n);
  int a = blockingWait(std::move(t));
  return a + blockingWait(std::move(t)); // expect: vtask-double-await
}

Task<int> await_in_branch_then_after(int n, bool c) {
  auto t = compute(n);
  int a = 0;
  if (c)
    a = co_await std::move(t);
  co_return a + co_await std::move(t); // expect: vtask-double-await
}

Task<int> await_in_loop(int n) {
  auto t = compute(n);
  int sum = 0;
  while (more())
    sum += co_await std::move(t); // expect: vtask-double-await
  co_return sum;
}

Task<int> blocking_wait_in_coroutine(int n) {
  co_return blockingWait(compute(n)); // expect: vtask-blocking-in-coroutine
}

Task<int> blocking_wait_in_coroutine_then_await(int n) {
  auto t = compute(n);
  int a = folly::coro::blockingWait(std::move(t)); // expect: vtask-blocking-in-coroutine
  co_return a + co_await std::move(t); // expect: vtask-double-await
}

struct job_queue {
  Task<int> current; // expect: vtask-stored-in-field
  std::vector<Task<>> pending; // expect: vtask-stored-in-field
  std::optional<folly::coro::Task<int>> next; // expect: vtask-stored-in-field
};

/* ---- SemiFuture and Future ---- */

int semi_future_get_twice(int id) {
  folly::SemiFuture<int> f = fetch(id);
  int a = std::move(f).get();
  return a + std::move(f).get(); // expect: vtask-double-await
}

int future_get_twice(int id) {
  folly::Future<int> f = fetch_eager(id);
  int a = std::move(f).get();
  return a + std::move(f).get(); // expect: vtask-double-await
}

int via_then_get(KeepAlive ex, int id) {
  auto sf = fetch(id);
  folly::Future<int> f = std::move(sf).via(ex);
  int a = std::move(f).get();
  return a + std::move(sf).get(); // expect: vtask-double-await
}

int then_value_then_get(int id) {
  auto f = fetch_eager(id);
  auto g = std::move(f).thenValue([](int v) { return v + 1; });
  int a = std::move(g).get();
  return a + std::move(f).get(); // expect: vtask-double-await
}

bool then_try_then_then_value(int id) {
  auto f = fetch_eager(id);
  auto g = std::move(f).thenTry([](folly::Try<int> &&r) { return r.hasValue(); });
  auto h = std::move(f).thenValue([](int v) { return v != 0; }); // expect: vtask-double-await
  return std::move(g).get() && std::move(h).get();
}

int semi_then_get(int id) {
  auto f = fetch_eager(id);
  folly::SemiFuture<int> sf = std::move(f).semi();
  int a = std::move(sf).get();
  return a + std::move(f).get(); // expect: vtask-double-await
}

int get_in_branch_then_after(int id, bool c) {
  auto f = fetch(id);
  int a = 0;
  if (c)
    a = std::move(f).get();
  return a + std::move(f).get(); // expect: vtask-double-await
}

/* value() and result() throw FutureNotReady on a future that has not completed. */
int value_unguarded(int id) {
  folly::SemiFuture<int> f = fetch(id);
  return f.value(); // expect: vtask-blocking-unfinished
}

bool result_unguarded(int id) {
  folly::Future<int> f = fetch_eager(id);
  return f.result().hasValue(); // expect: vtask-blocking-unfinished
}

int value_guarded_on_one_path_only(int id, bool c) {
  auto f = fetch_eager(id);
  if (c && !f.isReady())
    f.wait();
  return f.value(); // expect: vtask-blocking-unfinished
}

Task<int> future_get_in_coroutine(int id) {
  auto f = fetch(id);
  co_return std::move(f).get(); // expect: vtask-blocking-in-coroutine
}

Task<int> future_wait_in_coroutine(int id) {
  auto f = fetch_eager(id);
  f.wait(); // expect: vtask-blocking-in-coroutine
  co_return std::move(f).get(); // expect: vtask-blocking-in-coroutine
}

/* ---- near misses ---- */

/* Quiet: a Task awaited once, and temporaries. */
Task<int> await_once(int n) {
  auto t = compute(n);
  co_await flush(n);
  int a = co_await std::move(t);
  co_return a + co_await compute(n + 1);
}

/* Quiet: consumed once in each of two exclusive branches. */
Task<int> task_exclusive_branches(KeepAlive ex, int n, bool c) {
  auto t = compute(n);
  if (c)
    co_return co_await std::move(t).scheduleOn(ex);
  co_return co_await std::move(t);
}

/* Quiet: a fresh Task assigned before the second await. */
Task<int> task_reassigned(int n) {
  auto t = compute(n);
  int a = co_await std::move(t);
  t = compute(n + 1);
  co_return a + co_await std::move(t);
}

/* Quiet: blockingWait once, in ordinary code. */
int blocking_wait_once(int n) {
  auto t = compute(n);
  return blockingWait(std::move(t)) + blockingWait(compute(n + 1));
}

/* Quiet: wait() blocks without consuming; then the one get(). */
int wait_then_get(int id) {
  auto f = fetch(id);
  f.wait();
  return std::move(f).get();
}

/* Quiet: a continuation chain consumes each future once. */
int chain_once(KeepAlive ex, int id) {
  auto sf = fetch(id);
  return std::move(sf).via(ex).thenValue([](int v) { return v * 2; }).get();
}

/* Quiet: value() guarded by isReady(); get() otherwise. */
int value_guarded_by_is_ready(int id) {
  auto f = fetch_eager(id);
  if (f.isReady())
    return f.value();
  return std::move(f).get();
}

/* Quiet: value() guarded by hasValue(). */
int value_guarded_by_has_value(int id) {
  auto f = fetch(id);
  if (f.hasValue())
    return f.value();
  return std::move(f).get();
}

/* Quiet: result() guarded by hasException(). */
int result_guarded_by_has_exception(int id) {
  folly::Future<int> f = fetch_eager(id);
  if (f.hasException())
    return f.result().hasException() ? -1 : 0;
  return std::move(f).get();
}

/* Quiet: early exit on the not-ready edge. */
int early_exit_when_not_ready(int id) {
  auto f = fetch(id);
  if (!f.isReady())
    return -1;
  return f.value();
}

/* Quiet: wait() returns only once the future has completed. */
int wait_then_value(int id) {
  auto f = fetch_eager(id);
  f.wait();
  return f.value();
}

/* Quiet: futures kept in members (the folly profile allows fields of futures); pointers. */
class fetcher {
public:
  void start(int id) { pending_ = fetch_eager(id); }
  int finish() { return std::move(pending_).get(); }

private:
  folly::Future<int> pending_ = folly::Future<int>::makeEmpty();
  folly::SemiFuture<folly::Unit> done_ = folly::SemiFuture<folly::Unit>::makeEmpty();
  std::vector<folly::SemiFuture<int>> parts_;
  Task<int> *borrowed_ = nullptr;
};
