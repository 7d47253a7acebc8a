// vtask-discarded, dropped calls in C: a call that creates a vtask used as an expression statement
// ((void) cast included), through a typedef, a struct tag, a function pointer, in a loop or a
// branch. Near misses: create-completed calls, calls whose vtask is awaited, returned, passed
// on, stored through an out-pointer or transferred, and calls returning task_t *, vtask_t *, or
// other types; an unevaluated operand.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

typedef vtask_t io_op_t;
typedef io_op_t io_op2_t;

vtask_t read_async(int fd);
io_op2_t write_async(int fd, const void *buf, size_t n);
struct vtask close_async(int fd);
vtask_t (*connect_async)(const char *host);
task_t *start_task(int fd);      /* multi-use task: never tracked */
vtask_t *pending_slot(int fd);   /* a pointer, not a vtask */
int write_sync(int fd, const void *buf, size_t n);
void submit(vtask_t t);
void log_msg(const char *m);

void plain(int fd) {
  read_async(fd); // expect: vtask-discarded
}

void void_cast(int fd) {
  (void)read_async(fd); // expect: vtask-discarded
}

void through_typedef_of_typedef(int fd) {
  write_async(fd, "x", 1); // expect: vtask-discarded
}

void struct_tag(int fd) {
  close_async(fd); // expect: vtask-discarded
}

void function_pointer(void) {
  connect_async("example.org"); // expect: vtask-discarded
}

void in_loop(int n) {
  for (int i = 0; i < n; i++)
    read_async(i); // expect: vtask-discarded
}

void in_branch(int fd, bool c) {
  if (c)
    (void)close_async(fd); // expect: vtask-discarded
  else
    log_msg("kept open");
}

void parenthesised(int fd) {
  (read_async(fd)); // expect: vtask-discarded
}

/* ---- near misses ---- */

/* Quiet: create-completed results hold no pending operation. */
void create_completed(void *p) {
  vtask_from_result(p);
  (void)vtask_completed();
}

/* Quiet: awaited directly. */
void awaited(int fd) {
  vtask_await(read_async(fd));
}

/* Quiet: returned. */
vtask_t returned(int fd) {
  return read_async(fd);
}

/* Quiet: passed on to another function (a transfer). */
void passed_on(int fd) {
  submit(read_async(fd));
}

/* Quiet: transferred into a multi-use task; dropping a task_t * is not this rule's business. */
void transferred(int fd) {
  vtask_as_task(read_async(fd));
}

/* Quiet: stored through an out-pointer for the caller to consume. */
void out_parameter(int fd, vtask_t *out) {
  *out = read_async(fd);
}

/* Quiet: functions returning task_t *, vtask_t * and int. */
void other_return_types(int fd) {
  start_task(fd);
  pending_slot(fd);
  write_sync(fd, "x", 1);
  (void)start_task(fd);
}

/* Quiet: queries and awaits return bool / void *, not vtasks. */
void consumer_results_dropped(vtask_t t) {
  vtask_is_completed(t);
  vtask_await(t);
}

/* Quiet: sizeof does not call read_async. */
size_t unevaluated(int fd) {
  return sizeof(read_async(fd));
}

/* Quiet: the call result goes into a conditional that is returned. */
vtask_t either(int fd, bool c) {
  return c ? read_async(fd) : close_async(fd);
}
