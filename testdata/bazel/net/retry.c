/* Planted: a result taken before completion, only with the rule's copts (-DNET_COPT). */
#include "net/retry.h"

int net_retry(int fd) {
#ifdef NET_COPT
  vtask_t t = retry_read_async(fd);
  return vtask_get_result(t) != 0;
#else
  (void)fd;
  return 0;
#endif
}
