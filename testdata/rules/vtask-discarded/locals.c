// vtask-discarded, locals in C: a local initialised from a vtask-creating call that NO path ever
// consumes is reported on its declaration line (never touched, only queried, a second
// declarator, a fresh local per loop iteration). A local consumed on at least ONE path is not
// reported, nor one that escapes, is returned, is copied into a consumed alias, or comes from a
// create-completed call.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void submit(vtask_t t);
void keep(vtask_t *p);
void log_msg(const char *m);

void never_used(int fd) {
  vtask_t t = read_async(fd); // expect: vtask-discarded
}

void only_queried(int fd) {
  vtask_t t = read_async(fd); // expect: vtask-discarded
  if (vtask_is_completed(t))
    log_msg("done already");
}

void second_declarator(int fd) {
  vtask_t a = read_async(fd), b = read_async(fd + 1); // expect: vtask-discarded
  vtask_await(a);
}

void all_queries_no_consumer(int fd) {
  vtask_t t = read_async(fd); // expect: vtask-discarded
  while (!vtask_is_completed(t) && !vtask_is_faulted(t) && !vtask_is_canceled(t))
    log_msg("waiting");
}

void inside_loop_body(int n) {
  for (int i = 0; i < n; i++) {
    vtask_t t = read_async(i); // expect: vtask-discarded
  }
}

/* ---- near misses ---- */

/* Quiet: consumed on one path is enough ("no path consumes" is the rule). */
void consumed_on_one_path(int fd, bool c) {
  vtask_t t = read_async(fd);
  if (c)
    vtask_await(t);
}

/* Quiet: consumed in one switch case only. */
void consumed_in_one_case(int fd, int k) {
  vtask_t t = read_async(fd);
  switch (k) {
  case 1:
    vtask_as_task(t);
    break;
  default:
    break;
  }
}

/* Quiet: queried, then consumed. */
void *queried_then_consumed(int fd) {
  vtask_t t = read_async(fd);
  if (vtask_is_completed(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

/* Quiet: returned. */
vtask_t returned(int fd) {
  vtask_t t = read_async(fd);
  return t;
}

/* Quiet: passed on by value (a transfer). */
void passed_on(int fd) {
  vtask_t t = read_async(fd);
  submit(t);
}

/* Quiet: its address escapes; someone else may consume it. */
void escaped(int fd) {
  vtask_t t = read_async(fd);
  keep(&t);
}

/* Quiet: a copy of it is consumed, and copies alias. */
void consumed_through_alias(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  vtask_await(u);
}

/* Quiet: create-completed values need not be consumed. */
void completed_unused(void *p) {
  vtask_t t = vtask_from_result(p);
  vtask_t u = vtask_completed();
}

/* Quiet: declared without a call initialiser, assigned and consumed later. */
void assigned_later(int fd) {
  vtask_t t;
  t = read_async(fd);
  vtask_await(t);
}

/* Quiet: a parameter is not created here; not consuming it is the caller's business. */
bool parameter_only_queried(vtask_t t) {
  return vtask_is_completed(t);
}

/* Quiet: consumed inside a loop that may run zero times. */
void consumed_in_loop(int fd, int n) {
  vtask_t t = read_async(fd);
  for (int i = 0; i < n; i++) {
    if (vtask_is_completed(t)) {
      vtask_get_result(t);
      break;
    }
  }
}

/* Quiet: each declarator is consumed. */
void both_declarators(int fd) {
  vtask_t a = read_async(fd), b = read_async(fd + 1);
  vtask_await(a);
  vtask_await(b);
}
