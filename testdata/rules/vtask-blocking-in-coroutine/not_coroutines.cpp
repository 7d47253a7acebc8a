// vtask-blocking-in-coroutine near misses: none of these functions is a coroutine, so blocking
// is legitimate. Traps for a token-based detector: "co_await" in a string literal and in comments,
// identifiers that merely start with co_, a function that returns a vtask without co_* keywords,
// a function that calls a coroutine, and a coroutine-returning declaration with no body.
// expect-no-diagnostics
#include <future>
#include <string>
#include <vtask.hpp>

namespace cppcoro {
template <class A> auto sync_wait(A &&) -> int;
}

vt::vtask<int> read_async(int fd);
vt::vtask<int> declared_only(std::future<int> f); // a coroutine maybe, but no body here

/* This function does not co_await anything: "co_await" appears only in this comment. */
int comment_mentions(std::future<int> f) {
  // co_await, co_return, co_yield
  return f.get();
}

std::string string_mentions(std::future<int> f) {
  std::string s = "co_await co_return co_yield";
  f.wait();
  return s;
}

int co_await_all(int n); // an identifier, not the keyword
int identifiers(std::future<int> f) {
  int co_returned = co_await_all(2);
  return co_returned + f.get();
}

vt::vtask<int> returns_vtask_without_co(std::future<int> f, int fd) {
  int n = f.get();
  return read_async(fd + n);
}

vt::vtask<int> a_coroutine(int fd) { co_return co_await read_async(fd); }

int calls_a_coroutine(std::future<int> f) {
  auto t = a_coroutine(1);
  (void)t.as_task();
  return f.get() + cppcoro::sync_wait(2);
}
