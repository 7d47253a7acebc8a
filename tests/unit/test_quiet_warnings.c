/* test_quiet_warnings.c: analyzer/driver/quiet_warnings.h, which leaves out of a unit's parse
 * the warnings nothing shows: which options go, which stay, and the commands under which a
 * warning can be an error, where nothing goes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer/driver/quiet_warnings.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* quiet: the arguments quiet_warnings keeps, joined by spaces, then " +U" when it asks for
 * -Wno-uninitialized. */
static const char *quiet(const char *const *args, int n) {
  static char buf[1024];
  const char *out[64];
  int no_uninit = -1;
  int k = quiet_warnings(args, n, out, &no_uninit);
  assert_true(k >= 0 && k <= n);
  assert_true(no_uninit == 0 || no_uninit == 1);
  buf[0] = 0;
  for (int i = 0; i < k; i++) {
    if (i)
      strcat(buf, " ");
    strcat(buf, out[i]);
  }
  if (no_uninit)
    strcat(buf, " +U");
  return buf;
}

static void umbrellas_go_the_rest_stays(void **state) {
  (void)state;
  const char *a[] = {"-std=c11", "-pedantic", "-Wall", "-W", "-Wextra", "-Wno-missing-field-initializers",
                     "-DX=1", "-O2", "-Weverything", "-Wmost", "--pedantic", "-Wpedantic"};
  assert_string_equal(quiet(a, N(a)), "-std=c11 -Wno-missing-field-initializers -DX=1 -O2 +U");
}

static void options_that_change_more_than_warnings_stay(void **state) {
  (void)state;
  /* -Wwrite-strings makes a C string literal const char[]; -Wsystem-headers shows a -Werror=X
   * error in a system header; -Wfatal-errors stops at the first error; -Wno-X may silence a
   * default error (-Wno-implicit-function-declaration) */
  const char *a[] = {"-Wwrite-strings", "-Wsystem-headers", "-Wfatal-errors", "-Wno-implicit-function-declaration",
                     "-Wshadow", "-Wformat=2"};
  assert_string_equal(quiet(a, N(a)), "-Wwrite-strings -Wsystem-headers -Wfatal-errors "
                                      "-Wno-implicit-function-declaration -Wshadow -Wformat=2 +U");
}

static void any_warning_may_be_an_error(void **state) {
  (void)state;
  const char *werror[] = {"-Wall", "-Werror"};
  assert_string_equal(quiet(werror, N(werror)), "-Wall -Werror");
  const char *old[] = {"-Wall", "-Werror-implicit-function-declaration"}; /* gcc's old spelling */
  assert_string_equal(quiet(old, N(old)), "-Wall -Werror-implicit-function-declaration");
  const char *pe[] = {"-pedantic-errors", "-Wall"};
  assert_string_equal(quiet(pe, N(pe)), "-pedantic-errors -Wall");
  const char *pe2[] = {"-W", "--pedantic-errors"};
  assert_string_equal(quiet(pe2, N(pe2)), "-W --pedantic-errors");
}

static void werror_of_a_group(void **state) {
  (void)state;
  /* a group of its own: the umbrellas still go (an error mapping is never demoted by them) */
  const char *fmt[] = {"-Wall", "-Werror=format-security"};
  assert_string_equal(quiet(fmt, N(fmt)), "-Werror=format-security +U");
  /* a group holding -Wuninitialized's warnings: they must still be looked for */
  const char *groups[] = {"uninitialized", "sometimes-uninitialized", "static-self-init",
                          "uninitialized-const-reference", "all", "most", "CL4", "everything"};
  for (int i = 0; i < N(groups); i++) {
    char opt[64] = "-Werror=";
    strcat(opt, groups[i]);
    const char *a[] = {"-Wall", opt};
    char want[80] = "";
    strcat(want, opt);
    assert_string_equal(quiet(a, N(a)), want);
  }
  /* -Wno-error=... is not -Werror */
  const char *noerr[] = {"-Wall", "-Wno-error=uninitialized", "-Wno-error"};
  assert_string_equal(quiet(noerr, N(noerr)), "-Wno-error=uninitialized -Wno-error +U");
}

static void values_are_not_options(void **state) {
  (void)state;
  /* the argument after -D, -I, -include ... is a value, whatever it looks like */
  const char *a[] = {"-D", "-Wall", "-I", "-pedantic", "-include", "-Werror", "-Wall"};
  assert_string_equal(quiet(a, N(a)), "-D -Wall -I -pedantic -include -Werror +U");
}

static void nothing_in_nothing_out(void **state) {
  (void)state;
  assert_string_equal(quiet(NULL, 0), " +U");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(umbrellas_go_the_rest_stays),
      cmocka_unit_test(options_that_change_more_than_warnings_stay),
      cmocka_unit_test(any_warning_may_be_an_error),
      cmocka_unit_test(werror_of_a_group),
      cmocka_unit_test(values_are_not_options),
      cmocka_unit_test(nothing_in_nothing_out),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
