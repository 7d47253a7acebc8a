// Profile concurrencpp: concurrencpp::result<T> and lazy_result<T> are single-use. co_await (of
// an lvalue too), resolve() and run() consume; get() blocks and consumes (a second get() throws
// errors::empty_result); wait(), wait_for() and wait_until() block without consuming. status()
// is a query and `operator bool` a liveness query (false once consumed). Results kept in fields
// are normal. Blocking calls inside a coroutine are vtask-blocking-in-coroutine.
// concurrencpp::shared_result is multi-use and never tracked (see shared_types.cpp).
#include <chrono>
#include <concurrencpp/concurrencpp.h>
#include <utility>
#include <vector>

using concurrencpp::lazy_result;
using concurrencpp::result;
using concurrencpp::result_status;

result<int> fetch(int id);
result<void> store(int id);
lazy_result<int> compute(int n);
void take(result<int> r); // no body: a transfer
bool more();

int get_twice(int id) {
  result<int> r = fetch(id);
  int a = r.get();
  return a + r.get(); // expect: vtask-double-await
}

void void_get_twice(int id) {
  auto r = store(id);
  r.get();
  r.get(); // expect: vtask-double-await
}

result<int> await_twice(int id) {
  auto r = fetch(id);
  int a = co_await r;
  int b = co_await r; // expect: vtask-double-await
  co_return a + b;
}

/* get() in a coroutine blocks its thread; it also consumes, so the later co_await is a second use. */
result<int> get_then_await(int id) {
  auto r = fetch(id);
  int a = r.get(); // expect: vtask-blocking-in-coroutine
  co_return a + co_await r; // expect: vtask-double-await
}

result<int> resolve_then_await(int id) {
  auto r = fetch(id);
  result<int> done = co_await r.resolve();
  int a = co_await done;
  co_return a + co_await r; // expect: vtask-double-await
}

int get_after_move(int id) {
  auto r = fetch(id);
  take(std::move(r));
  return r.get(); // expect: vtask-double-await
}

int get_in_branch_then_after(int id, bool c) {
  auto r = fetch(id);
  int a = 0;
  if (c)
    a = r.get();
  return a + r.get(); // expect: vtask-double-await
}

int get_in_loop(int id) {
  auto r = fetch(id);
  int sum = 0;
  while (more())
    sum += r.get(); // expect: vtask-double-await
  return sum;
}

lazy_result<int> lazy_await_twice(int n) {
  lazy_result<int> l = compute(n);
  int a = co_await l;
  co_return a + co_await l; // expect: vtask-double-await
}

lazy_result<int> lazy_run_then_await(int n) {
  auto l = compute(n);
  result<int> r = l.run();
  int a = co_await r;
  co_return a + co_await l; // expect: vtask-double-await
}

int lazy_run_twice(int n) {
  auto l = compute(n);
  result<int> r1 = l.run();
  result<int> r2 = l.run(); // expect: vtask-double-await
  return r1.get() + r2.get();
}

lazy_result<int> lazy_resolve_then_await(int n) {
  auto l = compute(n);
  lazy_result<int> done = co_await l.resolve();
  int a = co_await done;
  co_return a + co_await l; // expect: vtask-double-await
}

/* ---- blocking calls inside coroutines ---- */

result<int> get_in_coroutine(int id) {
  auto r = fetch(id);
  co_return r.get(); // expect: vtask-blocking-in-coroutine
}

lazy_result<int> wait_in_coroutine(int id) {
  auto r = fetch(id);
  r.wait(); // expect: vtask-blocking-in-coroutine
  co_return co_await r;
}

result<int> wait_for_in_coroutine(int id) {
  auto r = fetch(id);
  if (r.wait_for(std::chrono::milliseconds(50)) == result_status::idle) // expect: vtask-blocking-in-coroutine
    co_return -1;
  co_return co_await r;
}

result<void> wait_until_in_coroutine(int id) {
  auto r = store(id);
  r.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(1)); // expect: vtask-blocking-in-coroutine
  co_await r;
}

/* ---- near misses ---- */

/* Quiet: wait*() blocks without consuming; get() afterwards is the only consumption. */
int waits_then_get(int id) {
  auto r = fetch(id);
  r.wait();
  if (r.wait_for(std::chrono::milliseconds(10)) == result_status::idle)
    r.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(5));
  return r.get();
}

/* Quiet: status() is a query. */
int status_then_get(int id) {
  auto r = fetch(id);
  if (r.status() == result_status::exception)
    return -1;
  return r.get();
}

/* Quiet: operator bool is false once the result was consumed, so the guarded get() cannot run twice. */
int get_guarded_by_bool(int id) {
  auto r = fetch(id);
  int a = r.get();
  if (r)
    a += r.get();
  return a;
}

/* Quiet: early exit on the empty edge. */
int early_exit_when_empty(int id, bool first) {
  auto r = fetch(id);
  int a = 0;
  if (first)
    a = r.get();
  if (!r)
    return a;
  return a + r.get();
}

/* Quiet: consumed once in each of two exclusive branches. */
result<int> exclusive_branches(int id, bool c) {
  auto r = fetch(id);
  if (c)
    co_return co_await r;
  take(std::move(r));
  co_return 0;
}

/* Quiet: re-initialised between the two gets. */
int reassigned(int id) {
  auto r = fetch(id);
  int a = r.get();
  r = fetch(id + 1);
  return a + r.get();
}

/* Quiet: each element of the container is a different result, each got once. */
int results_in_vector(int n) {
  std::vector<result<int>> rs;
  for (int i = 0; i < n; i++)
    rs.push_back(fetch(i));
  int sum = 0;
  for (auto &r : rs)
    sum += r.get();
  return sum;
}

/* Quiet: a lazy result run once, its eager result got once. */
int lazy_run_once(int n) {
  auto l = compute(n);
  result<int> r = l.run();
  return r.get();
}

/* Quiet: results kept in members (the concurrencpp profile allows fields). */
class uploader {
public:
  void start(int id) { pending_ = fetch(id); }
  int finish() { return pending_.get(); }

private:
  result<int> pending_;
  lazy_result<int> next_;
  std::vector<result<void>> stores_;
};
