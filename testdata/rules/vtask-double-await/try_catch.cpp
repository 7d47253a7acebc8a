// vtask-double-await with try / catch / throw (handled conservatively): anything in a try block
// may throw after the consumption, so a handler that consumes again is a double await, and so is
// code after the try statement. throw ends a path like return; so do [[noreturn]] functions,
// std::abort, std::exit and std::terminate. (co_await is not allowed in a handler, so handlers
// consume with as_task().)
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
void risky();
[[noreturn]] void fail(const char *why);

vt::vtask<int> handler_consumes_again(int fd) {
  auto t = read_async(fd);
  try {
    co_return co_await t;
  } catch (...) {
    (void)t.as_task(); // expect: vtask-double-await
    co_return -1;
  }
}

vt::vtask<int> after_try(int fd) {
  auto t = read_async(fd);
  int r = 0;
  try {
    r = co_await t;
    risky();
  } catch (const std::exception &) {
    r = -1;
  }
  co_return r + co_await t; // expect: vtask-double-await
}

void handler_then_after(int fd) {
  auto t = read_async(fd);
  try {
    risky();
  } catch (...) {
    (void)t.as_task();
  }
  (void)t.as_task(); // expect: vtask-double-await
}

void consumed_before_risky_call(int fd) {
  auto t = read_async(fd);
  try {
    (void)t.as_task();
    risky();
  } catch (...) {
    (void)t.as_task(); // expect: vtask-double-await
  }
}

/* ---- near misses ---- */

/* Quiet: the handler returns; code after the try runs only when nothing was thrown. */
vt::vtask<int> handler_returns(int fd) {
  auto t = read_async(fd);
  try {
    risky();
  } catch (...) {
    (void)t.as_task();
    co_return -1;
  }
  co_return co_await t;
}

/* Quiet: the handler rethrows after consuming. */
void handler_rethrows(int fd) {
  auto t = read_async(fd);
  try {
    risky();
  } catch (...) {
    (void)t.as_task();
    throw;
  }
  (void)t.as_task();
}

/* Quiet: throw after the consumption ends that path. */
vt::vtask<int> throw_after_consume(int fd, bool c) {
  auto t = read_async(fd);
  if (c) {
    co_await t;
    throw std::runtime_error("gave up");
  }
  co_return co_await t;
}

/* Quiet: a [[noreturn]] user function ends the path. */
void noreturn_user_function(int fd, bool c) {
  auto t = read_async(fd);
  if (c) {
    (void)t.as_task();
    fail("impossible");
  }
  (void)t.as_task();
}

/* Quiet: std::abort, std::exit, std::terminate end the path. */
void std_noreturn_calls(int fd, int k) {
  auto t = read_async(fd);
  if (k == 0) {
    (void)t.as_task();
    std::abort();
  } else if (k == 1) {
    (void)t.as_task();
    std::exit(1);
  } else if (k == 2) {
    (void)t.as_task();
    std::terminate();
  }
  (void)t.as_task();
}

/* Quiet: the value is consumed once inside the try and the handler does not touch it. */
vt::vtask<int> handler_ignores(int fd) {
  auto t = read_async(fd);
  try {
    co_return co_await t;
  } catch (...) {
    co_return -1;
  }
}

/* Quiet: a separate vtask in the handler. */
vt::vtask<int> handler_uses_other(int fd) {
  auto t = read_async(fd);
  try {
    co_return co_await t;
  } catch (...) {
    auto u = read_async(fd);
    (void)u.as_task();
    co_return -1;
  }
}
