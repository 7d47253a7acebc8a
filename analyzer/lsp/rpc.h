/* rpc.h: the base protocol of LSP (and of the server's pipe to its worker): messages framed by
 * a "Content-Length: N\r\n\r\n" header, bodies of JSON. The reader is fed bytes as they arrive
 * and hands out whole messages; it never trusts the peer: a header without a usable
 * Content-Length, a header block that never ends and a body over the size limit are each
 * reported once, skipped, and reading resumes at the next "Content-Length" header. No I/O
 * here except rpc_write. */
#ifndef VTL_LSP_RPC_H
#define VTL_LSP_RPC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "analyzer/support/strbuf.h"

enum { RPC_DEFAULT_MAX_BODY = 16 << 20, RPC_MAX_HEADER = 8192 };

enum rpc_status {
  RPC_NEED_MORE, /* no whole message buffered yet */
  RPC_MESSAGE,   /* *body, *len: one message's body, valid until the next rpc_feed/rpc_next */
  RPC_BAD_HEADER,/* a header block was unusable (why says which); it is skipped */
  RPC_TOO_LARGE, /* a body over max_body (why says its size); it is skipped as it arrives */
};

struct rpc_reader {
  struct strbuf buf; /* bytes received and not yet handed out, from buf.buf + pos */
  size_t pos;
  size_t max_body;   /* bodies larger than this are refused (0: RPC_DEFAULT_MAX_BODY) */
  size_t skip;       /* bytes of a refused body still to discard */
  bool resync;       /* after a bad header: discard up to the next "Content-Length" */
  struct strbuf why;
};

void rpc_reader_init(struct rpc_reader *r, size_t max_body);
void rpc_reader_release(struct rpc_reader *r);
/* rpc_feed: appends n received bytes (those of a refused body are dropped at once). */
void rpc_feed(struct rpc_reader *r, const char *bytes, size_t n);
/* rpc_next: the next message, or what went wrong with the input before it. Call until
 * RPC_NEED_MORE. */
enum rpc_status rpc_next(struct rpc_reader *r, const char **body, size_t *len);
/* rpc_why: the reason of the last RPC_BAD_HEADER or RPC_TOO_LARGE, one line. */
const char *rpc_why(const struct rpc_reader *r);

/* rpc_write: writes msg framed to fd (all of it, retrying on EINTR and short writes). False
 * when the peer is gone or the write failed. msg is not consumed. */
bool rpc_write(int fd, const json_t *msg);

#endif
