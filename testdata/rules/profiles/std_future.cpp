// Profile std-future: std::future<T> (not std::shared_future) is single-use. get() consumes it
// (and blocks), share() and std::move into a variable or a parameter consume it; wait(),
// wait_for() and wait_until() block without consuming. valid() is a liveness query and never a
// use. Futures kept in fields are normal, and a local future nobody consumes is left to its
// destructor (std::async's join-on-destruction): neither is reported. Blocking calls inside a
// coroutine are vtask-blocking-in-coroutine; a dropped std::async result is vtask-discarded.
#include <chrono>
#include <future>
#include <utility>
#include <vector>
#include <vtask.hpp>

std::future<int> start_job(int id);
std::future<void> start_flush(int id);
int work(int n);
void take(std::future<int> f);      // no body: a transfer
void take_rref(std::future<int> &&f); // no body: std::move into it is a transfer

int get_twice(int id) {
  std::future<int> f = start_job(id);
  int a = f.get();
  int b = f.get(); // expect: vtask-double-await
  return a + b;
}

void void_future_get_twice(int id) {
  std::future<void> f = start_flush(id);
  f.get();
  f.get(); // expect: vtask-double-await
}

int async_future_get_twice(int n) {
  auto f = std::async(std::launch::async, work, n);
  int a = f.get();
  return a + f.get(); // expect: vtask-double-await
}

int get_after_move_into_variable(int id) {
  std::future<int> f = start_job(id);
  std::future<int> g = std::move(f);
  int a = g.get();
  return a + f.get(); // expect: vtask-double-await
}

int get_after_move_assignment(int id) {
  std::future<int> f = start_job(id);
  std::future<int> g = start_job(id + 1);
  int a = g.get();
  g = std::move(f);
  a += g.get();
  return a + f.get(); // expect: vtask-double-await
}

int get_after_move_into_parameter(int id) {
  std::future<int> f = start_job(id);
  take(std::move(f));
  return f.get(); // expect: vtask-double-await
}

int get_after_move_into_rvalue_reference(int id) {
  auto f = start_job(id);
  take_rref(std::move(f));
  return f.get(); // expect: vtask-double-await
}

int get_after_share(int id) {
  std::future<int> f = start_job(id);
  std::shared_future<int> s = f.share();
  int a = s.get();
  return a + f.get(); // expect: vtask-double-await
}

std::shared_future<int> share_after_get(int id) {
  std::future<int> f = start_job(id);
  int a = f.get();
  (void)a;
  return f.share(); // expect: vtask-double-await
}

int get_in_branch_then_after(int id, bool fast) {
  std::future<int> f = start_job(id);
  int r = 0;
  if (fast)
    r = f.get();
  return r + f.get(); // expect: vtask-double-await
}

/* The same future's get() on every iteration (ros2/demos#662). */
int get_in_loop(int id, int n) {
  std::future<int> f = start_job(id);
  int sum = 0;
  for (int i = 0; i < n; i++)
    sum += f.get(); // expect: vtask-double-await
  return sum;
}

/* The dropped future's destructor blocks until the task is done: the call runs synchronously. */
void async_dropped(int n) {
  std::async(std::launch::async, work, n); // expect: vtask-discarded
}

void async_dropped_void_cast(int n) {
  (void)std::async(std::launch::async, work, n); // expect: vtask-discarded
}

/* ---- blocking calls inside coroutines ---- */

vt::vtask<int> get_in_coroutine(int id) {
  std::future<int> f = start_job(id);
  co_return f.get(); // expect: vtask-blocking-in-coroutine
}

vt::vtask<int> wait_in_coroutine(std::future<int> f) {
  f.wait(); // expect: vtask-blocking-in-coroutine
  co_return 0;
}

vt::vtask<int> wait_for_in_coroutine(int id) {
  std::future<int> f = start_job(id);
  if (f.wait_for(std::chrono::seconds(1)) != std::future_status::ready) // expect: vtask-blocking-in-coroutine
    co_return -1;
  co_return 0;
}

vt::vtask<void> wait_until_in_coroutine(int id) {
  std::future<void> f = start_flush(id);
  f.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(1)); // expect: vtask-blocking-in-coroutine
  co_return;
}

/* The second get() is both a double get and a blocking call: two findings on one line. */
vt::vtask<int> double_get_in_coroutine(int id) {
  std::future<int> f = start_job(id);
  int a = f.get(); // expect: vtask-blocking-in-coroutine
  int b = f.get(); // expect: vtask-double-await, vtask-blocking-in-coroutine
  co_return a + b;
}

/* ---- near misses ---- */

/* Quiet: wait*() blocks without consuming; the one get() afterwards is the only consumption. */
int waits_then_get(int id) {
  std::future<int> f = start_job(id);
  f.wait();
  if (f.wait_for(std::chrono::milliseconds(10)) == std::future_status::timeout)
    f.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(5));
  return f.get();
}

/* Quiet: valid() is false once the first get() ran, so the guarded get() never runs twice. */
int get_guarded_by_valid(int id) {
  std::future<int> f = start_job(id);
  int a = f.get();
  if (f.valid())
    a += f.get();
  return a;
}

/* Quiet: early exit on the not-valid edge; the get() below runs only on a live future. */
int early_exit_when_not_valid(int id, bool first) {
  std::future<int> f = start_job(id);
  int a = 0;
  if (first)
    a = f.get();
  if (!f.valid())
    return a;
  return a + f.get();
}

/* Quiet: valid() is never a use, not even after a get() or a move. */
bool valid_after_get(int id) {
  std::future<int> f = start_job(id);
  (void)f.get();
  return f.valid();
}

bool valid_after_move(int id) {
  std::future<int> f = start_job(id);
  take(std::move(f));
  return f.valid();
}

/* Quiet: a future member, joined later (the std-future profile allows fields). */
class worker {
public:
  void start(int id) { done_ = start_flush(id); }
  void join() { done_.get(); }
  bool running() const { return done_.valid(); }

private:
  std::future<void> done_;
  std::vector<std::future<int>> parts_;
};

/* Quiet: never consumed, left to the destructor, which joins an std::async future. */
void left_to_destructor(int n) {
  auto f = std::async(std::launch::async, work, n);
}

/* Quiet: a fresh future on each iteration. */
int fresh_per_iteration(int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) {
    auto f = std::async(std::launch::async, work, i);
    sum += f.get();
  }
  return sum;
}

/* Quiet: each element of the container is a different future, each got once. */
int futures_in_vector(int n) {
  std::vector<std::future<int>> futs;
  for (int i = 0; i < n; i++)
    futs.push_back(std::async(std::launch::async, work, i));
  int sum = 0;
  for (auto &f : futs)
    sum += f.get();
  return sum;
}

/* Quiet: re-initialised between the two gets. */
int reassigned_between_gets(int id) {
  std::future<int> f = start_job(id);
  int a = f.get();
  f = start_job(id + 1);
  return a + f.get();
}

/* Quiet: consumed in one of two exclusive branches each. */
int exclusive_branches(int id, bool c) {
  std::future<int> f = start_job(id);
  if (c)
    return f.get();
  std::shared_future<int> s = f.share();
  return s.get();
}

/* Quiet: moved once, the new owner got once. */
int moved_once(int id) {
  std::future<int> f = start_job(id);
  std::future<int> g = std::move(f);
  return g.get();
}

/* Quiet: a temporary handed straight on. */
void handed_off(int id) {
  take(start_job(id));
  take(start_job(id + 1));
}

/* Quiet: the promise's future, got once. */
int promise_pair() {
  std::promise<int> p;
  std::future<int> f = p.get_future();
  p.set_value(42);
  return f.get();
}
