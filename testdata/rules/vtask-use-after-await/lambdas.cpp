// Lambdas: a lambda body is analysed as a separate function. Capturing a vtask by copy is a use
// at the lambda (so capturing after a consumption is a use after await); an init-capture
// `[u = std::move(t)]` is a transfer in the enclosing function; capturing by reference is an
// escape (nothing more is reported for that variable). Bugs wholly inside a lambda body are
// reported there.
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
void take(vt::vtask<int> t);

vt::vtask<int> capture_copy_after_await(int fd) {
  auto t = read_async(fd);
  int r = co_await t;
  auto f = [t] { return t.is_completed(); }; // expect: vtask-use-after-await
  (void)f;
  co_return r;
}

vt::vtask<int> default_copy_capture_after_await(int fd) {
  auto t = read_async(fd);
  int r = co_await t;
  auto f = [=] { return t.is_faulted(); }; // expect: vtask-use-after-await
  (void)f;
  co_return r;
}

vt::vtask<int> init_capture_move_then_await(int fd) {
  auto t = read_async(fd);
  auto f = [u = std::move(t)]() mutable { take(std::move(u)); };
  f();
  co_return co_await t; // expect: vtask-double-await
}

void double_inside_lambda() {
  auto f = [](vt::vtask<int> p) {
    (void)p.as_task();
    (void)p.as_task(); // expect: vtask-double-await
  };
  (void)f;
}

void use_after_inside_lambda() {
  auto f = [](vt::vtask<int> p) {
    (void)p.as_task();
    return p.is_completed(); // expect: vtask-use-after-await
  };
  (void)f;
}

void coroutine_lambda_twice() {
  auto f = [](vt::vtask<int> p) -> vt::vtask<int> {
    int a = co_await p;
    co_return a + co_await p; // expect: vtask-double-await
  };
  (void)f;
}

/* ---- near misses ---- */

/* Quiet: captured by copy BEFORE the consumption; the lambda is analysed on its own. */
vt::vtask<int> capture_before_await(int fd) {
  auto t = read_async(fd);
  auto f = [t] { return t.is_completed(); };
  bool early = f();
  int r = co_await t;
  co_return early ? r : -r;
}

/* Quiet: captured by reference: an escape, nothing more is said about t. */
vt::vtask<int> capture_by_reference(int fd) {
  auto t = read_async(fd);
  auto f = [&t] { take(std::move(t)); };
  f();
  co_return co_await t;
}

/* Quiet: default by-reference capture: an escape as well. */
vt::vtask<int> default_reference_capture(int fd) {
  auto t = read_async(fd);
  auto f = [&] { return t.as_task(); };
  (void)f();
  co_return co_await t;
}

/* Quiet: the lambda's parameter shadows the outer name; two different variables. */
vt::vtask<int> parameter_shadows(int fd) {
  auto t = read_async(fd);
  auto f = [](vt::vtask<int> t) { (void)t.as_task(); };
  (void)f;
  co_return co_await t;
}

/* Quiet: the lambda consumes its own copy; it is analysed separately and may never run. */
vt::vtask<int> lambda_consumes_own_copy(int fd) {
  auto t = read_async(fd);
  auto f = [t]() mutable { (void)t.as_task(); };
  (void)f;
  co_return co_await t;
}

/* Quiet: a lambda defined after the consumption that does not mention t. */
vt::vtask<int> unrelated_lambda(int fd) {
  auto t = read_async(fd);
  int r = co_await t;
  auto f = [r] { return r + 1; };
  co_return f();
}

/* Quiet: a fresh vtask inside each lambda call. */
void fresh_inside_lambda() {
  auto f = [](int fd) -> vt::vtask<int> { co_return co_await read_async(fd); };
  (void)f;
}
