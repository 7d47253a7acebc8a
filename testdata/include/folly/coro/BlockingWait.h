// folly/coro/BlockingWait.h: the stand-in declares folly::coro::blockingWait in
// folly/coro/Task.h; this header, at the real library's path, only includes it.
#ifndef VTL_STANDIN_FOLLY_CORO_BLOCKINGWAIT_H
#define VTL_STANDIN_FOLLY_CORO_BLOCKINGWAIT_H
#include <folly/coro/Task.h>
#endif
