// vtask-double-await in loops: a value declared outside a loop and consumed inside it is consumed
// again on the next iteration (reported on the consumption inside the loop); a consumption inside
// a loop followed by break is still seen after the loop. Near misses: `do { } while (0)` is not a
// loop, break/return/exit right after the consumption, a variable declared in the body (fresh each
// iteration), a value re-created before the next iteration.
#include <stdbool.h>
#include <stdlib.h>
#include <vtask.h>

vtask_t read_async(int fd);
vtask_t next_async(vtask_t prev); /* body not visible: takes 'prev' by value (transfer) */
bool more(void);
void spin(void);

void while_loop(int fd) {
  vtask_t t = read_async(fd);
  while (more())
    vtask_await(t); // expect: vtask-double-await
}

void for_loop(int fd, int n) {
  vtask_t t = read_async(fd);
  for (int i = 0; i < n; i++) {
    vtask_await(t); // expect: vtask-double-await
  }
}

void do_while_loop(int fd) {
  vtask_t t = read_async(fd);
  do {
    vtask_as_task(t); // expect: vtask-double-await
  } while (more());
}

void infinite_loop_conditional_break(int fd) {
  vtask_t t = read_async(fd);
  for (;;) {
    vtask_await(t); // expect: vtask-double-await
    if (!more())
      break;
  }
}

void continue_after_consume(int fd) {
  vtask_t t = read_async(fd);
  while (more()) {
    vtask_await(t); // expect: vtask-double-await
    continue;
  }
}

void conditional_consume_in_loop(int fd, int n) {
  vtask_t t = read_async(fd);
  for (int i = 0; i < n; i++) {
    if (i % 2 == 0)
      vtask_await(t); // expect: vtask-double-await
  }
}

void nested_loops(int fd, int n) {
  vtask_t t = read_async(fd);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < 1; j++) {
      vtask_await(t); // expect: vtask-double-await
      break;          /* leaves the inner loop only: the outer loop comes back */
    }
  }
}

/* 'break' inside a switch leaves the switch, not the loop. */
void break_leaves_switch_only(int fd, int k) {
  vtask_t t = read_async(fd);
  while (more()) {
    switch (k) {
    case 1:
      vtask_await(t); // expect: vtask-double-await
      break;
    default:
      break;
    }
  }
}

/* The consumption in the loop is followed by break, but the code after the loop consumes again. */
void *break_then_after_loop(int fd) {
  vtask_t t = read_async(fd);
  while (more()) {
    if (vtask_is_completed(t)) {
      vtask_get_result(t);
      break;
    }
    spin();
  }
  return vtask_await(t); // expect: vtask-double-await
}

/* Consumed at the bottom, consumed again at the top of the next iteration. */
void consume_in_condition(int fd) {
  vtask_t t = read_async(fd);
  while (vtask_await(t) != NULL) { // expect: vtask-double-await
    spin();
  }
}

/* ---- near misses ---- */

/* Quiet: `do { } while (0)` runs once; it is not a loop. */
void do_while_zero(int fd) {
  vtask_t t = read_async(fd);
  do {
    vtask_await(t);
  } while (0);
}

/* Quiet: break right after the consumption ends the iteration for good. */
void break_after_consume(int fd) {
  vtask_t t = read_async(fd);
  for (;;) {
    if (more())
      continue;
    vtask_await(t);
    break;
  }
}

/* Quiet: return right after the consumption. */
void *return_after_consume(int fd) {
  vtask_t t = read_async(fd);
  while (more()) {
    if (vtask_is_completed(t))
      return vtask_get_result(t);
    spin();
  }
  return vtask_await(t);
}

/* Quiet: exit() right after the consumption. */
void exit_after_consume(int fd) {
  vtask_t t = read_async(fd);
  while (more()) {
    vtask_await(t);
    exit(0);
  }
}

/* Quiet: declared inside the body: a fresh operation each iteration. */
void declared_in_body(int n) {
  for (int i = 0; i < n; i++) {
    vtask_t t = read_async(i);
    vtask_await(t);
  }
}

/* Quiet: re-created at the end of each iteration before the next consumption. */
void recreated_each_iteration(int fd) {
  vtask_t t = read_async(fd);
  while (more()) {
    vtask_await(t);
    t = read_async(fd);
  }
  vtask_await(t);
}

/* Quiet: assigned at the top of each iteration before being consumed. */
void assigned_at_top(int n) {
  vtask_t t;
  for (int i = 0; i < n; i++) {
    t = read_async(i);
    vtask_await(t);
  }
}

/* Quiet: chaining continuations; each call consumes the previous value and yields a fresh one. */
void *chained(int fd, int n) {
  vtask_t t = read_async(fd);
  for (int i = 0; i < n; i++)
    t = next_async(t);
  return vtask_await(t);
}

/* Quiet: a polling loop only queries; the single consumption is after the loop. */
void *poll_then_get(int fd) {
  vtask_t t = read_async(fd);
  while (!vtask_is_completed(t))
    spin();
  return vtask_get_result(t);
}

/* Quiet: a loop that never touches t, then one consumption. */
void *unrelated_loop(int fd, int n) {
  vtask_t t = read_async(fd);
  int sum = 0;
  for (int i = 0; i < n; i++)
    sum += i;
  (void)sum;
  return vtask_await(t);
}
