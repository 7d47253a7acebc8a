/* test_header_lang.c: analyzer/driver/header_lang.h's compdb_args_lang, the one place that
 * says which language a command compiles a file in (the C-only word index of flow/mentions.h
 * is used for SRC_C units alone; C++ decides the preamble groups and a header's command). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analyzer/driver/header_lang.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void by_extension(void **state) {
  (void)state;
  assert_int_equal(compdb_args_lang("a.c", NULL, 0), SRC_C);
  assert_int_equal(compdb_args_lang("dir.d/a", NULL, 0), SRC_C);
  assert_int_equal(compdb_args_lang("a.cc", NULL, 0), SRC_CXX);
  assert_int_equal(compdb_args_lang("a.cpp", NULL, 0), SRC_CXX);
  assert_int_equal(compdb_args_lang("a.C", NULL, 0), SRC_CXX);
  assert_int_equal(compdb_args_lang("a.cu", NULL, 0), SRC_CXX);
  assert_int_equal(compdb_args_lang("a.m", NULL, 0), SRC_OBJC);
  assert_int_equal(compdb_args_lang("a.mm", NULL, 0), SRC_OBJC);
  assert_int_equal(compdb_args_lang("a.h", NULL, 0), SRC_C);
}

static void the_last_x_wins(void **state) {
  (void)state;
  const char *cxx[] = {"-x", "c", "-xc++"};
  assert_int_equal(compdb_args_lang("a.c", cxx, N(cxx)), SRC_CXX);
  assert_true(compdb_args_are_cxx("a.c", cxx, N(cxx)));
  const char *c[] = {"-xc++", "-x", "c"};
  assert_int_equal(compdb_args_lang("a.cpp", c, N(c)), SRC_C);
  assert_false(compdb_args_are_cxx("a.cpp", c, N(c)));
  const char *objc[] = {"-x", "objective-c"};
  assert_int_equal(compdb_args_lang("a.c", objc, N(objc)), SRC_OBJC);
  const char *objcxx[] = {"-x", "objective-c++"};
  assert_int_equal(compdb_args_lang("a.m", objcxx, N(objcxx)), SRC_CXX);
  const char *hdr[] = {"-x", "c++-header"};
  assert_int_equal(compdb_args_lang("a.h", hdr, N(hdr)), SRC_CXX);
  const char *dangling[] = {"-x"}; /* no value: the extension decides */
  assert_int_equal(compdb_args_lang("a.cc", dangling, N(dangling)), SRC_CXX);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(by_extension),
      cmocka_unit_test(the_last_x_wins),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
