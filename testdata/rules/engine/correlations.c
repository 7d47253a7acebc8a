// Correlations the path-sensitive engine keeps, which the old merging solver lost: completion
// chosen together with a condition, an alias picked by ?: and consumed through the other name
// under the opposite condition. The buggy twins below each break the correlation once.
#include <vtask.h>
vtask_t read_async(int fd);

/* Quiet: t is completed exactly when k is true. */
void *completion_with_condition(int fd, int k, void *v) {
  vtask_t t = k ? vtask_from_result(v) : read_async(fd);
  if (k)
    return vtask_get_result(t);
  return vtask_await(t);
}

/* ... but not when the test is the other way round. */
void *completion_with_condition_inverted(int fd, int k, void *v) {
  vtask_t t = k ? vtask_from_result(v) : read_async(fd);
  if (!k)
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

/* Quiet: x is a when k, b otherwise; each is awaited once. */
void *alias_by_ternary(int fd, int k) {
  vtask_t a = read_async(fd), b = read_async(fd);
  vtask_t x = k ? a : b;
  vtask_await(x);
  if (k)
    return vtask_await(b);
  return vtask_await(a);
}

/* ... and awaiting a candidate again is a double await on the path that picked it: one report
 * per first consumption of each operation (as clang-tidy's use-after-move). */
void *alias_by_ternary_twice(int fd, int k) {
  vtask_t a = read_async(fd), b = read_async(fd);
  vtask_t x = k ? a : b;
  vtask_await(x);
  vtask_await(b); // expect: vtask-double-await
  if (k)
    return vtask_await(a); // expect: vtask-double-await
  return 0;
}

/* The same with the second await only where x was a. */
void *alias_by_ternary_then_a(int fd, int k) {
  vtask_t a = read_async(fd), b = read_async(fd);
  vtask_t x = k ? a : b;
  vtask_await(x);
  if (k)
    vtask_await(a); // expect: vtask-double-await
  return vtask_await(b); // expect: vtask-double-await
}
