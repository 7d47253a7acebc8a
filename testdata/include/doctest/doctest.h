// Stand-in for doctest 2.4's <doctest/doctest.h>: the assertion macros keep the shapes of the
// real expansions: a ResultBuilder in a do-while (DOCTEST_FUNC_SCOPE_BEGIN/END), the
// expression decomposed with `ExpressionDecomposer(...) << expr` inside try/catch, and react()
// throwing after a failed REQUIRE; the *_THROWS* macros evaluate `static_cast<void>(expr)` in a
// try block.
#pragma once

namespace doctest {
namespace assertType {
enum Enum {
  is_warn = 1, is_check = 2, is_require = 4, is_normal = 8, is_throws = 16, is_throws_as = 32,
  is_false = 256,
  DT_CHECK = is_normal | is_check, DT_REQUIRE = is_normal | is_require,
  DT_CHECK_FALSE = is_normal | is_false | is_check, DT_REQUIRE_FALSE = is_normal | is_false | is_require,
  DT_CHECK_THROWS = is_throws | is_check, DT_REQUIRE_THROWS = is_throws | is_require,
  DT_CHECK_THROWS_AS = is_throws_as | is_check, DT_REQUIRE_THROWS_AS = is_throws_as | is_require,
};
}
struct ContextOptions {
  bool no_throw;
};
const ContextOptions *getContextOptions();
namespace detail {
struct Result {
  bool m_passed;
};
template <class L> struct Expression_lhs {
  L lhs;
  operator Result() { return Result{!!lhs}; }
  template <class R> Result operator==(const R &rhs) { return Result{lhs == rhs}; }
};
struct ExpressionDecomposer {
  assertType::Enum m_at;
  explicit ExpressionDecomposer(assertType::Enum at) : m_at(at) {}
  template <class L> Expression_lhs<const L &> operator<<(const L &operand) { return Expression_lhs<const L &>{operand}; }
};
struct ResultBuilder {
  ResultBuilder(assertType::Enum at, const char *file, int line, const char *expr, const char *exception_type = "",
                const char *exception_string = "");
  bool m_threw_as;
  bool m_failed;
  void setResult(const Result &res);
  void translateException();
  bool log();
  void react() const; // throws after a failed REQUIRE
};
} // namespace detail
struct TestCaseRegistrar {
  TestCaseRegistrar(void (*f)(), const char *file, int line, const char *name);
};
} // namespace doctest

#define DOCTEST_CAT_IMPL(s1, s2) s1##s2
#define DOCTEST_CAT(s1, s2) DOCTEST_CAT_IMPL(s1, s2)
#define DOCTEST_ANONYMOUS(x) DOCTEST_CAT(x, __COUNTER__)
#define DOCTEST_FUNC_SCOPE_BEGIN do
#define DOCTEST_FUNC_SCOPE_END while (false)
#define DOCTEST_FUNC_SCOPE_RET(v) (void)0
#define DOCTEST_RB doctest_resultBuilder
#define DOCTEST_BREAK_INTO_DEBUGGER() ((void)0)
#define DOCTEST_WRAP_IN_TRY(x)                                                                     \
  try {                                                                                            \
    x;                                                                                             \
  } catch (...) {                                                                                  \
    DOCTEST_RB.translateException();                                                               \
  }
#define DOCTEST_ASSERT_LOG_AND_REACT(b)                                                            \
  if (b.log())                                                                                     \
    DOCTEST_BREAK_INTO_DEBUGGER();                                                                 \
  b.react()
#define DOCTEST_ASSERT_LOG_REACT_RETURN(b)                                                         \
  DOCTEST_ASSERT_LOG_AND_REACT(b);                                                                 \
  DOCTEST_FUNC_SCOPE_RET(!b.m_failed)

#define DOCTEST_ASSERT_IMPLEMENT_2(assert_type, ...)                                               \
  doctest::detail::ResultBuilder DOCTEST_RB(doctest::assertType::assert_type, __FILE__, __LINE__, #__VA_ARGS__); \
  DOCTEST_WRAP_IN_TRY(DOCTEST_RB.setResult(doctest::detail::ExpressionDecomposer(doctest::assertType::assert_type) \
                                           << __VA_ARGS__))                                        \
  DOCTEST_ASSERT_LOG_REACT_RETURN(DOCTEST_RB)
#define DOCTEST_ASSERT_IMPLEMENT_1(assert_type, ...)                                               \
  DOCTEST_FUNC_SCOPE_BEGIN {                                                                       \
    DOCTEST_ASSERT_IMPLEMENT_2(assert_type, __VA_ARGS__);                                          \
  }                                                                                                \
  DOCTEST_FUNC_SCOPE_END

#define DOCTEST_ASSERT_THROWS_AS(expr, assert_type, message, ...)                                  \
  DOCTEST_FUNC_SCOPE_BEGIN {                                                                       \
    if (!doctest::getContextOptions()->no_throw) {                                                 \
      doctest::detail::ResultBuilder DOCTEST_RB(doctest::assertType::assert_type, __FILE__, __LINE__, #expr, \
                                                #__VA_ARGS__, message);                            \
      try {                                                                                        \
        static_cast<void>(expr);                                                                   \
      } catch (const __VA_ARGS__ &) {                                                              \
        DOCTEST_RB.translateException();                                                           \
        DOCTEST_RB.m_threw_as = true;                                                              \
      } catch (...) {                                                                              \
        DOCTEST_RB.translateException();                                                           \
      }                                                                                            \
      DOCTEST_ASSERT_LOG_REACT_RETURN(DOCTEST_RB);                                                 \
    } else {                                                                                       \
      DOCTEST_FUNC_SCOPE_RET(false);                                                               \
    }                                                                                              \
  }                                                                                                \
  DOCTEST_FUNC_SCOPE_END
#define DOCTEST_ASSERT_THROWS_WITH(expr, expr_str, assert_type, ...)                               \
  DOCTEST_FUNC_SCOPE_BEGIN {                                                                       \
    if (!doctest::getContextOptions()->no_throw) {                                                 \
      doctest::detail::ResultBuilder DOCTEST_RB(doctest::assertType::assert_type, __FILE__, __LINE__, expr_str, \
                                                "", __VA_ARGS__);                                  \
      try {                                                                                        \
        static_cast<void>(expr);                                                                   \
      } catch (...) {                                                                              \
        DOCTEST_RB.translateException();                                                           \
      }                                                                                            \
      DOCTEST_ASSERT_LOG_REACT_RETURN(DOCTEST_RB);                                                 \
    } else {                                                                                       \
      DOCTEST_FUNC_SCOPE_RET(false);                                                               \
    }                                                                                              \
  }                                                                                                \
  DOCTEST_FUNC_SCOPE_END

#define DOCTEST_REQUIRE(...) DOCTEST_ASSERT_IMPLEMENT_1(DT_REQUIRE, __VA_ARGS__)
#define DOCTEST_REQUIRE_FALSE(...) DOCTEST_ASSERT_IMPLEMENT_1(DT_REQUIRE_FALSE, __VA_ARGS__)
#define DOCTEST_CHECK(...) DOCTEST_ASSERT_IMPLEMENT_1(DT_CHECK, __VA_ARGS__)
#define DOCTEST_CHECK_FALSE(...) DOCTEST_ASSERT_IMPLEMENT_1(DT_CHECK_FALSE, __VA_ARGS__)
#define DOCTEST_CHECK_THROWS(...) DOCTEST_ASSERT_THROWS_WITH((__VA_ARGS__), #__VA_ARGS__, DT_CHECK_THROWS, "")
#define DOCTEST_REQUIRE_THROWS(...) DOCTEST_ASSERT_THROWS_WITH((__VA_ARGS__), #__VA_ARGS__, DT_REQUIRE_THROWS, "")
#define DOCTEST_CHECK_THROWS_AS(expr, ...) DOCTEST_ASSERT_THROWS_AS(expr, DT_CHECK_THROWS_AS, "", __VA_ARGS__)
#define DOCTEST_REQUIRE_THROWS_AS(expr, ...) DOCTEST_ASSERT_THROWS_AS(expr, DT_REQUIRE_THROWS_AS, "", __VA_ARGS__)

#define DOCTEST_CREATE_AND_REGISTER_FUNCTION(f, name)                                              \
  static void f();                                                                                 \
  static const doctest::TestCaseRegistrar DOCTEST_ANONYMOUS(DOCTEST_ANON_VAR_)(f, __FILE__, __LINE__, name); \
  static void f()
#define DOCTEST_TEST_CASE(name) DOCTEST_CREATE_AND_REGISTER_FUNCTION(DOCTEST_ANONYMOUS(DOCTEST_ANON_FUNC_), name)

#define TEST_CASE(name) DOCTEST_TEST_CASE(name)
#define REQUIRE(...) DOCTEST_REQUIRE(__VA_ARGS__)
#define REQUIRE_FALSE(...) DOCTEST_REQUIRE_FALSE(__VA_ARGS__)
#define CHECK(...) DOCTEST_CHECK(__VA_ARGS__)
#define CHECK_FALSE(...) DOCTEST_CHECK_FALSE(__VA_ARGS__)
#define CHECK_THROWS(...) DOCTEST_CHECK_THROWS(__VA_ARGS__)
#define REQUIRE_THROWS(...) DOCTEST_REQUIRE_THROWS(__VA_ARGS__)
#define CHECK_THROWS_AS(expr, ...) DOCTEST_CHECK_THROWS_AS(expr, __VA_ARGS__)
#define REQUIRE_THROWS_AS(expr, ...) DOCTEST_REQUIRE_THROWS_AS(expr, __VA_ARGS__)
