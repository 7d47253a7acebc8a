// Catch2: REQUIRE stops the test when its condition is false (the handler's complete() throws),
// so the code after REQUIRE(t.is_completed()) runs only on the query's true edge. CHECK goes on.
#include <catch2/catch_test_macros.hpp>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
bool other_ready();
#define IS_DONE(t) (t).is_completed()
#define MY_REQUIRE(...) REQUIRE(__VA_ARGS__)

TEST_CASE("require guards the result") {
  auto t = read_async(1);
  REQUIRE(t.is_completed());
  CHECK(t.get_result() == 1); // guarded by the REQUIRE above
}

TEST_CASE("require_false guards on the false edge") {
  auto t = read_async(2);
  REQUIRE_FALSE(!t.is_completed());
  (void)t.get_result();
}

TEST_CASE("a comparison in the guard") {
  auto t = read_async(3);
  REQUIRE(t.is_completed() == true);
  (void)t.get_result();
}

TEST_CASE("a macro in the guard's argument") {
  auto t = read_async(4);
  REQUIRE(IS_DONE(t));
  (void)t.get_result();
}

TEST_CASE("a project's wrapper of REQUIRE") {
  auto t = read_async(5);
  MY_REQUIRE(t.is_completed());
  (void)t.get_result();
}

TEST_CASE("inside a branch") {
  auto t = read_async(6);
  if (other_ready()) {
    REQUIRE(t.is_completed());
    (void)t.get_result();
  }
}

// ---- near misses: still reported ----

TEST_CASE("CHECK is not a guard") {
  auto t = read_async(7);
  CHECK(t.is_completed());
  (void)t.get_result(); // expect: vtask-blocking-unfinished
}

TEST_CASE("CHECK_FALSE is not a guard") {
  auto t = read_async(8);
  CHECK_FALSE(!t.is_completed());
  (void)t.get_result(); // expect: vtask-blocking-unfinished
}

TEST_CASE("REQUIRE on an unrelated expression") {
  auto t = read_async(9);
  REQUIRE(other_ready());
  (void)t.get_result(); // expect: vtask-blocking-unfinished
}

TEST_CASE("REQUIRE_FALSE of the query is the wrong way round") {
  auto t = read_async(10);
  REQUIRE_FALSE(t.is_completed());
  (void)t.get_result(); // expect: vtask-blocking-unfinished
}

TEST_CASE("a consumption inside REQUIRE still counts") {
  auto t = read_async(11);
  REQUIRE(t.is_completed());
  REQUIRE(t.get_result() == 1);
  REQUIRE(t.get_result() == 1); // expect: vtask-double-await
}
