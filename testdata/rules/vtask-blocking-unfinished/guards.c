// vtask-blocking-unfinished near misses: every get-result here is proven completed on every path
// reaching it, by a dominating query on its true edge (all four queries; negated with an early
// exit; inside && / ?: / == true / != 0; a polling loop; a do-while; both arms of a join), by
// assert, by a query kept in a local bool, or by a same-file helper returning a query.
// expect-no-diagnostics
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void spin(void);

static bool ready(vtask_t t) { return vtask_is_completed(t); }
static bool not_ready(vtask_t t) { return !vtask_is_completed(t); }

/* Quiet: the true edge of the query. */
void *if_completed(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: all four queries imply completion on their true edge. */
void *if_completed_successfully(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed_successfully(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

void *if_faulted(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_faulted(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

void *if_canceled(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_canceled(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: early return on the not-completed edge. */
void *early_return(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t))
    return NULL;
  return vtask_get_result(t);
}

/* Quiet: early return after awaiting on the not-completed edge. */
void *early_await(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t)) {
    return vtask_await(t);
  }
  return vtask_get_result(t);
}

/* Quiet: the conditional operator's true arm. */
void *conditional(int fd) {
  vtask_t t = read_async(fd);
  return vtask_is_completed(t) ? vtask_get_result(t) : vtask_await(t);
}

/* Quiet: the query as the right operand of &&. */
void *and_guard(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c && vtask_is_completed(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: the query as the left operand of &&, and inside it. */
void *and_guard_inline(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t) && vtask_get_result(t) != NULL)
    return NULL;
  return NULL;
}

/* Quiet: comparisons with true / nonzero. */
void *equals_true(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t) == true)
    return vtask_get_result(t);
  return vtask_await(t);
}

void *not_equal_zero(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t) != 0)
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: a parenthesised and doubly negated check. */
void *double_negation(int fd) {
  vtask_t t = read_async(fd);
  if (!(!vtask_is_completed(t)))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: spin until completed. */
void *poll_loop(int fd) {
  vtask_t t = read_async(fd);
  while (!vtask_is_completed(t))
    spin();
  return vtask_get_result(t);
}

/* Quiet: a do-while that exits only once completed. */
void *do_poll(int fd) {
  vtask_t t = read_async(fd);
  do {
    spin();
  } while (!vtask_is_completed(t));
  return vtask_get_result(t);
}

/* Quiet: a for(;;) that breaks only once completed. */
void *break_when_done(int fd) {
  vtask_t t = read_async(fd);
  for (;;) {
    if (vtask_is_completed(t))
      break;
    spin();
  }
  return vtask_get_result(t);
}

/* Quiet: assert proves completion (no NDEBUG here). */
void *asserted(int fd) {
  vtask_t t = read_async(fd);
  assert(vtask_is_completed(t));
  return vtask_get_result(t);
}

/* Quiet: the query kept in a local bool that is not reassigned before the test. */
void *kept_bool(int fd) {
  vtask_t t = read_async(fd);
  bool done = vtask_is_completed(t);
  if (done)
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: a kept bool, negated, with an early exit. */
void *kept_bool_negated(int fd) {
  vtask_t t = read_async(fd);
  const bool done = vtask_is_completed_successfully(t);
  if (!done)
    return vtask_await(t);
  return vtask_get_result(t);
}

/* Quiet: a same-file helper that returns the query result. */
void *helper_guard(int fd) {
  vtask_t t = read_async(fd);
  if (ready(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: a same-file helper returning the negated query, with an early exit. */
void *helper_negated_guard(int fd) {
  vtask_t t = read_async(fd);
  if (not_ready(t))
    return vtask_await(t);
  return vtask_get_result(t);
}

/* Quiet: every arm of the join proves completion in its own way. */
void *both_arms_prove(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    if (!vtask_is_completed(t))
      return NULL;
  } else {
    while (!vtask_is_completed(t))
      spin();
  }
  return vtask_get_result(t);
}

/* Quiet: the not-completed edge jumps away with goto. */
void *goto_away(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t))
    goto slow;
  return vtask_get_result(t);
slow:
  return vtask_await(t);
}

/* Quiet: an else-if chain in which each get-result sits under its own query. */
void *else_if_chain(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_faulted(t))
    return vtask_get_result(t);
  else if (vtask_is_canceled(t))
    return vtask_get_result(t);
  else if (vtask_is_completed_successfully(t))
    return vtask_get_result(t);
  return vtask_await(t);
}
