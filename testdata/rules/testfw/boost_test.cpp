// Boost.Test: BOOST_REQUIRE stops the test (report_assertion throws execution_aborted);
// BOOST_CHECK goes on. BOOST_CHECK_THROW / BOOST_REQUIRE_THROW run a statement expected to throw.
#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
vt::vtask<int> open_stream(const char *path);

BOOST_AUTO_TEST_CASE(require_guards) {
  auto t = read_async(1);
  BOOST_REQUIRE(t.is_completed());
  (void)t.get_result();
}

BOOST_AUTO_TEST_CASE(throws) {
  BOOST_CHECK_THROW(open_stream(nullptr), std::invalid_argument);
  BOOST_REQUIRE_THROW(open_stream(nullptr), std::invalid_argument);
}

// ---- near misses ----

BOOST_AUTO_TEST_CASE(check_is_no_guard) {
  auto t = read_async(2);
  BOOST_CHECK(t.is_completed());
  (void)t.get_result(); // expect: vtask-blocking-unfinished
}

BOOST_AUTO_TEST_CASE(outside_the_expect_throw) {
  BOOST_CHECK_THROW(open_stream(nullptr), std::invalid_argument);
  open_stream("c"); // expect: vtask-discarded
}
