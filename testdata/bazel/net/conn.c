/* Planted: a double await that exists only with the target's local_defines (NET_LOCAL). */
#include "net/net.h"

int net_connect(int fd) {
  vtask_t t = net_read_async(fd);
  vtask_await(t);
#ifdef NET_LOCAL
  vtask_await(t);
#endif
  return 0;
}
