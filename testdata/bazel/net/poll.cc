// Planted: a vtask dropped unawaited, in C++ (a cc_library source that includes no net header).
#include <vtask.h>

vtask_t poll_async(int fd);

void net_poll(int fd) {
  poll_async(fd);
}
