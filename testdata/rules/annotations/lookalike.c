// Annotations (spec section 4), near misses: types that look like the annotated ones in
// testdata/include/annotated/aiolib.h but are not marked vtask::single_use (no annotation, another
// tool's "other::single_use", "vtask::single_use_v2", a bare "single_use") are never tracked,
// even when their functions' parameters carry vtask::await or vtask::get_result. Every pattern
// that is a bug on aio_op_t is quiet here.
// expect-no-diagnostics
#include <annotated/aiolib.h>
#include <stdbool.h>
#include <stddef.h>

bool more(void);

struct holder {
  aio_plain_op_t plain;
  aio_other_op_t other;
  aio_near_op_t near;
  aio_bare_op_t bare;
  aio_plain_op_t many[4];
};

aio_plain_op_t g_plain;

void plain_await_twice(int fd) {
  aio_plain_op_t op = aio_plain_read(fd);
  aio_plain_await(op);
  aio_plain_await(op);
}

void *plain_result_unguarded(int fd) {
  aio_plain_op_t op = aio_plain_read(fd);
  return aio_plain_result(op);
}

bool plain_query_after_await(int fd) {
  aio_plain_op_t op = aio_plain_read(fd);
  aio_plain_await(op);
  return aio_plain_done(op);
}

void plain_await_in_loop(int fd) {
  aio_plain_op_t op = aio_plain_read(fd);
  while (more())
    aio_plain_await(op);
}

void plain_dropped(int fd) {
  aio_plain_read(fd);
}

void plain_stored(struct holder *h, int fd) {
  h->plain = aio_plain_read(fd);
  g_plain = aio_plain_read(fd);
}

void other_await_twice(int fd) {
  aio_other_op_t op = aio_other_read(fd);
  aio_other_await(op);
  aio_other_await(op);
}

void *other_result_unguarded(int fd) {
  aio_other_op_t op = aio_other_read(fd);
  return aio_other_result(op);
}

void near_await_twice(int fd) {
  aio_near_op_t op = aio_near_read(fd);
  aio_near_await(op);
  aio_near_await(op);
}

void bare_await_twice(int fd) {
  aio_bare_op_t op = aio_bare_read(fd);
  aio_bare_await(op);
  aio_bare_await(op);
}

void lookalikes_dropped(int fd) {
  aio_other_read(fd);
  aio_near_read(fd);
  aio_bare_read(fd);
}
