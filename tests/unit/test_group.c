/* test_group.c: analyzer/driver/group.h, a worker's preamble groups, on three C++ units that
 * include <string>, <vector> and <algorithm> (over GROUP_MIN_BYTES): which preambles the group
 * builds. The first unit is a plain parse; the second builds the preamble the later ones
 * reparse, without the bodies of its functions unless the first unit's own code has what a
 * header's template could instantiate (a generic lambda here): then with them at once, no
 * bodiless preamble being built and thrown away (group.c, "bodies"). The findings of a group
 * are compared with --no-pch's by tests/e2e/pch.sh. */
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
 * the preambles it built. */
static void run_group(const char *const body[3], unsigned *bodiless, unsigned *bodies) {
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
    assert_int_equal(group_analyze(gw, idx, &in, &cfg, 1, 3, HEAD_DIRS, &out, &err, &shared), 0);
    assert_int_equal(shared, i > 0); /* the later units reparsed with the group's preamble */
    sb_release(&err);
    diag_list_release(&out);
  }
  group_worker_built(gw, bodiless, bodies);
  group_worker_free(gw);
  clang_disposeIndex(idx);
  for (int i = 0; i < 3; i++)
    unlink(path[i]);
  rmdir(dir);
}

/* expect_built: the group of these bodies builds so many preambles without bodies and with. */
static void expect_built(const char *const body[3], unsigned want_bodiless, unsigned want_bodies) {
  unsigned bodiless = 0, bodies = 0;
  run_group(body, &bodiless, &bodies);
  assert_int_equal(bodiless, want_bodiless);
  assert_int_equal(bodies, want_bodies);
}

static void plain_first_unit_builds_a_bodiless_preamble(void **state) {
  (void)state;
  const char *const body[3] = {PLAIN, PLAIN, PLAIN};
  expect_built(body, 1, 0);
}

/* The later units need no bodies: only the first unit's generic lambda says the group does. */
static void generic_lambda_in_first_unit_builds_bodies_at_once(void **state) {
  (void)state;
  const char *const body[3] = {GENERIC, PLAIN, PLAIN};
  expect_built(body, 0, 1);
}

/* Near miss: a later unit's generic lambda still sends a bodiless group back to every body. */
static void generic_lambda_in_a_later_unit_switches_to_bodies(void **state) {
  (void)state;
  const char *const body[3] = {PLAIN, PLAIN, GENERIC};
  expect_built(body, 1, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(plain_first_unit_builds_a_bodiless_preamble),
      cmocka_unit_test(generic_lambda_in_first_unit_builds_bodies_at_once),
      cmocka_unit_test(generic_lambda_in_a_later_unit_switches_to_bodies),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
