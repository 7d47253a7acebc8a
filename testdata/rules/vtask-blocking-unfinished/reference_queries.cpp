// vtask-blocking-unfinished through same-file helpers that take a vt::vtask by reference: one
// that returns a completion query's answer is a query (`if (done(t)) t.get_result();` is
// guarded), so get_result() on the branch where it said "not completed" is flagged. Near
// misses: the guarded branch; a helper that polls until it completes (by a const reference
// too: the caller then knows it completed, and calling it in a coroutine is no blocking call
// of the coroutine's own), or puts a new vtask in the caller's variable.
#include <stdexcept>
#include <vtask.h>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);

static bool done(const vt::vtask<int> &t) { return t.is_completed(); }
static bool pending(const vt::vtask<int> &t) { return !t.is_completed(); }
static void poll(vt::vtask<int> &t) {
  while (!t.is_completed()) {
  }
}
static void restart(vt::vtask<int> &t, int fd) { t = read_async(fd); }
long now_ms();
static void wait_or_throw(const vt::vtask<int> &t, long ms) {
  long end = now_ms() + ms;
  while (!t.is_completed())
    if (now_ms() > end)
      throw std::runtime_error("timeout");
}
vtask_t read_c(int fd);
static bool c_ready(vtask_t t) { return vtask_is_completed(t); }
struct Poller {
  virtual ~Poller() = default;
  virtual bool ready(vtask_t t) { return vtask_is_completed(t); }
};
static void spin(const vt::vtask<int> &t) {
  while (!t.is_completed()) {
  }
}

int wrong_branch(int fd) {
  vt::vtask<int> t = read_async(fd);
  if (pending(t))
    return t.get_result(); // expect: vtask-blocking-unfinished
  return 0;
}

int negated_helper(int fd) {
  vt::vtask<int> t = read_async(fd);
  if (!done(t))
    return t.get_result(); // expect: vtask-blocking-unfinished
  return 0;
}

int timeout_swallowed(int fd) {
  vt::vtask<int> t = read_async(fd);
  try {
    wait_or_throw(t, 100);
  } catch (const std::exception &) {
  }
  return t.get_result(); // expect: vtask-blocking-unfinished
}

/* ---- near misses ---- */

void *c_api_helper(int fd) {
  vtask_t t = read_c(fd);
  if (!c_ready(t))
    return nullptr;
  return vtask_get_result(t);
}

void *c_api_virtual_helper(Poller &p, int fd) {
  vtask_t t = read_c(fd);
  if (!p.ready(t))
    return nullptr;
  return vtask_get_result(t);
}

int timeout_caught_then_awaited(int fd) {
  vt::vtask<int> t = read_async(fd);
  try {
    wait_or_throw(t, 100);
    return t.get_result();
  } catch (const std::exception &) {
  }
  return 0;
}

int guarded(int fd) {
  vt::vtask<int> t = read_async(fd);
  if (done(t))
    return t.get_result();
  return 0;
}

int guarded_negated(int fd) {
  vt::vtask<int> t = read_async(fd);
  if (pending(t))
    return 0;
  return t.get_result();
}

int polled(int fd) {
  vt::vtask<int> t = read_async(fd);
  poll(t);
  return t.get_result();
}

int restarted(int fd) {
  vt::vtask<int> t = read_async(fd);
  if (!done(t))
    return 0;
  int a = t.get_result();
  restart(t, fd);
  if (done(t))
    return a + t.get_result();
  return a;
}

int spun(int fd) {
  vt::vtask<int> t = read_async(fd);
  spin(t);
  return t.get_result();
}

vt::vtask<int> spun_in_coroutine(int fd) {
  vt::vtask<int> t = read_async(fd);
  spin(t);
  co_return t.get_result();
}
