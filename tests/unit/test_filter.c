/* test_filter.c: the report layer's suppression and severity policy (report/filter.h) on
 * plain locations, without libclang: NOLINT comments in a file's text, the HeaderFilter regex
 * (never for the main file), WarningsAsErrors, and NOLINT problems reported when the file is
 * added, whether or not a finding lands in it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer/report/diag.h"
#include "analyzer/report/filter.h"
#include "analyzer/support/arena.h"

struct fixture {
  struct arena arena;
  struct diag_list out;
};

static int setup(void **state) {
  static struct fixture f;
  arena_init(&f.arena);
  diag_list_init(&f.out);
  *state = &f;
  return 0;
}

static int teardown(void **state) {
  struct fixture *f = *state;
  diag_list_release(&f->out);
  arena_release(&f->arena);
  return 0;
}

static void add(struct report_filter *rf, const char *file, const char *text, bool is_main) {
  filter_add_file(rf, file, text, text ? strlen(text) : 0, is_main);
}

static const char main_text[] =
    "void f(void) {\n"                              /* 1 */
    "  g(); // NOLINT\n"                            /* 2 */
    "  g(); // NOLINT(vtask-double-*)\n"            /* 3 */
    "  // NOLINTNEXTLINE(vtask-discarded)\n"        /* 4 */
    "  g();\n"                                      /* 5 */
    "  // NOLINTBEGIN(vtask-double-await)\n"        /* 6 */
    "  g();\n"                                      /* 7 */
    "  // NOLINTEND(vtask-double-await)\n"          /* 8 */
    "  g();\n"                                      /* 9 */
    "}\n";

static void nolint_suppresses_by_line_and_rule(void **state) {
  struct fixture *f = *state;
  struct report_filter *rf = filter_new(&f->arena, NULL, NULL, NULL, &f->out);
  add(rf, "a.c", main_text, true);
  enum diag_severity sev;
  assert_false(filter_keep(rf, "a.c", 2, "vtask-double-await", &sev));
  assert_false(filter_keep(rf, "a.c", 3, "vtask-double-await", &sev));
  assert_true(filter_keep(rf, "a.c", 3, "vtask-discarded", &sev));
  assert_int_equal(sev, SEV_WARNING);
  assert_false(filter_keep(rf, "a.c", 5, "vtask-discarded", &sev));
  assert_true(filter_keep(rf, "a.c", 5, "vtask-double-await", &sev));
  assert_false(filter_keep(rf, "a.c", 7, "vtask-double-await", &sev));
  assert_true(filter_keep(rf, "a.c", 7, "vtask-discarded", &sev));
  assert_true(filter_keep(rf, "a.c", 9, "vtask-double-await", &sev));
  /* Another file's comments do not apply; a file never added has none. */
  assert_true(filter_keep(rf, "b.c", 2, "vtask-double-await", &sev));
  assert_int_equal(f->out.items.n, 0);
  filter_release(rf);
}

static void unmatched_begin_is_reported_without_findings(void **state) {
  struct fixture *f = *state;
  struct report_filter *rf = filter_new(&f->arena, NULL, NULL, NULL, &f->out);
  add(rf, "a.c", "int x;\n  // NOLINTBEGIN(vtask-discarded)\nint y;\n", true);
  add(rf, "a.c", "int x;\n  // NOLINTBEGIN(vtask-discarded)\nint y;\n", true); /* once per file */
  add(rf, "inc/b.h", "// NOLINTEND\n", false);
  add(rf, "inc/c.h", NULL, false);
  assert_int_equal(f->out.items.n, 2);
  const struct diag *d = &f->out.items.v[0];
  assert_string_equal(d->rule, "vtasklint-nolint");
  assert_int_equal(d->sev, SEV_ERROR);
  assert_string_equal(d->loc.file, "a.c");
  assert_int_equal(d->loc.line, 2);
  assert_int_equal(d->loc.col, 6);
  assert_non_null(strstr(d->message, "unmatched 'NOLINTBEGIN'"));
  d = &f->out.items.v[1];
  assert_string_equal(d->loc.file, "inc/b.h");
  assert_int_equal(d->loc.line, 1);
  assert_non_null(strstr(d->message, "unmatched 'NOLINTEND'"));
  filter_release(rf);
}

static void header_filter_spares_the_main_file(void **state) {
  struct fixture *f = *state;
  struct report_filter *rf = filter_new(&f->arena, "^src/", NULL, NULL, &f->out);
  add(rf, "main.c", "int x;\n", true);
  add(rf, "src/shown.h", "int y;\n", false);
  enum diag_severity sev;
  assert_true(filter_keep(rf, "main.c", 1, "vtask-double-await", &sev));
  assert_true(filter_keep(rf, "src/shown.h", 1, "vtask-double-await", &sev));
  assert_false(filter_keep(rf, "include/hidden.h", 1, "vtask-double-await", &sev));
  assert_true(filter_shows_file(rf, "main.c"));
  assert_true(filter_shows_file(rf, "src/other.h"));
  assert_false(filter_shows_file(rf, "include/hidden.h"));
  filter_release(rf);

  /* A regex that does not compile filters nothing. */
  rf = filter_new(&f->arena, "([", NULL, NULL, &f->out);
  assert_true(filter_keep(rf, "include/hidden.h", 1, "vtask-double-await", &sev));
  filter_release(rf);
}

/* A project's HeaderFilter means the same wherever vtasklint runs from: besides the path as
 * displayed, the absolute path and the path relative to the configuration's directory are
 * tried. Run from elsewhere, "^inc/" used to hide every finding of the project's inc/. */
static void header_filter_reads_paths_relative_to_the_configuration(void **state) {
  struct fixture *f = *state;
  struct report_filter *rf = filter_new(&f->arena, "^inc/", "/proj", NULL, &f->out);
  assert_true(filter_shows_file(rf, "/proj/inc/mine.h"));
  assert_false(filter_shows_file(rf, "/proj/third/theirs.h"));
  assert_false(filter_shows_file(rf, "/projx/inc/mine.h")); /* a sibling, not below /proj */
  assert_false(filter_shows_file(rf, "/elsewhere/inc/mine.h"));
  filter_release(rf);
  rf = filter_new(&f->arena, "/proj/inc/", NULL, NULL, &f->out);
  assert_true(filter_shows_file(rf, "/proj/inc/mine.h"));
  filter_release(rf);
}

static void warnings_as_errors_raises_matching_rules(void **state) {
  struct fixture *f = *state;
  struct report_filter *rf = filter_new(&f->arena, NULL, NULL, "vtask-double-*,-vtask-double-await", &f->out);
  enum diag_severity sev = SEV_NOTE;
  assert_true(filter_keep(rf, "a.c", 1, "vtask-double-await", &sev));
  assert_int_equal(sev, SEV_WARNING);
  assert_true(filter_keep(rf, "a.c", 1, "vtask-double-free", &sev));
  assert_int_equal(sev, SEV_ERROR);
  assert_true(filter_keep(rf, "a.c", 1, "vtask-discarded", &sev));
  assert_int_equal(sev, SEV_WARNING);
  filter_release(rf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(nolint_suppresses_by_line_and_rule, setup, teardown),
      cmocka_unit_test_setup_teardown(unmatched_begin_is_reported_without_findings, setup, teardown),
      cmocka_unit_test_setup_teardown(header_filter_reads_paths_relative_to_the_configuration, setup, teardown),
      cmocka_unit_test_setup_teardown(header_filter_spares_the_main_file, setup, teardown),
      cmocka_unit_test_setup_teardown(warnings_as_errors_raises_matching_rules, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
