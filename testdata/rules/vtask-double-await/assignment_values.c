// The value of an assignment is its left-hand side: `vtask_await(t = read_async(fd))` awaits t,
// and `x = y = read_async(fd)` makes x and y one operation.
#include <vtask.h>

vtask_t read_async(int fd);
void use(void *p);

/* Quiet: the assigned value is awaited, once. */
void *await_assignment(int fd) {
  vtask_t t;
  return vtask_await(t = read_async(fd));
}

/* Quiet: a chain of assignments aliases one operation, awaited once. */
void *chained(int fd) {
  vtask_t x, y;
  x = y = read_async(fd);
  return vtask_await(x);
}

void *chained_twice(int fd) {
  vtask_t x, y;
  x = y = read_async(fd);
  use(vtask_await(x));
  return vtask_await(y); // expect: vtask-double-await
}

void *await_assignment_then_again(int fd) {
  vtask_t t;
  use(vtask_await(t = read_async(fd)));
  return vtask_await(t); // expect: vtask-double-await
}
