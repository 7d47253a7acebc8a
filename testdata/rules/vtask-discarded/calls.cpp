// vtask-discarded in C++: dropped calls (free functions, methods, static methods, a lambda that
// returns a vtask, a (void) cast, a static_cast<void>) and locals that no path consumes. Near
// misses: co_await, return, as_task(), std::move into a consumer, vt::from_result, methods that
// return vt::task or non-vtask types, a vtask returned by a lambda and awaited.
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
vt::vtask<void> flush_async(int fd);
vt::task<int> start_task(int fd); // multi-use: never tracked
void take(vt::vtask<int> t);

struct Conn {
  vt::vtask<void> send(const char *msg);
  static vt::vtask<int> open(const char *host);
  vt::task<void> start();
  int fd() const;
};

void free_function(int fd) {
  read_async(fd); // expect: vtask-discarded
}

void void_vtask(int fd) {
  flush_async(fd); // expect: vtask-discarded
}

void void_cast(int fd) {
  (void)read_async(fd); // expect: vtask-discarded
}

void static_cast_void(int fd) {
  static_cast<void>(read_async(fd)); // expect: vtask-discarded
}

void method(Conn &c) {
  c.send("hello"); // expect: vtask-discarded
}

void static_method() {
  Conn::open("example.org"); // expect: vtask-discarded
}

void lambda_call() {
  auto mk = [](int fd) { return read_async(fd); };
  mk(1); // expect: vtask-discarded
}

vt::vtask<int> in_coroutine(int fd) {
  read_async(fd); // expect: vtask-discarded
  co_return co_await read_async(fd);
}

void local_never_consumed(int fd) {
  auto t = read_async(fd); // expect: vtask-discarded
}

bool local_only_queried(int fd) {
  vt::vtask<int> t = read_async(fd); // expect: vtask-discarded
  return t.is_completed();
}

/* ---- near misses ---- */

/* Quiet: awaited. */
vt::vtask<int> awaited(Conn &c, int fd) {
  co_await c.send("x");
  co_return co_await read_async(fd);
}

/* Quiet: returned (also from a lambda). */
vt::vtask<int> returned(int fd) {
  auto mk = [](int f) { return read_async(f); };
  (void)mk;
  return read_async(fd);
}

/* Quiet: transferred. */
void transferred(int fd) {
  (void)read_async(fd).as_task();
  take(read_async(fd));
}

/* Quiet: create-completed. */
void completed() {
  (void)vt::from_result(1);
  auto t = vt::from_result(2);
}

/* Quiet: vt::task (multi-use) and other types. */
void other_types(Conn &c, int fd) {
  start_task(fd);
  (void)c.start();
  c.fd();
}

/* Quiet: a local consumed on one path. */
vt::vtask<int> consumed_on_one_path(int fd, bool c) {
  auto t = read_async(fd);
  if (c)
    co_return co_await t;
  co_return 0;
}

/* Quiet: moved into a consumer. */
void moved(int fd) {
  auto t = read_async(fd);
  take(std::move(t));
}

/* Quiet: decltype does not call read_async. */
void unevaluated() {
  using T = decltype(read_async(0));
  (void)sizeof(T);
}
