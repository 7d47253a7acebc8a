// vtask-blocking-unfinished and create-completed values: vtask_from_result() and vtask_completed()
// return completed vtasks, so get-result on them (or on a copy of them) needs no check. Flagged:
// the variable was re-assigned an ordinary vtask, or only one path assigned the completed one.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);

/* ---- near misses ---- */

/* Quiet: created completed. */
void *from_result(void *p) {
  vtask_t t = vtask_from_result(p);
  return vtask_get_result(t);
}

/* Quiet: vtask_completed() too. */
void *completed(void) {
  vtask_t t = vtask_completed();
  return vtask_get_result(t);
}

/* Quiet: a temporary created completed. */
void *from_result_temporary(void *p) {
  return vtask_get_result(vtask_from_result(p));
}

/* Quiet: a copy of a completed value is the same (completed) operation. */
void *copy_of_completed(void *p) {
  vtask_t t = vtask_from_result(p);
  vtask_t u = t;
  return vtask_get_result(u);
}

/* Quiet: both arms produce completed values. */
void *completed_on_both_arms(void *p, bool c) {
  vtask_t t;
  if (c)
    t = vtask_from_result(p);
  else
    t = vtask_completed();
  return vtask_get_result(t);
}

/* Quiet: the pending value is replaced by a completed one before the access. */
void *replaced_by_completed(int fd, void *p) {
  vtask_t t = read_async(fd);
  if (!vtask_is_completed(t)) {
    vtask_as_task(t);
    t = vtask_from_result(p);
  }
  return vtask_get_result(t);
}

/* ---- must be flagged ---- */

void *completed_then_reassigned(int fd, void *p) {
  vtask_t t = vtask_from_result(p);
  vtask_await(t);
  t = read_async(fd);
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}

void *completed_on_one_path(int fd, void *p, bool c) {
  vtask_t t = read_async(fd);
  if (c) {
    vtask_as_task(t);
    t = vtask_from_result(p);
  }
  return vtask_get_result(t); // expect: vtask-blocking-unfinished
}
