/* test_group.c: analyzer/driver/group.h, a worker's preamble groups, on three C++ units that
 * include <string>, <vector> and <algorithm> (over GROUP_MIN_BYTES): which preambles the group
 * builds, and when. The first unit's parse builds the one preamble, with every function body,
 * and the later units reparse it, whatever their code (group.c, "the first unit builds the
 * preamble"): no plain first parse, and no preamble built without bodies to be found wanting
 * at a unit whose generic lambda needs them. The findings of a group are compared with
 * --no-pch's by tests/e2e/pch.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyzer/driver/group.h"

static const char *const HEAD = "#include <string>\n#include <vector>\n#include <algorithm>\n\n";
/* the length of HEAD's directives as the group shares them (preamble_prefix): its three lines */
#define HEAD_DIRS ((uint32_t)strlen(HEAD) - 1)

static const char *const GENERIC = "void sorted(std::vector<int> &v) {\n"
                                   "  std::sort(v.begin(), v.end(), [](const auto &a, const auto &b) { return a < b; });\n"
                                   "}\n";

static const char *const PLAIN = "int count(const std::vector<std::string> &v) { return (int)v.size(); }\n";

/* run_group: the three units (their bodies after HEAD) analysed as one group by one worker;
 * built[i]: the preambles it had built after unit i. */
static void run_group(const char *const body[3], unsigned built[3]) {
  char dir[] = "/tmp/vtl-test-group-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[3][64];
  for (int i = 0; i < 3; i++) {
    snprintf(path[i], sizeof path[i], "%s/u%d.cpp", dir, i + 1);
    FILE *f = fopen(path[i], "w");
    assert_non_null(f);
    fprintf(f, "%s%s", HEAD, body[i]);
    fclose(f);
  }
  const char *args[] = {"-std=c++20", "-I" VTL_TESTDATA "/include"};
  struct unit_config cfg = {0};
  cfg.resource_dir = VTL_RESOURCE_DIR;
  CXIndex idx = clang_createIndex(0, 0);
  struct group_worker *gw = group_worker_new(NULL);
  assert_non_null(gw);
  for (int i = 0; i < 3; i++) {
    struct unit_input in = {0};
    in.path = path[i];
    in.args = args;
    in.nargs = 2;
    struct diag_list out;
    diag_list_init(&out);
    struct strbuf err = STRBUF_INIT;
    bool shared = false;
    assert_int_equal(group_analyze(gw, idx, &in, &cfg, 1, 3, 3, HEAD_DIRS, &out, &err, &shared), 0);
    assert_int_equal(shared, i > 0); /* the later units reparsed with the group's preamble */
    built[i] = group_worker_built(gw);
    sb_release(&err);
    diag_list_release(&out);
  }
  group_worker_free(gw);
  clang_disposeIndex(idx);
  for (int i = 0; i < 3; i++)
    unlink(path[i]);
  rmdir(dir);
}

/* expect_one_build: the group of these bodies builds one preamble, at its first unit. */
static void expect_one_build(const char *const body[3]) {
  unsigned built[3] = {0, 0, 0};
  run_group(body, built);
  assert_int_equal(built[0], 1);
  assert_int_equal(built[1], 1);
  assert_int_equal(built[2], 1);
}

static void plain_units_share_the_first_units_preamble(void **state) {
  (void)state;
  const char *const body[3] = {PLAIN, PLAIN, PLAIN};
  expect_one_build(body);
}

static void generic_lambda_in_first_unit_builds_once(void **state) {
  (void)state;
  const char *const body[3] = {GENERIC, PLAIN, PLAIN};
  expect_one_build(body);
}

/* Near miss: a later unit's generic lambda, which needs the headers' bodies, finds them there. */
static void generic_lambda_in_a_later_unit_builds_nothing_more(void **state) {
  (void)state;
  const char *const body[3] = {PLAIN, PLAIN, GENERIC};
  expect_one_build(body);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(plain_units_share_the_first_units_preamble),
      cmocka_unit_test(generic_lambda_in_first_unit_builds_once),
      cmocka_unit_test(generic_lambda_in_a_later_unit_builds_nothing_more),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
