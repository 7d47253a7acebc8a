// vtask-double-await and no-return calls: a consuming branch that ends in abort, exit, _Exit,
// __builtin_unreachable, a _Noreturn / noreturn / __attribute__((noreturn)) user function or a
// failing assert never reaches the later consumption (near misses). Flagged: an ordinary function
// that merely looks fatal, a no-return call that is itself conditional, an assert that may pass.
#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <vtask.h>

/* Declared before <stdnoreturn.h>, whose `noreturn` macro would break the attribute spelling. */
__attribute__((noreturn)) void die(int code);

#include <stdnoreturn.h>

vtask_t read_async(int fd);
_Noreturn void fatal(const char *m);
noreturn void panic_now(void);
void log_fatal(const char *m); /* NOT declared no-return: returns as far as we know */

/* ---- near misses ---- */

/* Quiet: abort() ends the path. */
void *after_abort(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    abort();
  }
  return vtask_await(t);
}

/* Quiet: exit() ends the path. */
void *after_exit(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    exit(1);
  }
  return vtask_await(t);
}

/* Quiet: _Exit() ends the path. */
void *after_underscore_exit(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    _Exit(2);
  }
  return vtask_await(t);
}

/* Quiet: __builtin_unreachable() ends the path. */
void *after_unreachable(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    __builtin_unreachable();
  }
  return vtask_await(t);
}

/* Quiet: a _Noreturn user function ends the path. */
void *after_noreturn_keyword(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    fatal("impossible");
  }
  return vtask_await(t);
}

/* Quiet: the <stdnoreturn.h> spelling. */
void *after_noreturn_macro(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_as_task(t);
    panic_now();
  }
  return vtask_await(t);
}

/* Quiet: __attribute__((noreturn)) ends the path. */
void *after_noreturn_attribute(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    die(3);
  }
  return vtask_await(t);
}

/* Quiet: assert(0) always fails (no NDEBUG here), so it ends the path. */
void *after_assert_zero(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    assert(0);
  }
  return vtask_await(t);
}

/* Quiet: assert(!"...") is the same always-failing assertion. */
void *after_assert_not_string(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    assert(!"unreachable");
  }
  return vtask_await(t);
}

/* Quiet: a no-return call in a switch case, like a break. */
void *noreturn_in_case(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 0:
    vtask_await(t);
    abort();
  default:
    break;
  }
  return vtask_await(t);
}

/* Quiet: inside a loop, exit right after the consumption means no next iteration. */
void noreturn_in_loop(int fd, int n) {
  vtask_t t = read_async(fd);
  for (int i = 0; i < n; i++) {
    vtask_await(t);
    die(0);
  }
}

/* ---- must be flagged ---- */

void *after_ordinary_function(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    log_fatal("looks fatal, is not");
  }
  return vtask_await(t); // expect: vtask-double-await
}

void *conditional_abort(int fd, bool c, bool d) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    if (d)
      abort();
  }
  return vtask_await(t); // expect: vtask-double-await
}

void *assert_may_pass(int fd, bool c, bool d) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    assert(d);
  }
  return vtask_await(t); // expect: vtask-double-await
}

void *noreturn_before_consumption_in_other_branch(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    abort();
  else
    vtask_await(t);
  return vtask_await(t); // expect: vtask-double-await
}
