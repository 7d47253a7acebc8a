// Completion flags in the shapes real code writes them: assigned after the declaration, updated
// in a polling loop, combined with || and &&, and same-file helpers whose whole answer is a
// completion test.
#include <stdbool.h>
#include <vtask.h>

vtask_t read_async(int fd);
bool more(void);
void spin(void);

/* Quiet: a flag assigned after its declaration. */
void *assigned_flag(int fd) {
  vtask_t t = read_async(fd);
  bool done;
  done = vtask_is_completed(t);
  if (!done)
    return vtask_await(t);
  return vtask_get_result(t);
}

/* Quiet: a polling loop that ends when the query says completed. */
void *poll_until_done(int fd) {
  vtask_t t = read_async(fd);
  bool done = false;
  while (!done) {
    spin();
    done = vtask_is_completed(t);
  }
  return vtask_get_result(t);
}

/* Quiet: faulted or canceled both imply completed. */
void *either_terminal_state(int fd) {
  vtask_t t = read_async(fd);
  bool finished = vtask_is_faulted(t) || vtask_is_canceled(t);
  if (finished)
    return vtask_get_result(t);
  return vtask_await(t);
}

void *and_with_something_else(int fd) {
  vtask_t t = read_async(fd);
  bool ok = vtask_is_faulted(t) && more();
  if (!ok)
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

void *or_with_something_else(int fd) {
  vtask_t t = read_async(fd);
  bool ok = vtask_is_completed(t) || more();
  if (ok)
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

static bool settled(vtask_t t) { return vtask_is_completed(t) && !vtask_is_faulted(t); }
static bool known(vtask_t t) { return vtask_is_completed(t) != false; }
static bool via_local(vtask_t t) {
  bool d = vtask_is_completed(t);
  return d;
}

/* Quiet: each helper is a completion query. */
void *helpers(int fd) {
  vtask_t a = read_async(fd), b = read_async(fd), c = read_async(fd);
  void *r = settled(a) ? vtask_get_result(a) : vtask_await(a);
  r = known(b) ? vtask_get_result(b) : vtask_await(b);
  r = via_local(c) ? vtask_get_result(c) : vtask_await(c);
  return r;
}
