// vtask-double-await through a same-file helper that takes a std::future by reference: what the
// helper's body does to the caller's future on every path is what the call does (its summary),
// so a helper that gets the result, called twice or after a get(), is a second get. Near misses:
// a helper that gets it on some paths only, one that puts a new future in it, one that only
// waits, one that only reads it through a const reference (valid() included, after the get):
// each leaves the caller's future unknown or untouched, as a call to a function defined
// elsewhere does. A virtual helper is not summarised (an override may run instead), nor is a
// T&& parameter of a library's function: std::move into one (push_back, emplace_back,
// std::thread) is a transfer, unless the callee is a bool try_push that moves only when it
// succeeds (a bool send(T&&) takes it all the same; a same-file one's body says so).
#include <chrono>
#include <future>
#include <thread>
#include <utility>
#include <vector>

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
static bool has_state(const std::future<int> &f) { return f.valid(); }
void worker(std::future<int> f);
bool pool_try_push(std::future<int> &&f); // moves from f only when it returns true
static bool submit(std::future<int> &f) { return pool_try_push(std::move(f)); }
struct Handler {
  virtual ~Handler() = default;
  virtual int on_ready(std::future<int> &f) { return f.get(); }
};
struct Deferred : Handler {
  int on_ready(std::future<int> &f) override {
    f.wait();
    return 0;
  }
};
struct Queue {
  std::vector<std::future<int>> pending;
  bool closed = false;
  void adopt(std::future<int> &&f) { pending.push_back(std::move(f)); }
  bool send(std::future<int> &&f) { // takes f; the answer says whether the queue is still open
    pending.push_back(std::move(f));
    return !closed;
  }
};
bool post(std::future<int> &&f); // defined elsewhere: takes it
struct Slot {
  std::future<int> held;
  void adopt(std::future<int> &&f) { held = std::move(f); }
};
enum class op_status { success, full, closed };
op_status try_send(std::future<int> &&f); // takes it only on success (Boost.Fiber's shape)

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

int pushed_then_get(int id, std::vector<std::future<int>> &v) {
  std::future<int> f = start_job(id);
  v.push_back(std::move(f));
  return f.get(); // expect: vtask-double-await
}

int emplaced_then_get(int id, std::vector<std::future<int>> &v) {
  std::future<int> f = start_job(id);
  v.emplace_back(std::move(f));
  return f.get(); // expect: vtask-double-await
}

int thread_then_get(int id) {
  std::future<int> f = start_job(id);
  std::thread th(worker, std::move(f));
  th.join();
  return f.get(); // expect: vtask-double-await
}

int adopted_then_get(int id, Queue &q) {
  std::future<int> f = start_job(id);
  q.adopt(std::move(f));
  return f.get(); // expect: vtask-double-await
}

int sent_then_get(int id, Queue &q) {
  std::future<int> f = start_job(id);
  if (!q.send(std::move(f)))
    return -1;
  return f.get(); // expect: vtask-double-await
}

int posted_then_get(int id) {
  std::future<int> f = start_job(id);
  bool ok = post(std::move(f));
  (void)ok;
  return f.get(); // expect: vtask-double-await
}

int held_then_get(int id, Slot &s) {
  std::future<int> f = start_job(id);
  s.adopt(std::move(f));
  return f.get(); // expect: vtask-double-await
}

/* ---- near misses ---- */

int try_send_status(int id) {
  std::future<int> f = start_job(id);
  if (try_send(std::move(f)) != op_status::success)
    return f.get();
  return 0;
}

int asked_after_get(int id) {
  std::future<int> f = start_job(id);
  int x = f.get();
  if (has_state(f))
    return -1;
  return x;
}

int through_an_override(Handler &h, int id) {
  std::future<int> f = start_job(id);
  int x = h.on_ready(f);
  if (x == 0)
    x = f.get();
  return x;
}

int run_or_inline(int id) {
  std::future<int> f = start_job(id);
  if (!submit(f))
    return f.get();
  return 0;
}

int try_push_directly(int id) {
  std::future<int> f = start_job(id);
  if (!pool_try_push(std::move(f)))
    return f.get();
  return 0;
}

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
