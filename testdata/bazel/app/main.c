/* Planted: a double await that exists only with net's exported defines (NET_API). The dropped
 * vtask below is not reported: app/.vtasklint.yaml turns vtask-discarded off. */
#include "net/net.h"

int main(void) {
#ifdef NET_API
  vtask_t t = net_read_async(0);
  vtask_await(t);
  vtask_await(t);
#endif
  net_read_async(1);
  return net_connect(0);
}
