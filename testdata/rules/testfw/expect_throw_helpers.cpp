// Helpers taking a lambda that must throw (assert_throws, expect_throws, ...): the lambda's body
// is analysed as a function of its own, where the calls are expected to throw.
#include <stdexcept>
#include <vtask.hpp>

vt::vtask<int> open_stream(const char *path);

template <class E, class F> void assert_throws(F &&f) {
  try {
    f();
  } catch (const E &) {
    return;
  }
  throw std::logic_error("no throw");
}
template <class F> void expect_throws(F &&f) { assert_throws<std::exception>(static_cast<F &&>(f)); }
template <class F> void run_later(F &&f) { f(); }

void tests() {
  assert_throws<std::invalid_argument>([] { open_stream(nullptr); });
  expect_throws([] { auto s = open_stream(nullptr); });
  // ---- near misses ----
  run_later([] {
    open_stream("a"); // expect: vtask-discarded
  });
  assert_throws<std::invalid_argument>([] { open_stream(nullptr); });
  open_stream("b"); // expect: vtask-discarded
}
