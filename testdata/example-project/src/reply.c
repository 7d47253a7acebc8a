/* reply.c: writing responses. reply_send writes the head itself and hands
 * the body write back to the caller, which consumes it; reply_chunks and
 * reply_simple finish their writes before returning. */
#include <stdio.h>
#include <string.h>

#include "tinyserve.h"

#define CHUNK 512

/* Takes a write's result, without suspending when it is already done. */
static const struct io_result *finish_write(vtask_t w)
{
  if (vtask_is_completed(w))
    return vtask_get_result(w);
  return vtask_await(w);
}

static int format_head(char *head, size_t cap, const char *status, size_t len)
{
  return snprintf(head, cap, "HTTP/1.0 %s\r\nContent-Length: %zu\r\n\r\n", status, len);
}

vtask_t reply_send(struct conn *c, const char *status, const char *body, size_t len)
{
  char head[128];
  int n = format_head(head, sizeof head, status, len);
  const struct io_result *res = finish_write(conn_write(c, head, (size_t)n));

  if (res->err) {
    /* Hand the failure on as an already completed write. */
    return vtask_from_result((void *)res);
  }
  return conn_write(c, body, len);
}

void reply_chunks(struct conn *c, const char *body, size_t len)
{
  char head[128];
  size_t off = 0;
  vtask_t w;

  w = conn_write(c, head, (size_t)format_head(head, sizeof head, "200 OK", len));
  if (finish_write(w)->err)
    return;
  while (off < len) {
    size_t n = len - off > CHUNK ? CHUNK : len - off;
    /* Assigning starts a new operation: each iteration awaits its own write. */
    w = conn_write(c, body + off, n);
    const struct io_result *res = vtask_await(w);
    if (res->err || res->n <= 0) {
      log_error("chunk", res);
      return;
    }
    off += (size_t)res->n;
  }
}

/* A response whose single write is still in flight. */
struct pending_reply {
  struct conn *conn;
  size_t len;
  vtask_t write; // expect: vtask-stored-in-field
};

static struct pending_reply reply_start(struct conn *c, const char *msg, size_t len)
{
  struct pending_reply p = {.conn = c, .len = len, .write = conn_write(c, msg, len)};
  return p;
}

static void reply_finish(struct pending_reply p)
{
  const struct io_result *res = vtask_await(p.write);
  if (!res || res->err || (size_t)res->n != p.len)
    log_error("short reply", res);
}

void reply_simple(struct conn *c, const char *msg)
{
  reply_finish(reply_start(c, msg, strlen(msg)));
}
