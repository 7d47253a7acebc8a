// A boolean holding a negated query (through a same-file helper that returns !query) proves
// completion on its false edge, not its true edge.
#include <stdbool.h>
#include <vtask.h>

vtask_t read_async(int fd);

static bool pending(vtask_t t) { return !vtask_is_completed(t); }

/* Quiet: not busy means completed. */
void *not_busy_then_result(int fd) {
  vtask_t t = read_async(fd);
  bool busy = pending(t);
  if (!busy)
    return vtask_get_result(t);
  return vtask_await(t);
}

void *busy_then_result(int fd) {
  vtask_t t = read_async(fd);
  bool busy = pending(t);
  if (busy)
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

/* Quiet: an early exit while busy. */
void *exit_while_busy(int fd) {
  vtask_t t = read_async(fd);
  bool busy = pending(t);
  if (busy)
    return vtask_await(t);
  return vtask_get_result(t);
}
