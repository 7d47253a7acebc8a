// args: -std=gnu17
// vtask-double-await through GNU statement expressions and the macros built on them: a
// consumption inside ({ ... }) counts at the statement expression; a macro's report goes to the
// line where the macro is used. Near misses: a value private to the statement expression, an
// early return inside one, and the GNU form of assert (itself a statement expression).
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);

#define AWAIT_ONCE(x) ({ void *r_ = vtask_await(x); r_; })
#define FETCH(fd) ({ vtask_t v_ = read_async(fd); vtask_await(v_); })

void *stmt_expr_then_await(int fd) {
  vtask_t t = read_async(fd);
  void *r = ({ vtask_await(t); });
  (void)r;
  return vtask_await(t); // expect: vtask-double-await
}

void macro_twice(int fd) {
  vtask_t t = read_async(fd);
  AWAIT_ONCE(t);
  AWAIT_ONCE(t); // expect: vtask-double-await
}

void *twice_inside_one(int fd) {
  vtask_t t = read_async(fd);
  return ({
    vtask_await(t);
    vtask_await(t); // expect: vtask-double-await
  });
}

void *conditional_inside_then_after(int fd, bool c) {
  vtask_t t = read_async(fd);
  ({
    if (c)
      vtask_as_task(t);
    0;
  });
  return vtask_await(t); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: each use of FETCH declares its own vtask inside the statement expression. */
void fetch_twice(int fd) {
  void *a = FETCH(fd);
  void *b = FETCH(fd);
  (void)a;
  (void)b;
}

/* Quiet: the statement expression returns from the function when it consumes. */
void *early_return_inside(int fd) {
  vtask_t t = read_async(fd);
  int waited = ({
    if (!vtask_is_completed(t))
      return vtask_await(t);
    1;
  });
  (void)waited;
  return vtask_get_result(t);
}

/* Quiet: with -std=gnu17, assert is a statement expression; assert(0) still never returns. */
void *gnu_assert_zero(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    assert(0);
  }
  return vtask_await(t);
}

/* Quiet: one consumption through the macro, nothing else. */
void *macro_once(int fd) {
  vtask_t t = read_async(fd);
  return AWAIT_ONCE(t);
}
