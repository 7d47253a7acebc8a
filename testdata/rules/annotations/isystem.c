// args: -isystem testdata/include/annotated
// Annotations (spec section 4) are read from a third-party header included as a system header
// (-isystem, <aiolib.h>): its types and functions keep their roles.
#include <aiolib.h>
#include <stddef.h>

struct conn {
  aio_op_t pending; // expect: vtask-stored-in-field
  aio_accept_t accepting;
};

void await_twice(int fd) {
  aio_op_t op = aio_read(fd);
  aio_await(op);
  aio_await(op); // expect: vtask-double-await
}

void *result_unguarded(int fd) {
  aio_op_t op = aio_read(fd);
  return aio_result(op); // expect: vtask-blocking-unfinished
}

/* ---- near misses (quiet) ---- */

void *result_guarded(int fd) {
  aio_op_t op = aio_read(fd);
  if (aio_done(op))
    return aio_result(op);
  return aio_await(op);
}

void *result_of_ready(void *v) {
  aio_op_t op = aio_ready(v);
  return aio_result(op);
}
