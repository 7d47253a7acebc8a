// Multi-use ("shared") types are never tracked: std::shared_future, cppcoro::shared_task and
// concurrencpp::shared_result may be got or awaited any number of times, copied, and kept in
// fields. The single-use value each one is made from (std::future::share(), a moved
// cppcoro::task, a moved concurrencpp::result) is consumed exactly once here.
// expect-no-diagnostics
#include <chrono>
#include <concurrencpp/concurrencpp.h>
#include <cppcoro/shared_task.hpp>
#include <cppcoro/task.hpp>
#include <future>
#include <utility>
#include <vector>

std::future<int> start_job(int id);
std::shared_future<int> shared_job(int id);
cppcoro::task<int> compute(int n);
cppcoro::shared_task<int> shared_compute(int n);
cppcoro::shared_task<> shared_flush(int fd);
concurrencpp::result<int> fetch(int id);
concurrencpp::shared_result<int> shared_fetch(int id);

/* ---- std::shared_future ---- */

int shared_future_get_twice(int id) {
  std::shared_future<int> s = shared_job(id);
  int a = s.get();
  return a + s.get();
}

int shared_from_share_get_twice(int id) {
  std::future<int> f = start_job(id);
  std::shared_future<int> s = f.share();
  s.wait();
  int a = s.get();
  return a + s.get();
}

int shared_future_copies(int id) {
  std::shared_future<int> s = shared_job(id);
  std::shared_future<int> t = s;
  std::shared_future<int> u = std::move(s);
  return t.get() + u.get() + t.get();
}

int shared_future_in_loop(int id, int n) {
  std::shared_future<int> s = shared_job(id);
  int sum = 0;
  for (int i = 0; i < n; i++)
    sum += s.get();
  return sum;
}

void shared_future_dropped(int id) {
  shared_job(id);
}

struct config_cache {
  std::shared_future<int> value;
  std::vector<std::shared_future<int>> history;
  int get() const { return value.get(); }
};

/* ---- cppcoro::shared_task ---- */

cppcoro::task<int> shared_task_await_twice(int n) {
  cppcoro::shared_task<int> s = shared_compute(n);
  int a = co_await s;
  int b = co_await s;
  co_return a + b;
}

cppcoro::task<> shared_void_task_await_twice(int fd) {
  auto s = shared_flush(fd);
  co_await s;
  co_await s;
}

cppcoro::task<int> shared_task_copies(int n) {
  auto s = shared_compute(n);
  cppcoro::shared_task<int> t = s;
  int a = co_await t;
  a += co_await s;
  co_return a + co_await std::move(t);
}

cppcoro::task<int> shared_task_from_task(int n) {
  cppcoro::task<int> t = compute(n);
  cppcoro::shared_task<int> s = cppcoro::make_shared_task(std::move(t));
  int a = co_await s;
  co_return a + co_await s;
}

struct service {
  cppcoro::shared_task<int> ready;
  std::vector<cppcoro::shared_task<>> pending;
};

/* ---- concurrencpp::shared_result ---- */

int shared_result_get_twice(int id) {
  concurrencpp::shared_result<int> s = shared_fetch(id);
  int a = s.get();
  return a + s.get();
}

int shared_result_from_result(int id) {
  concurrencpp::result<int> r = fetch(id);
  concurrencpp::shared_result<int> s(std::move(r));
  s.wait();
  s.wait_for(std::chrono::milliseconds(1));
  int a = s.get();
  concurrencpp::shared_result<int> t = s;
  return a + t.get() + s.get();
}

concurrencpp::result<int> shared_result_await_twice(int id) {
  auto s = shared_fetch(id);
  int a = co_await s;
  co_return a + co_await s;
}

struct dashboard {
  concurrencpp::shared_result<int> total;
  std::vector<concurrencpp::shared_result<int>> parts;
};
