// vtask-discarded, C++ locals that no path consumes: plain auto, an if-init variable that is only
// queried, a vtask<void>, a local in a loop body. Near misses: consumed in one branch, in a
// handler only, in an if-init branch, moved into a local that is consumed, captured by reference
// (an escape), returned from a coroutine lambda.
#include <stdexcept>
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
vt::vtask<void> flush_async(int fd);
void take(vt::vtask<int> t);
void log_msg(const char *m);
void risky();

void auto_local(int fd) {
  auto t = read_async(fd); // expect: vtask-discarded
  log_msg("started");
}

void if_init_only_queried(int fd) {
  if (auto t = read_async(fd); t.is_completed()) // expect: vtask-discarded
    log_msg("fast");
}

void void_vtask_local(int fd) {
  vt::vtask<void> f = flush_async(fd); // expect: vtask-discarded
  if (f.is_faulted())
    log_msg("flush failed");
}

void local_in_loop(int n) {
  for (int i = 0; i < n; i++) {
    auto t = read_async(i); // expect: vtask-discarded
    if (t.is_canceled())
      break;
  }
}

/* ---- near misses ---- */

/* Quiet: consumed in one branch. */
vt::vtask<int> one_branch(int fd, bool c) {
  auto t = read_async(fd);
  if (!c)
    co_return 0;
  co_return co_await t;
}

/* Quiet: consumed only in the exception handler. */
void handler_only(int fd) {
  auto t = read_async(fd);
  try {
    risky();
  } catch (const std::exception &) {
    take(std::move(t));
  }
}

/* Quiet: the if-init variable is consumed in the else branch. */
void if_init_consumed(int fd) {
  if (auto t = read_async(fd); t.is_completed())
    log_msg("fast");
  else
    (void)t.as_task();
}

/* Quiet: moved into another local that is consumed. */
vt::vtask<int> moved_then_consumed(int fd) {
  auto t = read_async(fd);
  auto u = std::move(t);
  co_return co_await u;
}

/* Quiet: captured by reference: it escapes into the lambda. */
void captured_by_reference(int fd) {
  auto t = read_async(fd);
  auto finish = [&t] { take(std::move(t)); };
  finish();
}

/* Quiet: created inside a coroutine lambda and awaited there. */
void inside_lambda() {
  auto co = [](int fd) -> vt::vtask<int> {
    auto t = read_async(fd);
    co_return co_await t;
  };
  (void)co;
}
