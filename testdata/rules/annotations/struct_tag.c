// Annotations (spec section 4) on a C API, through a third-party-style header
// (testdata/include/annotated/aiolib.h): struct aio_op is marked vtask::single_use on its tag, and
// its functions' parameters carry vtask::await, vtask::get_result, vtask::query and
// vtask::transfer; aio_ready and aio_failed are vtask::returns_completed. Any other function
// returning the type creates a fresh operation. No configuration is involved.
#include <annotated/aiolib.h>
#include <stdbool.h>
#include <stddef.h>

bool more(void);

/* ---- double awaits through the annotated functions ---- */

void await_twice(int fd) {
  aio_op_t op = aio_read(fd);
  aio_await(op);
  aio_await(op); // expect: vtask-double-await
}

void await_twice_by_tag(int fd) {
  struct aio_op op = aio_read(fd);
  aio_await(op);
  aio_await(op); // expect: vtask-double-await
}

void await_second_parameter_twice(int fd) {
  aio_op_t op = aio_write(fd, NULL, 0);
  aio_await_for(100, op);
  aio_await_for(100, op); // expect: vtask-double-await
}

void *await_then_result(int fd) {
  aio_op_t op = aio_read(fd);
  aio_await(op);
  return aio_result(op); // expect: vtask-double-await
}

void detach_then_await(int fd) {
  aio_op_t op = aio_read(fd);
  aio_detach(op);
  aio_await(op); // expect: vtask-double-await
}

void await_in_branch_then_await(int fd, bool c) {
  aio_op_t op = aio_read(fd);
  if (c)
    aio_await(op);
  aio_await_for(10, op); // expect: vtask-double-await
}

void await_in_loop(int fd) {
  aio_op_t op = aio_read(fd);
  while (more())
    aio_await(op); // expect: vtask-double-await
}

void await_alias(int fd) {
  aio_op_t op = aio_read(fd);
  aio_op_t copy = op;
  aio_await(copy);
  aio_await(op); // expect: vtask-double-await
}

/* ---- get-result ---- */

void *result_unguarded(int fd) {
  aio_op_t op = aio_read(fd);
  return aio_result(op); // expect: vtask-blocking-unfinished
}

void *result_after_query_on_wrong_edge(int fd) {
  aio_op_t op = aio_read(fd);
  if (!aio_done(op))
    return aio_result(op); // expect: vtask-blocking-unfinished
  return aio_await(op);
}

/* ---- other uses after consumption ---- */

bool query_after_await(int fd) {
  aio_op_t op = aio_read(fd);
  aio_await(op);
  return aio_done(op); // expect: vtask-use-after-await
}

/* ---- a dropped operation ---- */

void dropped(int fd) {
  aio_read(fd); // expect: vtask-discarded
}

/* ---- near misses (quiet) ---- */

void *await_once(int fd) {
  aio_op_t op = aio_read(fd);
  return aio_await(op);
}

void *await_second_parameter_once(int fd) {
  aio_op_t op = aio_read(fd);
  return aio_await_for(100, op);
}

/* Guarded by the annotated query: completed on its true edge. */
void *result_guarded(int fd) {
  aio_op_t op = aio_read(fd);
  if (aio_done(op))
    return aio_result(op);
  return aio_await(op);
}

/* Early exit on the not-completed edge. */
void *result_after_early_exit(int fd) {
  aio_op_t op = aio_read(fd);
  if (!aio_done(op))
    return NULL;
  return aio_result(op);
}

/* Queries do not consume. */
void *query_then_await(int fd) {
  aio_op_t op = aio_read(fd);
  if (aio_done(op) && aio_done(op))
    fd++;
  return aio_await(op);
}

/* Created completed: its result may be taken at once. */
void *result_of_ready(void *v) {
  aio_op_t op = aio_ready(v);
  return aio_result(op);
}

void *result_of_failed(int err) {
  aio_op_t op = aio_failed(err);
  return aio_result(op);
}

/* Consumed in exclusive branches. */
void *exclusive(int fd, bool c) {
  aio_op_t op = aio_read(fd);
  if (c)
    return aio_await(op);
  aio_detach(op);
  return NULL;
}

/* A fresh operation assigned after the first was consumed. */
void *reassigned(int fd) {
  aio_op_t op = aio_read(fd);
  aio_await(op);
  op = aio_read(fd + 1);
  return aio_await(op);
}

/* Two operations. */
void two_operations(int fd) {
  aio_op_t a = aio_read(fd);
  aio_op_t b = aio_read(fd);
  aio_await(a);
  aio_await(b);
}
