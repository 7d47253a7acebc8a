// vtask-blocking-in-coroutine in C: C has no coroutines, and co_await / co_return / co_yield are
// ordinary identifiers there. Functions that call things named co_await and sync_wait, or block
// on a vtask with a polling loop, are not coroutine bodies.
// expect-no-diagnostics
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
int co_await(int x);
int co_return;
void co_yield(void);
int sync_wait(void *job);
int blockingWait(void *job);
int syncAwait(void *job);
void spin(void);

int looks_like_a_coroutine(void *job) {
  int a = co_await(1);
  co_yield();
  co_return = a;
  return sync_wait(job) + blockingWait(job) + syncAwait(job);
}

void *polls(int fd) {
  vtask_t t = read_async(fd);
  co_yield();
  while (!vtask_is_completed(t))
    spin();
  return vtask_get_result(t);
}
