// vtask-blocking-unfinished, wrong or missing guards that MUST be flagged: no check at all, ||
// instead of &&, a check that does not dominate, the assert after the access, a check on another
// variable, re-assignment after the check, the false branch of the check, a loop that re-creates
// the value, get-result on a temporary, a kept bool overwritten before the test.
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void spin(void);
bool more(void);

void *no_check(int fd) {
  vtask_t t = read_async(fd);
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *param_no_check(vtask_t t) {
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *temporary(int fd) {
  return vtask_get_result(read_async(fd)); // expect: vtask-blocking-unfinished
}

void *or_instead_of_and(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c || vtask_is_completed(t))
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

void *check_does_not_dominate(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    if (!vtask_is_completed(t))
      return vtask_await(t);
  }
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *assert_after_access(int fd) {
  vtask_t t = read_async(fd);
  void *r = vtask_get_result(t); // expect: vtask-blocking-unfinished
  assert(vtask_is_completed(t)); // expect: vtask-use-after-await
  return r;
}

void *check_on_other_variable(vtask_t a, vtask_t b) {
  if (vtask_is_completed(a))
    return vtask_get_result(b); // expect: vtask-blocking-unfinished
  return NULL;
}

void *reassigned_after_check(vtask_t t, int fd) {
  if (vtask_is_completed(t)) {
    t = read_async(fd);
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  }
  return vtask_await(t);
}

void *false_branch(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t))
    return vtask_await(t);
  else
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *negated_check_true_branch(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t))
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

void *conditional_wrong_arm(int fd) {
  vtask_t t = read_async(fd);
  return vtask_is_completed(t) ? vtask_await(t) : vtask_get_result(t); // expect: vtask-blocking-unfinished
}

int loop_recreates(int fd, int n) {
  vtask_t t = read_async(fd);
  while (!vtask_is_completed(t))
    spin();
  int got = 0;
  for (int i = 0; i < n; i++) {
    got += vtask_get_result(t) != NULL; // expect: vtask-blocking-unfinished
    t = read_async(fd);
  }
  return got;
}

void *bool_overwritten(int fd, bool c) {
  vtask_t t = read_async(fd);
  bool done = vtask_is_completed(t);
  done = c;
  if (done)
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

void *one_arm_unchecked(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    while (!vtask_is_completed(t))
      spin();
  }
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *check_then_loop_may_not_run(int fd) {
  vtask_t t = read_async(fd);
  while (more() && !vtask_is_completed(t))
    spin();
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *query_equals_false(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t) == false)
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}
