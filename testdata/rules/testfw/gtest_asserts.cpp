// GoogleTest: ASSERT_TRUE / ASSERT_FALSE return from the test when they fail; EXPECT_TRUE goes
// on. EXPECT_THROW / ASSERT_THROW / EXPECT_ANY_THROW / ASSERT_ANY_THROW run a statement that is
// expected to throw.
#include <gtest/gtest.h>
#include <stdexcept>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
vt::vtask<int> open_stream(const char *path);

TEST(Read, AssertTrueGuards) {
  auto t = read_async(1);
  ASSERT_TRUE(t.is_completed());
  EXPECT_TRUE(t.get_result() == 1);
}

TEST(Read, AssertFalseGuards) {
  auto t = read_async(2);
  ASSERT_FALSE(!t.is_completed());
  (void)t.get_result();
}

TEST(Open, Throws) {
  EXPECT_THROW(open_stream(nullptr), std::invalid_argument);
  ASSERT_THROW(open_stream(nullptr), std::invalid_argument);
  EXPECT_ANY_THROW(open_stream(nullptr));
  ASSERT_ANY_THROW(open_stream(nullptr));
  EXPECT_THROW({ auto s = open_stream(nullptr); }, std::invalid_argument);
}

// ---- near misses ----

TEST(Read, ExpectTrueIsNoGuard) {
  auto t = read_async(3);
  EXPECT_TRUE(t.is_completed());
  (void)t.get_result(); // expect: vtask-blocking-unfinished
}

TEST(Read, AssertFalseOfTheQuery) {
  auto t = read_async(4);
  ASSERT_FALSE(t.is_completed());
  (void)t.get_result(); // expect: vtask-blocking-unfinished
}

TEST(Open, OutsideTheExpectThrow) {
  EXPECT_THROW(open_stream(nullptr), std::invalid_argument);
  open_stream("c"); // expect: vtask-discarded
}
