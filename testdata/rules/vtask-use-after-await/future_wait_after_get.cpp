// Library note (std-future): after get() (or share(), or a move) the future has no shared state:
// wait(), wait_for() and wait_until() on it are undefined, like any other use. valid() stays
// allowed: it is how one asks. From ../shared/repro/future_wait_after_get.cpp, with its near
// misses.
#include <chrono>
#include <future>
#include <utility>

int wait_after(std::future<int> f) {
  int v = f.get();
  f.wait(); // expect: vtask-use-after-await
  return v;
}

bool poll_after(std::future<int> f) {
  int v = f.get();
  (void)v;
  return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; // expect: vtask-use-after-await
}

void wait_until_after_share(std::future<int> f) {
  std::shared_future<int> s = f.share();
  f.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(1)); // expect: vtask-use-after-await
  (void)s;
}

void wait_after_move(std::future<int> f) {
  std::future<int> g = std::move(f);
  f.wait(); // expect: vtask-use-after-await
  g.wait();
}

/* ---- near misses ---- */

/* Quiet: waits before the one get(). */
int wait_then_get(std::future<int> f) {
  f.wait();
  if (f.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
    f.wait_for(std::chrono::seconds(5));
  return f.get();
}

/* Quiet: valid() is never a use; the wait runs only while the future is valid. */
void wait_if_valid(std::future<int> f, bool early) {
  if (early)
    (void)f.get();
  if (f.valid())
    f.wait();
}

/* Quiet: a shared_future may be waited on after get(). */
int shared_wait_after_get(std::shared_future<int> s) {
  int v = s.get();
  s.wait();
  return v;
}

/* Quiet: re-initialised after the get(). */
int wait_on_new_future(std::future<int> f, std::future<int> (*start)()) {
  int v = f.get();
  f = start();
  f.wait();
  return v + f.get();
}
