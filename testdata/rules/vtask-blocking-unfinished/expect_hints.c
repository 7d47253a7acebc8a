// Branch-prediction hints are conditions: likely()/unlikely() (__builtin_expect and
// __builtin_expect_with_probability) are as true as their first argument, so a completion query
// inside one guards the branch as it would without the hint. The model says which argument is
// the condition (callee_info.condition_arg).
#include <vtask.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

vtask_t read_async(int fd);

/* The query is under the hint: its true edge is the hint's. */
void *wrong_edge(int fd) {
  vtask_t t = read_async(fd);
  if (likely(!vtask_is_completed(t)))
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

void *wrong_edge_with_probability(int fd) {
  vtask_t t = read_async(fd);
  if (__builtin_expect_with_probability(vtask_is_completed(t), 0, 0.9))
    return vtask_await(t);
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

/* ---- near misses ---- */

/* Quiet: completed on the likely edge. */
void *guarded_likely(int fd) {
  vtask_t t = read_async(fd);
  if (likely(vtask_is_completed(t)))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: the unlikely edge awaits; the rest has completed. */
void *guarded_unlikely(int fd) {
  vtask_t t = read_async(fd);
  if (unlikely(!vtask_is_completed(t)))
    return vtask_await(t);
  return vtask_get_result(t);
}

/* Quiet: the hint's second argument is not a condition. */
void *guarded_with_probability(int fd) {
  vtask_t t = read_async(fd);
  if (__builtin_expect_with_probability(vtask_is_completed(t), 1, 0.5))
    return vtask_get_result(t);
  return vtask_await(t);
}
