/* test_preamble.c: analyzer/driver/preamble.h, which units share which leading directives
 * (preamble.c, "prefixes") and where a unit's shared part ends (preamble_prefix).
 *
 * The sources are written to a temporary directory; preamble_groups reads them. Each case
 * gives the files' texts and says, per file, which group it joins (the index of the group's
 * first file, or -1) and how many directive lines its group shares. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyzer/driver/preamble.h"
#include "analyzer/driver/unit.h"

enum { MAX_UNITS = 16 };

static const char *ARGS[] = {"-std=c++20"};

/* lines: the directive lines in the first l bytes of a group key's directives */
static int lines_of(const char *const *texts, int unit, uint32_t l) {
  struct strbuf d = STRBUF_INIT;
  size_t n = preamble_prefix(texts[unit], strlen(texts[unit]), l, &d);
  assert_true(n > 0);
  int k = 0;
  for (size_t i = 0; i < d.len; i++)
    k += d.buf[i] == '\n';
  sb_release(&d);
  return k;
}

/* expect_groups: units texts[0, n) (.cpp files, one command), grouped as want_group says
 * (-1: none), each sharing want_lines directive lines. */
static void expect_groups(const char *const *texts, int n, const int *want_group, const int *want_lines) {
  char dir[] = "/tmp/vtl-test-preamble-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[MAX_UNITS][64];
  struct job jobs[MAX_UNITS];
  memset(jobs, 0, sizeof jobs);
  for (int i = 0; i < n; i++) {
    snprintf(path[i], sizeof path[i], "%s/u%d.cpp", dir, i);
    FILE *f = fopen(path[i], "w");
    assert_non_null(f);
    fputs(texts[i], f);
    fclose(f);
    jobs[i].file = path[i];
    jobs[i].workdir = dir;
    jobs[i].args = ARGS;
    jobs[i].nargs = 1;
  }
  struct unit_config cfg = {0};
  uint32_t group[MAX_UNITS], prefix[MAX_UNITS];
  size_t grouped = preamble_groups(jobs, (size_t)n, &cfg, group, prefix);
  size_t want_grouped = 0;
  for (int i = 0; i < n; i++) {
    want_grouped += want_group[i] >= 0;
    if (want_group[i] < 0) {
      assert_int_equal(group[i], PREAMBLE_NONE);
      continue;
    }
    assert_int_equal(group[i], (uint32_t)want_group[i]);
    assert_int_equal(lines_of(texts, i, prefix[i]), want_lines[i]);
  }
  assert_int_equal(grouped, want_grouped);
  for (int i = 0; i < n; i++)
    unlink(path[i]);
  rmdir(dir);
}

#define SUITE "#include \"suite.h\"\n"
#define LIB "#include <lib.hpp>\n"
#define BODY "\nint f();\n"

/* nlohmann-json's shape: most go on with the library, some define a macro first, a few
 * include something else. */
static void the_largest_parts_share_longer_prefixes(void **state) {
  (void)state;
  const char *const t[] = {
      "// 0\n" SUITE LIB BODY,
      "// 1, another comment\n" SUITE LIB "#include <map>\n" BODY,
      SUITE LIB "#include <set>\n" BODY,
      SUITE "#define PRIVATE\n" LIB BODY,
      SUITE "#define PRIVATE\n" LIB BODY,
      SUITE "#define PRIVATE\n" LIB "#include <map>\n" BODY,
      SUITE "#include <locale>\n" BODY,
      SUITE "#include <clocale>\n" BODY,
      SUITE "#include <cwchar>\n" BODY,
  };
  /* 0-2 share SUITE LIB; 3-5 SUITE, PRIVATE and LIB; 6-8, left, share SUITE */
  const int g[] = {0, 0, 0, 3, 3, 3, 6, 6, 6};
  const int l[] = {2, 2, 2, 3, 3, 3, 1, 1, 1};
  expect_groups(t, 9, g, l);
}

/* Peeling 0-2 off would leave 3 a group of one: all four share SUITE. */
static void a_part_is_not_peeled_off_when_that_strands_the_others(void **state) {
  (void)state;
  const char *const t[] = {SUITE LIB BODY, SUITE LIB BODY, SUITE LIB BODY, SUITE "#include <other.hpp>\n" BODY};
  const int g[] = {0, 0, 0, 0};
  const int l[] = {1, 1, 1, 1};
  expect_groups(t, 4, g, l);
}

/* ... but it is when it strands one unit of six (a quarter of the part at most). */
static void a_part_is_peeled_off_when_few_are_stranded(void **state) {
  (void)state;
  const char *const t[] = {SUITE LIB BODY, SUITE LIB BODY, SUITE LIB BODY, SUITE LIB BODY, SUITE LIB BODY,
                           SUITE "#include <other.hpp>\n" BODY};
  const int g[] = {0, 0, 0, 0, 0, -1};
  const int l[] = {2, 2, 2, 2, 2, 0};
  expect_groups(t, 6, g, l);
}

/* spdlog's shape: thirteen units begin with the suite's header; three go on alike, too few of
 * thirteen to be a group of their own (PREAMBLE_PEEL_SHARE): all share SUITE. */
static void a_small_part_of_a_large_group_is_not_peeled_off(void **state) {
  (void)state;
  const char *const t[] = {
      SUITE "#include \"sink.h\"\n" BODY, SUITE "#include \"sink.h\"\n" BODY, SUITE "#include \"sink.h\"\n" BODY,
      SUITE "#include <a0>\n" BODY,        SUITE "#include <a1>\n" BODY,        SUITE "#include <a2>\n" BODY,
      SUITE "#include <a3>\n" BODY,        SUITE "#include <a4>\n" BODY,        SUITE "#include <a5>\n" BODY,
      SUITE "#include <a6>\n" BODY,        SUITE "#include <a7>\n" BODY,        SUITE "#include <a8>\n" BODY,
      SUITE "#include <a9>\n" BODY,
  };
  const int g[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const int l[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  expect_groups(t, 13, g, l);
  /* of nine, three are a third: they share their longer prefix */
  const int g2[] = {0, 0, 0, 3, 3, 3, 3, 3, 3};
  const int l2[] = {2, 2, 2, 1, 1, 1, 1, 1, 1};
  expect_groups(t, 9, g2, l2);
}

/* A shared part ends outside every #if: the #if block is one step. Identical preambles share
 * all of it, ending inside an #if or not. A unit that begins otherwise shares nothing. */
static void shared_parts_end_outside_every_if(void **state) {
  (void)state;
  const char *const t[] = {
      SUITE "#if X\n#include <a.hpp>\n#endif\n#include <b.hpp>\n" BODY,
      SUITE "#if X\n#include <a.hpp>\n#endif\n#include <c.hpp>\n" BODY,
      SUITE "#if X\n#include <a.hpp>\n#endif\n" BODY,
      "#include <lib.hpp>\n#ifdef Y\n#include <d.hpp>\nint y;\n#endif\n",
      "#include <lib.hpp>\n#ifdef Y\n#include <d.hpp>\nint y;\n#endif\n",
      "#include <alone.hpp>\n" BODY,
  };
  const int g[] = {0, 0, 0, 3, 3, -1};
  const int l[] = {4, 4, 4, 3, 3, 0};
  expect_groups(t, 6, g, l);
}

/* preamble_prefix: the whole preamble where it ends (its trailing comment aside, as
 * preamble_size has it), a shorter part at the start of the next directive's line. */
static void a_prefix_ends_at_a_line_or_the_preamble(void **state) {
  (void)state;
  const char *t = "#include <a>\n// between\n#include <b>\n\n// before the code\nint x;\n";
  size_t whole = preamble_size(t, strlen(t));
  assert_int_equal(preamble_prefix(t, strlen(t), strlen("#include <a>\n#include <b>\n"), NULL), whole);
  assert_int_equal(preamble_prefix(t, strlen(t), strlen("#include <a>\n"), NULL), strlen("#include <a>\n"));
  assert_int_equal(preamble_prefix(t, strlen(t), 5, NULL), 0); /* no directive ends there */
  const char *u = "#if A\n#include <a>\n#endif\n#include <b>\nint x;\n";
  assert_int_equal(preamble_prefix(u, strlen(u), strlen("#if A\n"), NULL), 0); /* inside the #if */
  assert_int_equal(preamble_prefix(u, strlen(u), strlen("#if A\n#include <a>\n#endif\n"), NULL),
                   strlen("#if A\n#include <a>\n#endif\n"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_largest_parts_share_longer_prefixes),
      cmocka_unit_test(a_part_is_not_peeled_off_when_that_strands_the_others),
      cmocka_unit_test(a_part_is_peeled_off_when_few_are_stranded),
      cmocka_unit_test(a_small_part_of_a_large_group_is_not_peeled_off),
      cmocka_unit_test(shared_parts_end_outside_every_if),
      cmocka_unit_test(a_prefix_ends_at_a_line_or_the_preamble),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
