// Annotations (spec section 4) on a C++ API (testdata/include/annotated/aiolib.hpp): classes marked
// [[clang::annotate("vtask::single_use")]], methods marked vtask::await, vtask::get_result,
// vtask::query and vtask::transfer (the role applies to *this), a vtask::returns_completed
// factory, an annotated rvalue-reference parameter, a single-use class template, and a class
// that is also vtask::fields_allowed. Near misses: a guarded or completed-at-creation result, an
// unannotated look-alike class with the same method names.
#include <annotated/aiolib.hpp>
#include <optional>
#include <utility>

bool more();

int wait_twice(int n) {
  aio::op o = aio::start(n);
  int a = o.wait();
  return a + o.wait(); // expect: vtask-double-await
}

int wait_then_result(int n) {
  auto o = aio::start(n);
  o.wait();
  return o.result(); // expect: vtask-double-await
}

int detach_then_wait(int n) {
  auto o = aio::start(n);
  o.detach();
  return o.wait(); // expect: vtask-double-await
}

int wait_in_loop(int n) {
  auto o = aio::start(n);
  int sum = 0;
  while (more())
    sum += o.wait(); // expect: vtask-double-await
  return sum;
}

int wait_through_parameter_twice(int n) {
  auto o = aio::start(n);
  int a = aio::await_op(std::move(o));
  return a + aio::await_op(std::move(o)); // expect: vtask-double-await
}

int moved_then_wait(int n) {
  auto o = aio::start(n);
  aio::op p = std::move(o);
  int a = p.wait();
  return a + o.wait(); // expect: vtask-double-await
}

int result_unguarded(int n) {
  auto o = aio::start(n);
  return o.result(); // expect: vtask-blocking-unfinished
}

bool query_after_wait(int n) {
  auto o = aio::start(n);
  o.wait();
  return o.done(); // expect: vtask-use-after-await
}

int template_wait_twice(int n) {
  aio::future<int> f = aio::spawn(n);
  int a = f.wait();
  return a + f.wait(); // expect: vtask-double-await
}

int template_result_unguarded(int n) {
  auto f = aio::spawn(n);
  return f.result(); // expect: vtask-blocking-unfinished
}

/* In a function template's generic form: a non-dependent operation, and a dependent one (the
   member call is not resolved until instantiation). */
template <class T> int generic_nondependent(T) {
  aio::op o = aio::start(1);
  o.wait();
  return o.wait(); // expect: vtask-double-await
}

template <class T> T generic_dependent(aio::future<T> f) {
  T a = f.wait();
  return a + f.wait(); // expect-fixme: vtask-double-await
}

int instantiate(aio::future<int> f) {
  return generic_nondependent(0) + generic_dependent(std::move(f));
}

struct session {
  aio::op pending; // expect: vtask-stored-in-field
  std::optional<aio::op> maybe; // expect: vtask-stored-in-field
  aio::future<long> later; // expect: vtask-stored-in-field
  aio::stream_op reading;        /* vtask::fields_allowed */
  aio::plain_op plain;           /* not annotated */
  aio::op *borrowed;             /* a pointer */
};

/* ---- near misses (quiet) ---- */

int wait_once(int n) {
  auto o = aio::start(n);
  return o.wait();
}

int result_guarded(int n) {
  auto o = aio::start(n);
  if (o.done())
    return o.result();
  return o.wait();
}

int result_of_ready(int v) {
  aio::op o = aio::ready(v);
  return o.result();
}

int queries_then_wait(int n) {
  auto o = aio::start(n);
  if (o.done() || o.done())
    n++;
  return n + o.wait();
}

int template_guarded(int n) {
  auto f = aio::spawn(n);
  if (f.done())
    return f.result();
  return f.wait();
}

int reassigned(int n) {
  auto o = aio::start(n);
  int a = o.wait();
  o = aio::start(n + 1);
  return a + o.wait();
}

int stream_wait_once(int fd) {
  auto s = aio::open_stream(fd);
  return s.wait();
}

int plain_twice(int n) {
  aio::plain_op p = aio::plain_start(n);
  int a = p.wait();
  a += p.wait();
  return a + p.result();
}
