// Catch2: a call inside REQUIRE_THROWS / CHECK_THROWS(_AS) is expected to throw: it makes no
// vtask, so nothing is discarded. REQUIRE_NOTHROW expects it to return: that one is dropped.
#include <catch2/catch_test_macros.hpp>
#include <stdexcept>
#include <vtask.hpp>

vt::vtask<int> open_stream(const char *path); // throws std::invalid_argument on nullptr

TEST_CASE("expected to throw") {
  REQUIRE_THROWS(open_stream(nullptr));
  CHECK_THROWS(open_stream(nullptr));
  REQUIRE_THROWS_AS(open_stream(nullptr), std::invalid_argument);
  CHECK_THROWS_AS(open_stream(nullptr), std::invalid_argument);
  REQUIRE_THROWS([] { open_stream(nullptr); }());
}

// ---- near misses ----

TEST_CASE("expected not to throw: the vtask is made and dropped") {
  REQUIRE_NOTHROW(open_stream("a")); // expect: vtask-discarded
  CHECK_NOTHROW(open_stream("b"));   // expect: vtask-discarded
}

TEST_CASE("outside the expect-throw") {
  REQUIRE_THROWS(open_stream(nullptr));
  open_stream("c"); // expect: vtask-discarded
}
