// vtask-double-await with goto and labels: a backward goto forms a loop, a forward goto carries a
// consumed value to a label that consumes again (the classic cleanup ladder); near misses: the
// error path jumps over the consumption, code after an unconditional goto is unreachable.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
bool retry(void);
bool failed(void);
void log_msg(const char *m);

void backward_goto_loop(int fd) {
  vtask_t t = read_async(fd);
again:
  vtask_await(t); // expect: vtask-double-await
  if (retry())
    goto again;
}

void *forward_goto_to_consumer(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  goto out;
out:
  return vtask_await(t); // expect: vtask-double-await
}

int cleanup_ladder(int fd) {
  vtask_t t = read_async(fd);
  if (failed()) {
    vtask_await(t);
    goto fail;
  }
  vtask_await(t);
  return 0;
fail:
  vtask_as_task(t); // expect: vtask-double-await
  return -1;
}

/* ---- near misses ---- */

/* Quiet: the error path jumps over the consumption, so the cleanup consumes it exactly once. */
int cleanup_skips_consumption(int fd) {
  vtask_t t = read_async(fd);
  if (failed())
    goto fail;
  vtask_await(t);
  return 0;
fail:
  vtask_as_task(t);
  return -1;
}

/* Quiet: the second await follows an unconditional goto and has no label: unreachable. */
void *unreachable_after_goto(int fd) {
  vtask_t t = read_async(fd);
  void *r = vtask_await(t);
  goto done;
  r = vtask_await(t);
done:
  return r;
}

/* Quiet: a backward goto that re-creates the value before jumping. */
void retry_with_fresh_value(int fd) {
  vtask_t t;
again:
  t = read_async(fd);
  if (vtask_await(t) == NULL && retry())
    goto again;
}

/* Quiet: the goto leaves before the consumption; the label path consumes once. */
void *goto_over_first_consumer(int fd, bool skip) {
  vtask_t t = read_async(fd);
  if (skip)
    goto last;
  log_msg("not skipped");
  return vtask_await(t);
last:
  return vtask_await(t);
}
