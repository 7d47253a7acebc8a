// Stand-in for Catch2 v3's <catch2/catch_test_macros.hpp>: the macros keep the shapes of the
// real expansions (catch_test_macros.hpp, internal/catch_test_macro_impl.hpp): an
// AssertionHandler in a do-while, the expression decomposed with `Decomposer() <= expr` inside
// try/catch, the handler's complete() throwing on a failed REQUIRE, and the condition evaluated
// once more, unreachably, in the while condition.
#pragma once

namespace Catch {
struct StringRef {
  constexpr StringRef(const char *s) noexcept : m_start(s) {}
  const char *m_start;
};
struct SourceLineInfo {
  const char *file;
  unsigned line;
};
struct ResultDisposition {
  enum Flags : unsigned char { Normal = 0x01, ContinueOnFailure = 0x02, FalseTest = 0x04, SuppressFail = 0x08 };
};
inline ResultDisposition::Flags operator|(ResultDisposition::Flags l, ResultDisposition::Flags r) {
  return static_cast<ResultDisposition::Flags>(static_cast<int>(l) | static_cast<int>(r));
}
template <class L> struct ExprLhs {
  L m_lhs;
  explicit constexpr ExprLhs(L lhs) : m_lhs(lhs) {}
  template <class R> bool operator==(R const &rhs) const { return m_lhs == rhs; }
  template <class R> bool operator!=(R const &rhs) const { return m_lhs != rhs; }
};
struct Decomposer {
  template <class T> friend constexpr ExprLhs<const T &> operator<=(Decomposer &&, T const &lhs) {
    return ExprLhs<const T &>{lhs};
  }
  friend constexpr ExprLhs<bool> operator<=(Decomposer &&, bool value) { return ExprLhs<bool>{value}; }
};
class AssertionHandler {
public:
  AssertionHandler(StringRef macroName, SourceLineInfo const &lineInfo, StringRef capturedExpression,
                   ResultDisposition::Flags resultDisposition);
  ~AssertionHandler();
  template <class T> void handleExpr(ExprLhs<T> const &expr) { handleExpr(static_cast<bool>(expr.m_lhs)); }
  void handleExpr(bool result);
  bool allowThrows() const;
  void handleUnexpectedInflightException();
  void handleExceptionThrownAsExpected();
  void handleUnexpectedExceptionNotThrown();
  void handleExceptionNotThrownAsExpected();
  void handleThrowingCallSkipped();
  void complete(); // throws TestFailureException after a failed REQUIRE
};
struct AutoReg {
  AutoReg(void (*fn)(), SourceLineInfo const &lineInfo, const char *name) noexcept;
};
} // namespace Catch

#define INTERNAL_CATCH_UNIQUE_NAME_LINE2(name, line) name##line
#define INTERNAL_CATCH_UNIQUE_NAME_LINE(name, line) INTERNAL_CATCH_UNIQUE_NAME_LINE2(name, line)
#define INTERNAL_CATCH_UNIQUE_NAME(name) INTERNAL_CATCH_UNIQUE_NAME_LINE(name, __COUNTER__)
#define CATCH_INTERNAL_LINEINFO ::Catch::SourceLineInfo{__FILE__, static_cast<unsigned>(__LINE__)}
#define CATCH_INTERNAL_STRINGIFY(...) #__VA_ARGS__
#define INTERNAL_CATCH_TRY try
#define INTERNAL_CATCH_CATCH(handlerName)                                                          \
  catch (...) {                                                                                    \
    handlerName.handleUnexpectedInflightException();                                               \
  }
#define INTERNAL_CATCH_REACT(handler) handler.complete();

#define INTERNAL_CATCH_TEST(macroName, resultDisposition, ...)                                     \
  do {                                                                                             \
    Catch::AssertionHandler catchAssertionHandler(macroName, CATCH_INTERNAL_LINEINFO,              \
                                                  CATCH_INTERNAL_STRINGIFY(__VA_ARGS__), resultDisposition); \
    INTERNAL_CATCH_TRY {                                                                           \
      catchAssertionHandler.handleExpr(Catch::Decomposer() <= __VA_ARGS__);                        \
    }                                                                                              \
    INTERNAL_CATCH_CATCH(catchAssertionHandler)                                                    \
    INTERNAL_CATCH_REACT(catchAssertionHandler)                                                    \
  } while ((void)0, (false) && static_cast<const bool &>(!!(__VA_ARGS__)))

#define INTERNAL_CATCH_NO_THROW(macroName, resultDisposition, ...)                                 \
  do {                                                                                             \
    Catch::AssertionHandler catchAssertionHandler(macroName, CATCH_INTERNAL_LINEINFO,              \
                                                  CATCH_INTERNAL_STRINGIFY(__VA_ARGS__), resultDisposition); \
    try {                                                                                          \
      static_cast<void>(__VA_ARGS__);                                                              \
      catchAssertionHandler.handleExceptionNotThrownAsExpected();                                  \
    } catch (...) {                                                                                \
      catchAssertionHandler.handleUnexpectedInflightException();                                   \
    }                                                                                              \
    INTERNAL_CATCH_REACT(catchAssertionHandler)                                                    \
  } while (false)

#define INTERNAL_CATCH_THROWS(macroName, resultDisposition, ...)                                   \
  do {                                                                                             \
    Catch::AssertionHandler catchAssertionHandler(macroName, CATCH_INTERNAL_LINEINFO,              \
                                                  CATCH_INTERNAL_STRINGIFY(__VA_ARGS__), resultDisposition); \
    if (catchAssertionHandler.allowThrows())                                                       \
      try {                                                                                        \
        static_cast<void>(__VA_ARGS__);                                                            \
        catchAssertionHandler.handleUnexpectedExceptionNotThrown();                                \
      } catch (...) {                                                                              \
        catchAssertionHandler.handleExceptionThrownAsExpected();                                   \
      }                                                                                            \
    else                                                                                           \
      catchAssertionHandler.handleThrowingCallSkipped();                                           \
    INTERNAL_CATCH_REACT(catchAssertionHandler)                                                    \
  } while (false)

#define INTERNAL_CATCH_THROWS_AS(macroName, exceptionType, resultDisposition, expr)                \
  do {                                                                                             \
    Catch::AssertionHandler catchAssertionHandler(macroName, CATCH_INTERNAL_LINEINFO,              \
                                                  CATCH_INTERNAL_STRINGIFY(expr) ", " CATCH_INTERNAL_STRINGIFY(exceptionType), \
                                                  resultDisposition);                              \
    if (catchAssertionHandler.allowThrows())                                                       \
      try {                                                                                        \
        static_cast<void>(expr);                                                                   \
        catchAssertionHandler.handleUnexpectedExceptionNotThrown();                                \
      } catch (exceptionType const &) {                                                            \
        catchAssertionHandler.handleExceptionThrownAsExpected();                                   \
      } catch (...) {                                                                              \
        catchAssertionHandler.handleUnexpectedInflightException();                                 \
      }                                                                                            \
    else                                                                                           \
      catchAssertionHandler.handleThrowingCallSkipped();                                           \
    INTERNAL_CATCH_REACT(catchAssertionHandler)                                                    \
  } while (false)

#define INTERNAL_CATCH_TESTCASE2(TestName, ...)                                                    \
  static void TestName();                                                                          \
  namespace {                                                                                      \
  const Catch::AutoReg INTERNAL_CATCH_UNIQUE_NAME(autoRegistrar)(&TestName, CATCH_INTERNAL_LINEINFO, #__VA_ARGS__); \
  }                                                                                                \
  static void TestName()
#define INTERNAL_CATCH_TESTCASE(...) INTERNAL_CATCH_TESTCASE2(INTERNAL_CATCH_UNIQUE_NAME(CATCH2_INTERNAL_TEST_), __VA_ARGS__)

#define REQUIRE(...) INTERNAL_CATCH_TEST("REQUIRE", Catch::ResultDisposition::Normal, __VA_ARGS__)
#define REQUIRE_FALSE(...)                                                                         \
  INTERNAL_CATCH_TEST("REQUIRE_FALSE", Catch::ResultDisposition::Normal | Catch::ResultDisposition::FalseTest, __VA_ARGS__)
#define REQUIRE_THROWS(...) INTERNAL_CATCH_THROWS("REQUIRE_THROWS", Catch::ResultDisposition::Normal, __VA_ARGS__)
#define REQUIRE_THROWS_AS(expr, exceptionType)                                                     \
  INTERNAL_CATCH_THROWS_AS("REQUIRE_THROWS_AS", exceptionType, Catch::ResultDisposition::Normal, expr)
#define REQUIRE_NOTHROW(...) INTERNAL_CATCH_NO_THROW("REQUIRE_NOTHROW", Catch::ResultDisposition::Normal, __VA_ARGS__)
#define CHECK(...) INTERNAL_CATCH_TEST("CHECK", Catch::ResultDisposition::ContinueOnFailure, __VA_ARGS__)
#define CHECK_FALSE(...)                                                                           \
  INTERNAL_CATCH_TEST("CHECK_FALSE", Catch::ResultDisposition::ContinueOnFailure | Catch::ResultDisposition::FalseTest, __VA_ARGS__)
#define CHECK_THROWS(...) INTERNAL_CATCH_THROWS("CHECK_THROWS", Catch::ResultDisposition::ContinueOnFailure, __VA_ARGS__)
#define CHECK_THROWS_AS(expr, exceptionType)                                                       \
  INTERNAL_CATCH_THROWS_AS("CHECK_THROWS_AS", exceptionType, Catch::ResultDisposition::ContinueOnFailure, expr)
#define CHECK_NOTHROW(...) INTERNAL_CATCH_NO_THROW("CHECK_NOTHROW", Catch::ResultDisposition::ContinueOnFailure, __VA_ARGS__)
#define TEST_CASE(...) INTERNAL_CATCH_TESTCASE(__VA_ARGS__)
