// vtask-double-await with &&, ||, !, ?: and the comma operator: the right operand of && / ||
// runs only on some paths, but a consumption there still makes a later one a double await.
// Near misses: exclusive arms of ?:, queries in conditions, returns that end the consuming path.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void log_msg(const char *m);

void *and_rhs_then_after(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c && vtask_await(t) != NULL)
    log_msg("got data");
  return vtask_await(t); // expect: vtask-double-await
}

void *or_rhs_then_after(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c || vtask_await(t) == NULL)
    log_msg("no data");
  return vtask_await(t); // expect: vtask-double-await
}

void *and_lhs_then_after(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (vtask_await(t) != NULL && c)
    log_msg("both");
  return vtask_await(t); // expect: vtask-double-await
}

void *not_operand_then_after(int fd) {
  vtask_t t = read_async(fd);
  if (!vtask_await(t))
    log_msg("null result");
  return vtask_await(t); // expect: vtask-double-await
}

void *and_expression_statement(int fd, bool c) {
  vtask_t t = read_async(fd);
  c && vtask_await(t);
  return vtask_await(t); // expect: vtask-double-await
}

void *comma_operands(int fd) {
  vtask_t t = read_async(fd);
  return (vtask_await(t), vtask_await(t)); // expect: vtask-double-await
}

void *both_sides_of_and(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_await(t) != NULL && vtask_await(t) != NULL) // expect: vtask-double-await
    return NULL;
  return NULL;
}

void *conditional_condition_then_arm(int fd) {
  vtask_t t = read_async(fd);
  return vtask_await(t) ? vtask_await(t) : NULL; // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: the two arms of ?: are exclusive. */
void conditional_arms(int fd, bool c) {
  vtask_t t = read_async(fd);
  c ? (void)vtask_await(t) : (void)vtask_as_task(t);
}

/* Quiet: queries on both sides of && / || and under ! are not consumptions. */
void *queries_only(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t) || (c && vtask_is_faulted(t)))
    log_msg("not ready or failed");
  return vtask_await(t);
}

/* Quiet: the consuming right operand leads to a return. */
void *and_rhs_then_return(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c && vtask_is_completed(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: comma with a query first and one consumption second. */
void *comma_query_then_await(int fd) {
  vtask_t t = read_async(fd);
  return (vtask_is_completed(t) ? log_msg("ready") : (void)0, vtask_await(t));
}

/* Quiet: ?: picks which of two distinct vtasks to consume; the other one is consumed after. */
void *conditional_picks_variable(int fd, bool c) {
  vtask_t a = read_async(fd);
  vtask_t b = read_async(fd + 1);
  void *r = c ? vtask_await(a) : vtask_await(b);
  (void)r;
  return NULL;
}
