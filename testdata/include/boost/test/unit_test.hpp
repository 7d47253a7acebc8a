// Stand-in for Boost.Test's <boost/test/unit_test.hpp>: the tools keep the shapes of the real
// expansions (test_tools.hpp, tools/old/interface.hpp): BOOST_TEST_TOOL_IMPL's do-while around
// report_assertion((P), ...), which throws execution_aborted for a failed REQUIRE, and
// BOOST_CHECK_THROW_IMPL running the statement in a try block.
#pragma once
#include <cstddef>

namespace boost {
namespace unit_test {
struct const_string {
  const_string(const char *s);
};
struct lazy_ostream {
  static lazy_ostream &instance();
  template <class T> lazy_ostream &operator<<(const T &);
};
struct unit_test_log_t {
  void set_checkpoint(const_string file, std::size_t line_num);
};
extern unit_test_log_t &unit_test_log;
namespace ut_detail {
template <class T> void ignore_unused_variable_warning(const T &) {}
struct auto_test_unit_registrar {
  auto_test_unit_registrar(void (*f)(), const char *name);
};
} // namespace ut_detail
} // namespace unit_test
namespace test_tools {
struct assertion_result {
  assertion_result(bool pv) : m_pv(pv) {}
  bool m_pv;
};
namespace tt_detail {
enum tool_level { WARN, CHECK, REQUIRE, PASS };
enum check_type { CHECK_PRED, CHECK_MSG, CHECK_EQUAL };
bool dummy_cond();
bool report_assertion(assertion_result const &ar, unit_test::lazy_ostream const &assertion_descr,
                      unit_test::const_string file_name, std::size_t line_num, tool_level tl, check_type ct,
                      std::size_t num_args, ...);
} // namespace tt_detail
} // namespace test_tools
} // namespace boost

#define BOOST_STRINGIZE(X) BOOST_DO_STRINGIZE(X)
#define BOOST_DO_STRINGIZE(X) #X
#define BOOST_TEST_STRINGIZE(s) BOOST_DO_STRINGIZE(s)
#define BOOST_TEST_L(s) ::boost::unit_test::const_string(s)
#define BOOST_TEST_PASSPOINT() ::boost::unit_test::unit_test_log.set_checkpoint(BOOST_TEST_L(__FILE__), static_cast<std::size_t>(__LINE__))
#define BOOST_TEST_LAZY_MSG(M) (::boost::unit_test::lazy_ostream::instance() << M)
#define BOOST_TEST_TOOL_IMPL(frwd_type, P, assertion_descr, TL, CT, ARGS)                         \
  do {                                                                                             \
    BOOST_TEST_PASSPOINT();                                                                        \
    ::boost::test_tools::tt_detail::report_assertion((P), BOOST_TEST_LAZY_MSG(assertion_descr),    \
                                                     BOOST_TEST_L(__FILE__), static_cast<std::size_t>(__LINE__), \
                                                     ::boost::test_tools::tt_detail::TL,           \
                                                     ::boost::test_tools::tt_detail::CT, 0);       \
  } while (::boost::test_tools::tt_detail::dummy_cond())
#define BOOST_CHECK_THROW_IMPL(S, E, P, postfix, TL)                                               \
  do {                                                                                             \
    try {                                                                                          \
      BOOST_TEST_PASSPOINT();                                                                      \
      S;                                                                                           \
      BOOST_TEST_TOOL_IMPL(2, false, "exception " BOOST_STRINGIZE(E) " expected", TL, CHECK_MSG, _); \
    } catch (E const &ex) {                                                                        \
      boost::unit_test::ut_detail::ignore_unused_variable_warning(ex);                             \
      BOOST_TEST_TOOL_IMPL(2, P, "exception " BOOST_STRINGIZE(E) " is caught", TL, CHECK_MSG, _);  \
    }                                                                                              \
  } while (::boost::test_tools::tt_detail::dummy_cond())

#define BOOST_CHECK(P) BOOST_TEST_TOOL_IMPL(2, (P), BOOST_TEST_STRINGIZE(P), CHECK, CHECK_PRED, _)
#define BOOST_REQUIRE(P) BOOST_TEST_TOOL_IMPL(2, (P), BOOST_TEST_STRINGIZE(P), REQUIRE, CHECK_PRED, _)
#define BOOST_CHECK_THROW(S, E) BOOST_CHECK_THROW_IMPL(S, E, true, "", CHECK)
#define BOOST_REQUIRE_THROW(S, E) BOOST_CHECK_THROW_IMPL(S, E, true, "", REQUIRE)
#define BOOST_AUTO_TEST_CASE(test_name)                                                            \
  static void test_name();                                                                         \
  static ::boost::unit_test::ut_detail::auto_test_unit_registrar test_name##_registrar(&test_name, #test_name); \
  static void test_name()
