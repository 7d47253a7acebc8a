/* rpc.c: see rpc.h. The buffer holds one partial message at most, plus whatever the peer sent
 * ahead; consumed bytes are dropped once they are over half of it. */
#include "analyzer/lsp/rpc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char content_length[] = "Content-Length";

void rpc_reader_init(struct rpc_reader *r, size_t max_body) {
  memset(r, 0, sizeof *r);
  r->max_body = max_body ? max_body : RPC_DEFAULT_MAX_BODY;
}

void rpc_reader_release(struct rpc_reader *r) {
  sb_release(&r->buf);
  sb_release(&r->why);
}

const char *rpc_why(const struct rpc_reader *r) { return sb_cstr(&r->why); }

static void compact(struct rpc_reader *r) {
  if (r->pos == 0)
    return;
  if (r->pos >= r->buf.len) {
    sb_reset(&r->buf);
    r->pos = 0;
  } else if (r->pos > r->buf.len / 2) {
    memmove(r->buf.buf, r->buf.buf + r->pos, r->buf.len - r->pos);
    r->buf.len -= r->pos;
    r->buf.buf[r->buf.len] = 0;
    r->pos = 0;
  }
}

void rpc_feed(struct rpc_reader *r, const char *bytes, size_t n) {
  if (r->skip) {
    size_t k = n < r->skip ? n : r->skip;
    r->skip -= k;
    bytes += k;
    n -= k;
  }
  compact(r);
  if (n)
    sb_add(&r->buf, bytes, n);
}

/* find: the first occurrence of needle in [s, s+n). */
static const char *find(const char *s, size_t n, const char *needle) {
  size_t m = strlen(needle);
  for (size_t i = 0; i + m <= n; i++)
    if (memcmp(s + i, needle, m) == 0)
      return s + i;
  return NULL;
}

/* resync: drops bytes up to the next "Content-Length"; true when one was found. The last few
 * bytes are kept in case the word is split across reads. */
static bool resync(struct rpc_reader *r) {
  const char *s = r->buf.buf + r->pos;
  size_t n = r->buf.len - r->pos;
  const char *at = find(s, n, content_length);
  if (at) {
    r->pos += (size_t)(at - s);
    r->resync = false;
    return true;
  }
  size_t keep = sizeof content_length - 1;
  if (n > keep)
    r->pos += n - keep;
  return false;
}

/* parse_length: the value of the Content-Length field among the header lines [h, h+n), or
 * -1 (why set). */
static long long parse_length(struct rpc_reader *r, const char *h, size_t n) {
  long long len = -1;
  const char *end = h + n;
  while (h < end) {
    const char *eol = find(h, (size_t)(end - h), "\r\n");
    if (!eol)
      eol = end;
    const char *colon = memchr(h, ':', (size_t)(eol - h));
    size_t name_len = colon ? (size_t)(colon - h) : 0;
    if (colon && name_len == sizeof content_length - 1 && strncasecmp(h, content_length, name_len) == 0) {
      const char *v = colon + 1;
      while (v < eol && (*v == ' ' || *v == '\t'))
        v++;
      const char *d = v;
      long long x = 0;
      while (d < eol && isdigit((unsigned char)*d) && x < (1LL << 40))
        x = x * 10 + (*d++ - '0');
      const char *t = d;
      while (t < eol && (*t == ' ' || *t == '\t'))
        t++;
      if (d == v || t != eol || x >= (1LL << 40)) {
        sb_reset(&r->why);
        sb_addf(&r->why, "Content-Length '%.*s' is not a number of bytes", (int)((eol - v) > 40 ? 40 : (eol - v)), v);
        return -1;
      }
      len = x;
    }
    h = eol + 2;
  }
  if (len < 0) {
    sb_reset(&r->why);
    sb_adds(&r->why, "a message header without Content-Length");
  }
  return len;
}

enum rpc_status rpc_next(struct rpc_reader *r, const char **body, size_t *len) {
  if (r->resync && !resync(r))
    return RPC_NEED_MORE;
  const char *s = r->buf.buf ? r->buf.buf + r->pos : "";
  size_t n = r->buf.len - r->pos;
  /* Blank lines between messages are tolerated (some clients end bodies with a newline). */
  while (n && (*s == '\r' || *s == '\n')) {
    s++, n--, r->pos++;
  }
  if (n == 0)
    return RPC_NEED_MORE;
  /* A header starts with a field name and ':'. Anything else is the rest of a message whose
   * Content-Length was too short (or swallowed by one too long): junk up to the next header. */
  size_t k = 0;
  while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-'))
    k++;
  if (k == n && n < RPC_MAX_HEADER)
    return RPC_NEED_MORE;
  if (k == 0 || k == n || s[k] != ':') {
    sb_reset(&r->why);
    sb_adds(&r->why, "bytes that are not a message header (after a wrong Content-Length?)");
    r->pos++;
    r->resync = true;
    return RPC_BAD_HEADER;
  }
  const char *hend = find(s, n < RPC_MAX_HEADER ? n : RPC_MAX_HEADER, "\r\n\r\n");
  if (!hend) {
    if (n < RPC_MAX_HEADER)
      return RPC_NEED_MORE;
    sb_reset(&r->why);
    sb_addf(&r->why, "a message header longer than %d bytes", RPC_MAX_HEADER);
    r->pos++;
    r->resync = true;
    return RPC_BAD_HEADER;
  }
  size_t hlen = (size_t)(hend - s);
  long long blen = parse_length(r, s, hlen);
  if (blen < 0) {
    r->pos += hlen + 4;
    r->resync = true;
    return RPC_BAD_HEADER;
  }
  if ((unsigned long long)blen > r->max_body) {
    sb_reset(&r->why);
    sb_addf(&r->why, "a message of %lld bytes, over the limit of %zu", blen, r->max_body);
    r->pos += hlen + 4;
    size_t have = r->buf.len - r->pos;
    if ((unsigned long long)blen <= have) {
      r->pos += (size_t)blen;
    } else {
      r->skip = (size_t)blen - have;
      r->pos = r->buf.len;
    }
    return RPC_TOO_LARGE;
  }
  if (n - hlen - 4 < (size_t)blen)
    return RPC_NEED_MORE;
  *body = s + hlen + 4;
  *len = (size_t)blen;
  r->pos += hlen + 4 + (size_t)blen;
  return RPC_MESSAGE;
}

static bool write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    p += w;
    n -= (size_t)w;
  }
  return true;
}

bool rpc_write(int fd, const json_t *msg) {
  char *body = json_dumps(msg, JSON_COMPACT | JSON_ENSURE_ASCII);
  if (!body)
    return false;
  size_t n = strlen(body);
  char head[64];
  int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
  bool ok = write_all(fd, head, (size_t)h) && write_all(fd, body, n);
  free(body);
  return ok;
}
