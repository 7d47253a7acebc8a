// Stand-in for GoogleTest's <gtest/gtest.h>: the assertion macros keep the shapes of the real
// expansions (gtest.h, internal/gtest-internal.h): `switch (0) case 0: default:` before an
// if/else, ASSERT_* failing with `return`, EXPECT_* going on, and EXPECT_THROW running the
// statement inside `if (AlwaysTrue()) { statement; }` in a try block, with gotos to a label.
#pragma once
#include <string>
#include <type_traits>

namespace testing {
class Message {
public:
  Message();
  template <class T> Message &operator<<(const T &val);
};
class AssertionResult {
public:
  template <typename T>
  explicit AssertionResult(const T &success,
                           typename std::enable_if<!std::is_convertible<T, AssertionResult>::value>::type * = nullptr)
      : success_(success) {}
  AssertionResult(const AssertionResult &other);
  explicit operator bool() const { return success_; }
  AssertionResult operator!() const;

private:
  bool success_;
};
struct TestPartResult {
  enum Type { kSuccess, kNonFatalFailure, kFatalFailure, kSkip };
};
class Test {
public:
  virtual ~Test();
  virtual void TestBody() = 0;
};
namespace internal {
bool AlwaysTrue();
struct TrueWithString {
  TrueWithString() = default;
  explicit TrueWithString(const char *str) : value(str) {}
  explicit operator bool() const { return true; }
  std::string value;
};
std::string GetBoolAssertionFailureMessage(const AssertionResult &assertion_result, const char *expression_text,
                                           const char *actual_predicate_value, const char *expected_predicate_value);
class AssertHelper {
public:
  AssertHelper(TestPartResult::Type type, const char *file, int line, const char *message);
  void operator=(const Message &message) const;
};
} // namespace internal
} // namespace testing

#define GTEST_AMBIGUOUS_ELSE_BLOCKER_                                                              \
  switch (0)                                                                                       \
  case 0:                                                                                          \
  default:
#define GTEST_CONCAT_TOKEN_IMPL_(foo, bar) foo##bar
#define GTEST_CONCAT_TOKEN_(foo, bar) GTEST_CONCAT_TOKEN_IMPL_(foo, bar)
#define GTEST_MESSAGE_AT_(file, line, message, result_type)                                        \
  ::testing::internal::AssertHelper(result_type, file, line, message) = ::testing::Message()
#define GTEST_MESSAGE_(message, result_type) GTEST_MESSAGE_AT_(__FILE__, __LINE__, message, result_type)
#define GTEST_FATAL_FAILURE_(message) return GTEST_MESSAGE_(message, ::testing::TestPartResult::kFatalFailure)
#define GTEST_NONFATAL_FAILURE_(message) GTEST_MESSAGE_(message, ::testing::TestPartResult::kNonFatalFailure)
#define GTEST_SUPPRESS_UNREACHABLE_CODE_WARNING_BELOW_(statement)                                  \
  if (::testing::internal::AlwaysTrue()) {                                                         \
    statement;                                                                                     \
  }

#define GTEST_TEST_BOOLEAN_(expression, text, actual, expected, fail)                              \
  GTEST_AMBIGUOUS_ELSE_BLOCKER_                                                                    \
  if (const ::testing::AssertionResult gtest_ar_ = ::testing::AssertionResult(expression))         \
    ;                                                                                              \
  else                                                                                             \
    fail(::testing::internal::GetBoolAssertionFailureMessage(gtest_ar_, text, #actual, #expected).c_str())

#define GTEST_TEST_THROW_(statement, expected_exception, fail)                                     \
  GTEST_AMBIGUOUS_ELSE_BLOCKER_                                                                    \
  if (::testing::internal::TrueWithString gtest_msg{}) {                                           \
    bool gtest_caught_expected = false;                                                            \
    try {                                                                                          \
      GTEST_SUPPRESS_UNREACHABLE_CODE_WARNING_BELOW_(statement);                                   \
    } catch (expected_exception const &) {                                                         \
      gtest_caught_expected = true;                                                                \
    } catch (...) {                                                                                \
      gtest_msg.value = "Expected: " #statement " throws an exception of type " #expected_exception \
                        ".\n  Actual: it throws a different type.";                                \
      goto GTEST_CONCAT_TOKEN_(gtest_label_testthrow_, __LINE__);                                  \
    }                                                                                              \
    if (!gtest_caught_expected) {                                                                  \
      gtest_msg.value = "Expected: " #statement " throws an exception of type " #expected_exception \
                        ".\n  Actual: it throws nothing.";                                         \
      goto GTEST_CONCAT_TOKEN_(gtest_label_testthrow_, __LINE__);                                  \
    }                                                                                              \
  } else /* NOLINT */                                                                              \
    GTEST_CONCAT_TOKEN_(gtest_label_testthrow_, __LINE__) : fail(gtest_msg.value.c_str())

#define GTEST_TEST_ANY_THROW_(statement, fail)                                                     \
  GTEST_AMBIGUOUS_ELSE_BLOCKER_                                                                    \
  if (::testing::internal::AlwaysTrue()) {                                                         \
    bool gtest_caught_any = false;                                                                 \
    try {                                                                                          \
      GTEST_SUPPRESS_UNREACHABLE_CODE_WARNING_BELOW_(statement);                                   \
    } catch (...) {                                                                                \
      gtest_caught_any = true;                                                                     \
    }                                                                                              \
    if (!gtest_caught_any) {                                                                       \
      goto GTEST_CONCAT_TOKEN_(gtest_label_testanythrow_, __LINE__);                               \
    }                                                                                              \
  } else                                                                                           \
    GTEST_CONCAT_TOKEN_(gtest_label_testanythrow_, __LINE__)                                       \
        : fail("Expected: " #statement " throws an exception.\n  Actual: it doesn't.")

#define GTEST_EXPECT_TRUE(condition) GTEST_TEST_BOOLEAN_(condition, #condition, false, true, GTEST_NONFATAL_FAILURE_)
#define GTEST_EXPECT_FALSE(condition)                                                              \
  GTEST_TEST_BOOLEAN_(!(condition), #condition, true, false, GTEST_NONFATAL_FAILURE_)
#define GTEST_ASSERT_TRUE(condition) GTEST_TEST_BOOLEAN_(condition, #condition, false, true, GTEST_FATAL_FAILURE_)
#define GTEST_ASSERT_FALSE(condition) GTEST_TEST_BOOLEAN_(!(condition), #condition, true, false, GTEST_FATAL_FAILURE_)
#define EXPECT_TRUE(condition) GTEST_EXPECT_TRUE(condition)
#define EXPECT_FALSE(condition) GTEST_EXPECT_FALSE(condition)
#define ASSERT_TRUE(condition) GTEST_ASSERT_TRUE(condition)
#define ASSERT_FALSE(condition) GTEST_ASSERT_FALSE(condition)
#define EXPECT_THROW(statement, expected_exception) GTEST_TEST_THROW_(statement, expected_exception, GTEST_NONFATAL_FAILURE_)
#define ASSERT_THROW(statement, expected_exception) GTEST_TEST_THROW_(statement, expected_exception, GTEST_FATAL_FAILURE_)
#define EXPECT_ANY_THROW(statement) GTEST_TEST_ANY_THROW_(statement, GTEST_NONFATAL_FAILURE_)
#define ASSERT_ANY_THROW(statement) GTEST_TEST_ANY_THROW_(statement, GTEST_FATAL_FAILURE_)

#define GTEST_TEST_CLASS_NAME_(test_suite_name, test_name) test_suite_name##_##test_name##_Test
#define TEST(test_suite_name, test_name)                                                           \
  class GTEST_TEST_CLASS_NAME_(test_suite_name, test_name) : public ::testing::Test {              \
  public:                                                                                          \
    void TestBody() override;                                                                      \
  };                                                                                               \
  void GTEST_TEST_CLASS_NAME_(test_suite_name, test_name)::TestBody()
