// vtask-use-after-await in straight-line and branching C: a query, a copy, or a by-value pass to
// an unknown function of a vtask that is consumed on some path. Reported once per variable.
// Near misses: uses before the consumption, after re-assignment, on another variable, in an
// exclusive branch, and in unevaluated operands.
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <vtask.h>

vtask_t read_async(int fd);
void submit(vtask_t t); /* no body here: by-value pass is a transfer */
void log_msg(const char *m);
bool more(void);

bool query_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  return vtask_is_completed(t); // expect: vtask-use-after-await
}

bool each_query_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_as_task(t);
  bool a = vtask_is_completed_successfully(t); // expect: vtask-use-after-await
  bool b = vtask_is_faulted(t);                /* same bug: reported once */
  return a || b;
}

bool query_after_get_result(void *p) {
  vtask_t t = vtask_from_result(p);
  vtask_get_result(t);
  return vtask_is_canceled(t); // expect: vtask-use-after-await
}

void copy_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_t u = t; // expect: vtask-use-after-await
  (void)u;
}

void assign_copy_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u;
  vtask_await(t);
  u = t; // expect: vtask-use-after-await
  (void)u;
}

void pass_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  submit(t); // expect: vtask-use-after-await
}

void pass_after_pass(int fd) {
  vtask_t t = read_async(fd);
  submit(t);
  submit(t); // expect: vtask-use-after-await
}

void variadic_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  printf("%d\n", (int)vtask_is_completed(t)); // expect: vtask-use-after-await
}

bool query_after_maybe_await(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
  return vtask_is_completed(t); // expect: vtask-use-after-await
}

bool query_after_loop_break(int fd) {
  vtask_t t = read_async(fd);
  while (more()) {
    if (vtask_is_completed(t)) {
      vtask_get_result(t);
      break;
    }
  }
  return vtask_is_faulted(t); // expect: vtask-use-after-await
}

bool param_query_after_await(vtask_t t) {
  vtask_await(t);
  return vtask_is_completed(t); // expect: vtask-use-after-await
}

/* ---- near misses ---- */

/* Quiet: queries before the consumption. */
void *query_before(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_faulted(t) || vtask_is_canceled(t))
    log_msg("will throw");
  return vtask_await(t);
}

/* Quiet: the query is on a fresh value assigned after the await. */
void *query_after_reassign(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  t = read_async(fd);
  if (vtask_is_completed(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: another variable. */
bool query_other_variable(int fd) {
  vtask_t a = read_async(fd);
  vtask_t b = read_async(fd);
  vtask_await(a);
  bool r = vtask_is_completed(b);
  submit(b);
  return r;
}

/* Quiet: the use sits in the branch exclusive to the consumption. */
bool exclusive_branch(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_await(t);
    return true;
  }
  bool r = vtask_is_completed(t);
  submit(t);
  return r;
}

/* Quiet: the pointer result of the await is not the vtask. */
void use_result(int fd) {
  vtask_t t = read_async(fd);
  void *r = vtask_await(t);
  printf("%p\n", r);
}

/* Quiet: sizeof does not evaluate its operand. */
size_t sizeof_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  return sizeof(vtask_is_completed(t)) + sizeof t;
}

/* Quiet: copying BEFORE the consumption is fine (the copy is consumed, the original is not used). */
void copy_before(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  vtask_await(u);
}
