// Planted: a double await in a cc_test that includes both net headers.
#include "net/net.h"
#include "net/retry.h"

int main() {
  vtask_t t = retry_read_async(net_connect(0));
  vtask_await(t);
  vtask_await(t);
  return net_retry(0);
}
