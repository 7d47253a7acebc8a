// vtask-double-await across if / else / else-if and the conditional operator: a consumption on
// SOME path before a later one is a bug (may-analysis); consumptions in exclusive branches, or
// a branch that returns after consuming, are near misses.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void log_msg(const char *m);

void *if_then_after(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
  return vtask_await(t); // expect: vtask-double-await
}

void *else_then_after(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    log_msg("fast path");
  } else {
    vtask_await(t);
  }
  return vtask_await(t); // expect: vtask-double-await
}

void *else_if_then_after(int fd, int k) {
  vtask_t t = read_async(fd);
  if (k == 0)
    log_msg("zero");
  else if (k == 1)
    vtask_await(t);
  else
    log_msg("other");
  return vtask_await(t); // expect: vtask-double-await
}

void *both_branches_then_after(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
  else
    vtask_as_task(t);
  return vtask_await(t); // expect: vtask-double-await
}

void *nested_if_then_after(int fd, bool a, bool b) {
  vtask_t t = read_async(fd);
  if (a) {
    if (b)
      vtask_await(t);
  }
  return vtask_await(t); // expect: vtask-double-await
}

void *twice_inside_branch(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    return vtask_await(t); // expect: vtask-double-await
  }
  return vtask_await(t);
}

void *conditional_operator_then_after(int fd, bool c) {
  vtask_t t = read_async(fd);
  void *r = c ? vtask_await(t) : NULL;
  (void)r;
  return vtask_await(t); // expect: vtask-double-await
}

void *condition_consumes_then_branch(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_await(t) != NULL)
    return vtask_await(t); // expect: vtask-double-await
  return NULL;
}

/* ---- near misses ---- */

/* Quiet: exclusive branches; each path consumes once. */
void *exclusive_branches(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    return vtask_await(t);
  else
    return vtask_get_result(vtask_completed());
}

/* Quiet: then-branch consumes, else-branch consumes differently; nothing after the join. */
void exclusive_consumers(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
  else
    vtask_as_task(t);
}

/* Quiet: the branch that consumes returns, so the later await runs only when it did not. */
void *early_return(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    return vtask_await(t);
  log_msg("slow path");
  return vtask_await(t);
}

/* Quiet: a block that consumes and then returns. */
void *early_return_block(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    void *r = vtask_await(t);
    log_msg("done early");
    return r;
  }
  return vtask_await(t);
}

/* Quiet: every arm of an else-if chain consumes exactly once. */
void *else_if_chain(int fd, int k) {
  vtask_t t = read_async(fd);
  if (k == 0)
    return vtask_await(t);
  else if (k == 1)
    return (void *)vtask_as_task(t);
  else if (vtask_is_completed(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: nested branches that all return after consuming. */
void *nested_returns(int fd, bool a, bool b) {
  vtask_t t = read_async(fd);
  if (a) {
    if (b)
      return vtask_await(t);
    log_msg("a only");
  }
  return vtask_await(t);
}

/* Quiet: the two arms of ?: are exclusive. */
void *conditional_operator_arms(int fd, bool c) {
  vtask_t t = read_async(fd);
  return c ? vtask_await(t) : (void *)vtask_as_task(t);
}

/* Quiet: queries in conditions are not consumptions. */
void *query_in_condition(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t))
    log_msg("already done");
  else if (vtask_is_faulted(t))
    log_msg("failed");
  return vtask_await(t);
}
