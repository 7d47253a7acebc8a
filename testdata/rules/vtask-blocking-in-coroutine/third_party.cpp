// vtask-blocking-in-coroutine with library blocking waits: cppcoro::sync_wait,
// folly::coro::blockingWait, async_simple::coro::syncAwait, also reached through a using-directive,
// a using-declaration and a namespace alias. Minimal stand-ins for the libraries are declared
// here. Near misses: look-alike names in other namespaces or as members, and the real waits
// in ordinary functions.
#include <vtask.hpp>

struct job {};
job make_job();

namespace cppcoro {
template <class A> auto sync_wait(A &&) -> int;
}
namespace folly::coro {
template <class A> auto blockingWait(A &&) -> int;
}
namespace async_simple::coro {
template <class A> auto syncAwait(A &&) -> int;
}
namespace mylib {
template <class A> auto sync_wait(A &&) -> int; // not a blocking wait we know about
}
struct scheduler {
  int sync_wait(job j);    // a member with the same name: not cppcoro's
  int blockingWait(job j); // same
};

vt::vtask<int> read_async(int fd);

vt::vtask<int> cppcoro_sync_wait(int fd) {
  int a = co_await read_async(fd);
  co_return a + cppcoro::sync_wait(make_job()); // expect: vtask-blocking-in-coroutine
}

vt::vtask<int> folly_blocking_wait(int fd) {
  int a = folly::coro::blockingWait(make_job()); // expect: vtask-blocking-in-coroutine
  co_return a + co_await read_async(fd);
}

vt::vtask<int> async_simple_sync_await(int fd) {
  co_await read_async(fd);
  co_return async_simple::coro::syncAwait(make_job()); // expect: vtask-blocking-in-coroutine
}

vt::vtask<int> using_directive(int fd) {
  using namespace cppcoro;
  co_await read_async(fd);
  co_return sync_wait(make_job()); // expect: vtask-blocking-in-coroutine
}

vt::vtask<int> using_declaration(int fd) {
  using folly::coro::blockingWait;
  co_await read_async(fd);
  co_return blockingWait(make_job()); // expect: vtask-blocking-in-coroutine
}

namespace asc = async_simple::coro;
vt::vtask<int> namespace_alias(int fd) {
  co_await read_async(fd);
  co_return asc::syncAwait(make_job()); // expect: vtask-blocking-in-coroutine
}

vt::vtask<int> lvalue_argument(int fd) {
  job j = make_job();
  co_await read_async(fd);
  co_return cppcoro::sync_wait(j); // expect: vtask-blocking-in-coroutine
}

/* ---- near misses ---- */

/* Quiet: a function with the same name in another namespace. */
vt::vtask<int> other_namespace(int fd) {
  co_await read_async(fd);
  co_return mylib::sync_wait(make_job());
}

/* Quiet: members with the same names. */
vt::vtask<int> same_named_members(scheduler &s, int fd) {
  co_await read_async(fd);
  co_return s.sync_wait(make_job()) + s.blockingWait(make_job());
}

/* Quiet: the real waits in an ordinary function. */
int ordinary(int fd) {
  (void)fd;
  return cppcoro::sync_wait(make_job()) + folly::coro::blockingWait(make_job()) +
         async_simple::coro::syncAwait(make_job());
}
