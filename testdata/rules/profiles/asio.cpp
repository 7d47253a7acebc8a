// Profile asio: asio::awaitable<T> and boost::asio::awaitable<T> are single-use. co_await
// consumes it (awaiting it again dereferences a null frame), and so does handing it to
// co_spawn(ex, std::move(a), token); storing one in a field is flagged. Near misses: one await,
// temporaries, exclusive branches, re-assignment, a spawned temporary, returning it once,
// pointers in fields.
#include <asio/awaitable.hpp>
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <utility>

asio::awaitable<int> read_some(int fd);
asio::awaitable<void> session(int fd);
boost::asio::awaitable<int> boost_read_some(int fd);
boost::asio::awaitable<void> boost_session(int fd);
bool more();

asio::awaitable<int> await_twice(int fd) {
  asio::awaitable<int> a = read_some(fd);
  int x = co_await a;
  int y = co_await a; // expect: vtask-double-await
  co_return x + y;
}

asio::awaitable<void> void_await_twice(int fd) {
  auto s = session(fd);
  co_await s;
  co_await s; // expect: vtask-double-await
}

asio::awaitable<int> moved_await_twice(int fd) {
  auto a = read_some(fd);
  int x = co_await std::move(a);
  co_return x + co_await std::move(a); // expect: vtask-double-await
}

asio::awaitable<int> spawn_detached_then_await(asio::any_io_executor ex, int fd) {
  auto a = read_some(fd);
  asio::co_spawn(ex, std::move(a), asio::detached);
  co_return co_await a; // expect: vtask-double-await
}

asio::awaitable<int> spawn_detached_then_moved_await(asio::any_io_executor ex, int fd) {
  auto a = read_some(fd);
  asio::co_spawn(ex, std::move(a), asio::detached);
  co_return co_await std::move(a); // expect: vtask-double-await
}

void spawn_twice(asio::any_io_executor ex, int fd) {
  auto s = session(fd);
  asio::co_spawn(ex, std::move(s), asio::detached);
  asio::co_spawn(ex, std::move(s), asio::detached); // expect: vtask-double-await
}

asio::awaitable<int> spawn_use_awaitable_then_await(asio::any_io_executor ex, int fd) {
  auto a = read_some(fd);
  int x = co_await asio::co_spawn(ex, std::move(a), asio::use_awaitable);
  co_return x + co_await a; // expect: vtask-double-await
}

asio::awaitable<int> await_in_branch_then_after(int fd, bool c) {
  auto a = read_some(fd);
  int x = 0;
  if (c)
    x = co_await a;
  co_return x + co_await a; // expect: vtask-double-await
}

asio::awaitable<int> await_in_loop(int fd) {
  auto a = read_some(fd);
  int sum = 0;
  while (more())
    sum += co_await a; // expect: vtask-double-await
  co_return sum;
}

boost::asio::awaitable<int> boost_await_twice(int fd) {
  boost::asio::awaitable<int> a = boost_read_some(fd);
  int x = co_await a;
  co_return x + co_await a; // expect: vtask-double-await
}

boost::asio::awaitable<void> boost_spawn_then_await(boost::asio::any_io_executor ex, int fd) {
  auto s = boost_session(fd);
  boost::asio::co_spawn(ex, std::move(s), boost::asio::detached);
  co_await std::move(s); // expect: vtask-double-await
}

struct connection {
  int fd;
  asio::awaitable<int> pending; // expect: vtask-stored-in-field
  asio::awaitable<void, asio::any_io_executor> reader; // expect: vtask-stored-in-field
  boost::asio::awaitable<int> boost_pending; // expect: vtask-stored-in-field
  std::optional<asio::awaitable<int>> maybe; // expect: vtask-stored-in-field
};

/* ---- near misses ---- */

/* Quiet: awaited once. */
asio::awaitable<int> await_once(int fd) {
  auto a = read_some(fd);
  co_return co_await a;
}

/* Quiet: temporaries, each awaited once. */
asio::awaitable<int> await_temporaries(int fd) {
  co_await session(fd);
  int x = co_await read_some(fd);
  co_return x + co_await read_some(fd + 1);
}

/* Quiet: awaited in one of two exclusive branches. */
asio::awaitable<int> exclusive_branches(asio::any_io_executor ex, int fd, bool c) {
  auto a = read_some(fd);
  if (c)
    co_return co_await a;
  asio::co_spawn(ex, std::move(a), asio::detached);
  co_return 0;
}

/* Quiet: a fresh awaitable assigned before the second await. */
asio::awaitable<int> reassigned(int fd) {
  auto a = read_some(fd);
  int x = co_await a;
  a = read_some(fd + 1);
  co_return x + co_await a;
}

/* Quiet: a fresh awaitable on each iteration. */
asio::awaitable<int> fresh_per_iteration(int fd) {
  int sum = 0;
  while (more()) {
    auto a = read_some(fd);
    sum += co_await a;
  }
  co_return sum;
}

/* Quiet: spawning temporaries from ordinary code, the usual entry point. */
void spawn_sessions(asio::io_context &ctx, int fd) {
  asio::co_spawn(ctx.get_executor(), session(fd), asio::detached);
  boost::asio::co_spawn(boost::asio::any_io_executor(), boost_session(fd), boost::asio::detached);
  ctx.run();
}

/* Quiet: spawned once with a local, then never touched again. */
void spawn_once(asio::any_io_executor ex, int fd) {
  auto s = session(fd);
  asio::co_spawn(ex, std::move(s), asio::detached);
}

/* Quiet: returned once from an ordinary function. */
asio::awaitable<int> forward_once(int fd) {
  auto a = read_some(fd);
  return a;
}

/* Quiet: pointers do not hold the awaitable; a member function is not a field. */
struct borrowing {
  asio::awaitable<int> *current;
  asio::awaitable<int> next(int fd);
};
