/* retry.h: included by net/retry.c and app/net_test.cc only. */
#ifndef NET_RETRY_H
#define NET_RETRY_H

#include <vtask.h>

#ifdef __cplusplus
extern "C" {
#endif
vtask_t retry_read_async(int fd);
int net_retry(int fd);
#ifdef __cplusplus
}
#endif

#endif
