// vtask-double-await and re-initialisation: assigning a new vtask to a variable starts a fresh
// operation (near misses), unless the assignment happens on only some of the paths, or is made
// to a different variable (flagged).
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
vtask_t next_async(vtask_t prev); /* body not visible: consumes 'prev', returns a fresh vtask */

void *reassigned_in_one_branch(int fd, bool c) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  if (c)
    t = read_async(fd);
  return vtask_await(t); // expect: vtask-double-await
}

void *other_variable_reassigned(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = read_async(fd);
  vtask_await(t);
  vtask_await(u);
  u = read_async(fd);
  vtask_await(u);
  return vtask_await(t); // expect: vtask-double-await
}

void *assigned_after_declaration(int fd) {
  vtask_t t;
  t = read_async(fd + 1);
  vtask_await(t);
  return vtask_await(t); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: a new operation is assigned between the two awaits. */
void *reassigned_between(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  t = read_async(fd);
  return vtask_await(t);
}

/* Quiet: re-created on every path (both branches) before the second await. */
void *reassigned_on_every_path(int fd, bool c) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  if (c)
    t = read_async(fd);
  else
    t = read_async(fd + 1);
  return vtask_await(t);
}

/* Quiet: reassigned from a create-completed call. */
void *reassigned_completed(int fd, void *p) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  t = vtask_from_result(p);
  return vtask_get_result(t);
}

/* Quiet: t = next_async(t) consumes the old value and stores a fresh one. */
void *continuation(int fd) {
  vtask_t t = read_async(fd);
  t = next_async(t);
  return vtask_await(t);
}

/* Quiet: a parameter can be reassigned too. */
void *param_reassigned(vtask_t t, int fd) {
  vtask_await(t);
  t = read_async(fd);
  return vtask_await(t);
}

/* Quiet: reassigned from another variable, which is then not used again. */
void *reassigned_from_other(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = read_async(fd + 1);
  vtask_await(t);
  t = u;
  return vtask_await(t);
}
