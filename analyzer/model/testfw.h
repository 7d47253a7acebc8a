/* testfw.h: test frameworks' assertions as data (issue 11, section 2). Two kinds matter to the
 * analysis:
 *   - a fatal guard stops the test when its condition is false (Catch2/doctest REQUIRE, gtest
 *     ASSERT_TRUE, Boost BOOST_REQUIRE) or true (REQUIRE_FALSE, ASSERT_FALSE): code after it
 *     runs only on the condition's true (false) edge;
 *   - an expect-throw runs a call that is expected to throw (REQUIRE_THROWS, EXPECT_THROW,
 *     BOOST_CHECK_THROW, a project's assert_throws(lambda)): the call makes no vtask, so
 *     nothing it returns is discarded.
 * Non-fatal checks (CHECK, EXPECT_TRUE, BOOST_CHECK) are neither.
 *
 * Names come from a built-in table of the frameworks' macros and from the configuration
 * (`Assertions: {Fatal: [...], FatalFalse: [...], ExpectThrow: [...]}`: macro or function
 * names). A project's own macro whose definition invokes one of them (`#define MY_REQUIRE(x)
 * REQUIRE(x)`) is that kind too: its definition is read from the unit's files, once per name.
 * The lowering finds the macro's name at a statement's expansion location (lower_stmt.c). */
#ifndef VTL_MODEL_TESTFW_H
#define VTL_MODEL_TESTFW_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/model/model.h"
#include "analyzer/support/arena.h"

enum assert_kind {
  AK_FATAL,        /* fatal-guard: continues only when the condition is true */
  AK_FATAL_FALSE,  /* fatal-guard-negated: continues only when the condition is false */
  AK_EXPECT_THROW, /* expects-throw: the call throws; it makes no vtask */
  AK_COUNT,
  AK_NONE = AK_COUNT
};

/* Which of the macro's arguments is the condition: all of them (a variadic Catch2/doctest
 * macro, whose commas belong to the expression) or the first (gtest, Boost, configured names). */
enum assert_arg { AA_FIRST, AA_ALL };

struct assert_info {
  uint8_t kind; /* enum assert_kind */
  uint8_t arg;  /* enum assert_arg */
};

struct testfw;

/* testfw_new: the tables for one unit (caches in a); settings may be NULL. */
struct testfw *testfw_new(struct arena *a, const struct model_settings *settings);
/* testfw_macro: what macro `name`, expanded at a statement in file `where`, is: a built-in or
 * configured name, or a macro whose definition (in `where` or another non-system file of the
 * unit) invokes one. {AK_NONE} otherwise. Cached per name. */
struct assert_info testfw_macro(struct testfw *t, CXTranslationUnit tu, CXFile where, const char *name);
/* The texts of the unit's non-system files, in inclusion order (the driver lists them once per
 * unit: driver/unit_files.c). Given, testfw_macro reads #defines from them; otherwise it walks
 * the unit's inclusions itself. The texts must outlive t. */
struct testfw_source {
  const char *text;
  size_t len;
};
void testfw_set_sources(struct testfw *t, const struct testfw_source *v, size_t n);
/* testfw_function: a called function named in the configuration ('assert_throws', or a
 * qualified 'testing::require'). {AK_NONE} otherwise. */
struct assert_info testfw_function(struct testfw *t, CXCursor decl);
/* testfw_has_functions: the configuration names any assertion (so every call needs a look-up;
 * otherwise only a call taking a lambda can be one: the built-in expect-throw helpers). */
bool testfw_has_functions(const struct testfw *t);
/* A lambda passed to an expect-throw: its body is analysed as one (its calls make no vtask). */
void testfw_mark_lambda(struct testfw *t, CXCursor lambda);
bool testfw_lambda_marked(const struct testfw *t, CXCursor lambda);
/* testfw_kind_name: "fatal-guard", "fatal-guard-negated", "expects-throw". */
const char *testfw_kind_name(int kind);

#endif
