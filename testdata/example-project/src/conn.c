/* conn.c: one request per connection, HTTP/1.0 style. request_read takes the
 * request head off the wire and finds the path; request_reply answers from
 * the cache. */
#include <stdio.h>
#include <string.h>

#include "tinyserve.h"

/* request-line = "GET" SP path SP version CRLF */
static bool parse_path(struct request *req)
{
  const char *sp;
  size_t n;

  if (strncmp(req->head, "GET /", 5) != 0)
    return false;
  sp = strchr(req->head + 4, ' ');
  if (!sp)
    return false;
  n = (size_t)(sp - (req->head + 4));
  if (n >= sizeof req->path)
    return false;
  memcpy(req->path, req->head + 4, n);
  req->path[n] = '\0';
  return true;
}

bool request_read(struct conn *c, struct request *req)
{
  vtask_t hdr = conn_read(c, req->head, sizeof req->head - 1);
  if (vtask_is_faulted(hdr)) {
    /* The runtime keeps the error in the result: take it to log it. */
    log_error("request head", vtask_await(hdr));
    req->failed = true;
  }
  const struct io_result *res = vtask_await(hdr); // expect: vtask-double-await
  if (req->failed || res->n <= 0)
    return false;
  req->head_len = (size_t)res->n;
  req->head[req->head_len] = '\0';
  return parse_path(req);
}

/* Both answers come from the cache: already completed on a hit, so most
 * requests never suspend. */
static const char *fetch_body(const char *path, char *scratch, size_t cap)
{
  vtask_t body = cache_fetch(path, scratch, cap);
  const char *text;

  if (vtask_is_completed(body))
    text = vtask_get_result(body);
  else
    text = vtask_await(body);
  if (text)
    cache_store(path, text, strlen(text));
  return text;
}

void request_reply(struct conn *c, const struct request *req)
{
  static const char bad[] = "HTTP/1.0 400 Bad Request\r\n\r\n";
  char scratch[CACHE_BODY_MAX];
  const char *text;

  if (req->failed || req->path[0] == '\0') {
    conn_write(c, bad, sizeof bad - 1); // expect: vtask-discarded
    return;
  }

  text = fetch_body(req->path, scratch, sizeof scratch);
  if (!text) {
    reply_simple(c, "HTTP/1.0 404 Not Found\r\n\r\nnot found\n");
    return;
  }

  if (strlen(text) > 1024) {
    reply_chunks(c, text, strlen(text));
    return;
  }

  vtask_t w = reply_send(c, "200 OK", text, strlen(text));
  const struct io_result *res = vtask_await(w);
  if (res && res->err)
    log_error("reply", res);
}
