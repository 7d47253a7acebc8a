/* test_dispatch.c: analyzer/driver/dispatch.h, which unit an idle worker takes next: a worker
 * goes on with the preamble group it started, the others skip that group, and take from it
 * only when nothing else is left. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "analyzer/driver/dispatch.h"
#include "analyzer/driver/preamble.h"

enum { N = 7 };

/* Jobs 0-6 in the order 0 2 4 1 3 5 6: jobs 2, 4, 1 and 3 are a group (its first job 1,
 * consecutive in the order as pool.c puts them); 0, 5 and 6 belong to none. */
static const size_t ORDER[N] = {0, 2, 4, 1, 3, 5, 6};
static const uint32_t NONE = PREAMBLE_NONE;
static const uint32_t GROUP[N] = {NONE, 1, 1, 1, 1, NONE, NONE};
static uint32_t UNITS[N] = {0, 4, 0, 0, 0, 0, 0};

static size_t take(struct dispatch *d, int k) {
  size_t job = dispatch_peek(d, k);
  if (job != SIZE_MAX)
    dispatch_take(d, k, true);
  return job;
}

static void one_worker_keeps_the_order(void **state) {
  (void)state;
  struct dispatch *d = dispatch_new(ORDER, N, GROUP, UNITS, 1);
  assert_non_null(d);
  for (size_t i = 0; i < N; i++)
    assert_int_equal(take(d, 0), ORDER[i]);
  assert_int_equal(dispatch_peek(d, 0), SIZE_MAX);
  dispatch_free(d);
}

static void a_worker_goes_on_with_its_group_others_skip_it(void **state) {
  (void)state;
  struct dispatch *d = dispatch_new(ORDER, N, GROUP, UNITS, 2);
  assert_int_equal(take(d, 0), 0);
  assert_int_equal(take(d, 1), 2); /* starts the group */
  assert_int_equal(take(d, 0), 5); /* past the group worker 1 holds */
  assert_int_equal(take(d, 1), 4);
  assert_int_equal(take(d, 0), 6);
  assert_int_equal(take(d, 1), 1);
  assert_int_equal(take(d, 0), 3); /* nothing else is left: the group's last unit */
  assert_int_equal(dispatch_peek(d, 1), SIZE_MAX);
  dispatch_free(d);
}

/* A replaced process holds nothing, but its worker still goes on with the group it started
 * (the group's preamble is built again there); a unit the cache answered changes nothing. */
static void a_new_process_and_the_cache(void **state) {
  (void)state;
  struct dispatch *d = dispatch_new(ORDER, N, GROUP, UNITS, 2);
  assert_int_equal(dispatch_peek(d, 0), 0);
  dispatch_take(d, 0, false); /* from the cache */
  assert_int_equal(take(d, 0), 2);
  dispatch_forget(d, 0);
  assert_int_equal(take(d, 1), 5);
  assert_int_equal(take(d, 0), 4); /* its own group, started again */
  assert_int_equal(dispatch_peek(d, 1), 6);
  dispatch_take(d, 1, false);
  assert_int_equal(take(d, 0), 1); /* the cache's answer left it holding the group */
  dispatch_free(d);
}

static void without_groups_the_order(void **state) {
  (void)state;
  struct dispatch *d = dispatch_new(ORDER, N, NULL, NULL, 3);
  for (size_t i = 0; i < N; i++)
    assert_int_equal(take(d, (int)(i % 3)), ORDER[i]);
  dispatch_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(one_worker_keeps_the_order),
      cmocka_unit_test(a_worker_goes_on_with_its_group_others_skip_it),
      cmocka_unit_test(a_new_process_and_the_cache),
      cmocka_unit_test(without_groups_the_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
