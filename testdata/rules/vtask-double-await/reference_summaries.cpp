// vtask-double-await through a same-file helper that takes a std::future by reference: what the
// helper's body does to the caller's future on every path is what the call does (its summary),
// so a helper that gets the result, called twice or after a get(), is a second get. Near misses:
// a helper that gets it on some paths only, one that puts a new future in it, one that only
// waits, one that only reads it through a const reference: each leaves the caller's future
// unknown or untouched, as a call to a function defined elsewhere does.
#include <chrono>
#include <future>
#include <utility>

std::future<int> start_job(int id);

static int take(std::future<int> &f) { return f.get(); }
static void sink(std::future<int> &f) {
  std::future<int> g = std::move(f);
  g.get();
}
static int maybe_take(std::future<int> &f, bool now) {
  if (now)
    return f.get();
  return 0;
}
static void restart(std::future<int> &f, int id) { f = start_job(id); }
static void settle(std::future<int> &f) { f.wait(); }
static bool is_ready(const std::future<int> &f) {
  return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

int take_twice(int id) {
  std::future<int> f = start_job(id);
  int a = take(f);
  return a + take(f); // expect: vtask-double-await
}

int get_then_take(int id) {
  std::future<int> f = start_job(id);
  int a = f.get();
  return a + take(f); // expect: vtask-double-await
}

int moved_away_then_get(int id) {
  std::future<int> f = start_job(id);
  sink(f);
  return f.get(); // expect: vtask-double-await
}

/* ---- near misses ---- */

int take_once(int id) {
  std::future<int> f = start_job(id);
  if (is_ready(f))
    return take(f);
  settle(f);
  return take(f);
}

int some_paths_only(int id, bool now) {
  std::future<int> f = start_job(id);
  int a = maybe_take(f, now);
  if (!now)
    a += f.get();
  return a;
}

int restarted(int id) {
  std::future<int> f = start_job(id);
  int a = take(f);
  restart(f, id + 1);
  return a + take(f);
}
