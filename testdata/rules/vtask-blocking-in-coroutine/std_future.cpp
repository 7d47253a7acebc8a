// vtask-blocking-in-coroutine with std::future: get(), wait(), wait_for() and wait_until() block
// the thread; inside a coroutine body (co_await / co_return / co_yield) each is reported on its
// line, also before the first co_await and through a pointer or reference. Near misses: the same
// calls in ordinary functions, non-blocking members (valid, share), unevaluated operands.
#include <chrono>
#include <future>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);

vt::vtask<int> get_after_await(std::future<int> f, int fd) {
  int a = co_await read_async(fd);
  int b = f.get(); // expect: vtask-blocking-in-coroutine
  co_return a + b;
}

vt::vtask<int> get_before_first_await(std::future<int> f, int fd) {
  int b = f.get(); // expect: vtask-blocking-in-coroutine
  co_return b + co_await read_async(fd);
}

vt::vtask<int> wait_then_get(std::future<int> f) {
  f.wait(); // expect: vtask-blocking-in-coroutine
  co_return f.get(); // expect: vtask-blocking-in-coroutine
}

vt::vtask<int> timed_wait(std::future<int> &f) {
  if (f.wait_for(std::chrono::milliseconds(50)) == std::future_status::timeout) // expect: vtask-blocking-in-coroutine
    co_return -1;
  co_return 0;
}

vt::vtask<int> deadline_wait(std::future<void> &f) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  f.wait_until(deadline); // expect: vtask-blocking-in-coroutine
  co_return 0;
}

vt::vtask<int> through_pointer(std::future<int> *pf) {
  co_return pf->get(); // expect: vtask-blocking-in-coroutine
}

vt::vtask<int> in_branch(std::future<int> f, bool c) {
  if (c)
    co_return f.get(); // expect: vtask-blocking-in-coroutine
  co_return 0;
}

vt::vtask<void> void_coroutine(std::future<void> f) {
  co_await read_async(0);
  f.get(); // expect: vtask-blocking-in-coroutine
}

/* ---- near misses ---- */

/* Quiet: an ordinary function may block. */
int ordinary_get(std::future<int> f) {
  f.wait();
  return f.get();
}

/* Quiet: an ordinary function returning a vtask but containing no co_* is not a coroutine. */
vt::vtask<int> not_a_coroutine(std::future<int> f, int fd) {
  int n = f.get();
  return read_async(fd + n);
}

/* Quiet: valid() and share() do not block. */
vt::vtask<int> non_blocking_members(std::future<int> f) {
  bool ok = f.valid();
  std::shared_future<int> s = f.share();
  (void)s;
  co_return ok ? 1 : 0;
}

/* Quiet: decltype and sizeof do not evaluate their operands. */
vt::vtask<int> unevaluated(std::future<int> &f) {
  using R = decltype(f.get());
  co_return static_cast<int>(sizeof(R) + sizeof(f.get()));
}
