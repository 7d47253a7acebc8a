/* net.h: included by net/conn.c, app/main.c and app/net_test.cc (not by net/retry.c). */
#ifndef NET_NET_H
#define NET_NET_H

#include <vtask.h>

#ifdef __cplusplus
extern "C" {
#endif
vtask_t net_read_async(int fd);
int net_connect(int fd);
#ifdef __cplusplus
}
#endif

#endif
