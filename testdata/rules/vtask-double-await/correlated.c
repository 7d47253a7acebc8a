// Correlated conditions: a consumption under `if (c)` did not happen on a later `if (!c)` path,
// as long as c was not assigned in between (clang-tidy's bugprone-use-after-move documents this
// pattern as a false positive; vtasklint tracks the condition variable).
#include <stdbool.h>
#include <vtask.h>

vtask_t read_async(int fd);
bool more(void);

/* Quiet: exactly one of the two branches runs. */
void opposite_branches(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
  if (!c)
    vtask_await(t);
}

/* Quiet: an int tested against zero, the same correlation. */
void int_condition(int fd, int n) {
  vtask_t t = read_async(fd);
  if (n)
    vtask_await(t);
  if (n == 0)
    vtask_await(t);
}

/* Quiet: nested conditions; the outer one alone decides. */
void nested(int fd, bool c, bool x) {
  vtask_t t = read_async(fd);
  if (c) {
    if (x)
      vtask_await(t);
  }
  if (!c)
    vtask_await(t);
}

/* Quiet for double-await: a local bool set once (the unguarded get-result is its own bug). */
void local_flag(int fd) {
  vtask_t t = read_async(fd);
  bool sync = more();
  if (sync)
    vtask_get_result(t); // expect: vtask-blocking-unfinished
  if (!sync)
    vtask_await(t);
}

void reassigned_between(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
  c = more();
  if (!c)
    vtask_await(t); // expect: vtask-double-await
}

void same_condition_twice(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
  if (c)
    vtask_await(t); // expect: vtask-double-await
}

void redeclared_each_iteration(int fd) {
  vtask_t t = read_async(fd);
  for (int i = 0; i < 3; i++) {
    bool c = more();
    if (c)
      vtask_await(t); // expect: vtask-double-await
  }
}

void both_branches_then_again(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
  else
    vtask_as_task(t);
  vtask_await(t); // expect: vtask-double-await
}
