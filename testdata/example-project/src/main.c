/* main.c: the accept loop. Each accepted connection is served to completion
 * (read the request, reply, shut down) before the next accept. */
#include <stdio.h>
#include <stdlib.h>

#include "tinyserve.h"

/* Only queries the vtask, so passing it here does not consume it. */
static bool accept_ready(vtask_t t)
{
  return vtask_is_completed(t);
}

static struct conn *accept_one(struct listener *l)
{
  vtask_t acc = net_accept(l);

  /* Fast path: a connection is already waiting in the backlog. */
  if (accept_ready(acc))
    return vtask_get_result(acc);
  return vtask_await(acc);
}

static void close_conn(struct conn *c)
{
  vtask_t bye = conn_shutdown(c);
  const struct io_result *res = vtask_await(bye);

  if (vtask_is_faulted(bye)) // expect: vtask-use-after-await
    log_error("shutdown", res);
}

int server_run(struct listener *l, int max_conns)
{
  int served = 0;

  while (served < max_conns) {
    struct conn *c = accept_one(l);
    struct request req = {0};

    if (!c)
      break;
    if (request_read(c, &req))
      request_reply(c, &req);
    else
      reply_simple(c, "HTTP/1.0 400 Bad Request\r\n\r\n");
    close_conn(c);
    served++;
  }
  return served;
}

int main(int argc, char **argv)
{
  int port = argc > 1 ? atoi(argv[1]) : 8080;
  struct listener *l = net_listen("0.0.0.0", port);

  if (!l) {
    fprintf(stderr, "tinyserve: cannot listen on port %d\n", port);
    return 1;
  }
  cache_preload("/index.html");
  cache_prefetch("/about.html");
  log_info("served %d connections", server_run(l, 1000));
  return 0;
}
