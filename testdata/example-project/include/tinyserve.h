/* tinyserve.h: a tiny request/response server built on single-use vtasks.
 *
 * The first half declares the asynchronous I/O runtime the server is written
 * against (every call that returns a vtask_t starts one operation whose result
 * may be taken exactly once). The second half is the server's own interface,
 * one group per source file. The runtime has no definitions here: this project
 * is an analysis fixture and is built as an object library, never linked. */
#ifndef TINYSERVE_H
#define TINYSERVE_H

#include <stdbool.h>
#include <stddef.h>

#include <vtask.h>

/* ---- the I/O runtime (external) ---------------------------------------- */

struct listener;
struct conn;

/* What a completed read or write yields through vtask_await/vtask_get_result. */
struct io_result {
  long n;  /* bytes transferred, 0 at end of stream */
  int err; /* 0 or an errno value                   */
};

struct listener *net_listen(const char *addr, int port); /* synchronous; NULL on error */
vtask_t net_accept(struct listener *l);                   /* yields struct conn *       */
vtask_t conn_read(struct conn *c, char *buf, size_t cap); /* yields struct io_result *  */
vtask_t conn_write(struct conn *c, const char *buf, size_t len); /* yields struct io_result * */
vtask_t conn_shutdown(struct conn *c); /* yields struct io_result * */
/* Reads a whole file into buf; yields buf, NUL-terminated, or NULL on error. */
vtask_t file_read_async(const char *path, char *buf, size_t cap);
task_t *task_group_add(task_t *t); /* keeps a multi-use task alive until the group ends */

/* ---- log.c -------------------------------------------------------------- */

void log_info(const char *fmt, ...);
void log_error(const char *what, const struct io_result *res);

/* ---- cache.c ------------------------------------------------------------ */

#define CACHE_SLOTS 16
#define CACHE_BODY_MAX 4096

/* Returns a vtask that yields a `const char *` body: already completed on a
 * cache hit, a pending file read on a miss. */
vtask_t cache_fetch(const char *path, char *scratch, size_t cap);
void cache_store(const char *path, const char *body, size_t len);
void cache_preload(const char *path);
void cache_prefetch(const char *path);

/* ---- conn.c ------------------------------------------------------------- */

struct request {
  char head[512];
  size_t head_len;
  char path[128];
  bool failed;
};

bool request_read(struct conn *c, struct request *req);
void request_reply(struct conn *c, const struct request *req);

/* ---- reply.c ------------------------------------------------------------ */

/* Sends `body` and returns the pending write; the caller consumes it. */
vtask_t reply_send(struct conn *c, const char *status, const char *body, size_t len);
/* Writes a complete response (status line, headers and body) and waits for it. */
void reply_simple(struct conn *c, const char *msg);
void reply_chunks(struct conn *c, const char *body, size_t len);

/* ---- main.c ------------------------------------------------------------- */

int server_run(struct listener *l, int max_conns);

#endif
