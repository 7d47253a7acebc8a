/* strbuf.c: see strbuf.h. */
#include "analyzer/support/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(struct strbuf *sb, size_t extra) {
  if (sb->len + extra + 1 <= sb->cap)
    return;
  size_t cap = sb->cap ? sb->cap : 64;
  while (cap < sb->len + extra + 1)
    cap *= 2;
  char *p = realloc(sb->buf, cap);
  if (!p) {
    fprintf(stderr, "vtasklint: fatal: out of memory\n");
    abort();
  }
  sb->buf = p;
  sb->cap = cap;
}

void sb_add(struct strbuf *sb, const char *s, size_t n) {
  grow(sb, n);
  if (n) /* s may be NULL then (an empty strbuf's buf): memcpy's arguments must not be */
    memcpy(sb->buf + sb->len, s, n);
  sb->len += n;
  sb->buf[sb->len] = 0;
}

void sb_adds(struct strbuf *sb, const char *s) { sb_add(sb, s, strlen(s)); }

void sb_addc(struct strbuf *sb, char c) { sb_add(sb, &c, 1); }

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) {
  va_list cp;
  va_copy(cp, ap);
  int n = vsnprintf(NULL, 0, fmt, cp);
  va_end(cp);
  if (n < 0)
    return;
  grow(sb, (size_t)n);
  vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
  sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(sb, fmt, ap);
  va_end(ap);
}

const char *sb_cstr(const struct strbuf *sb) { return sb->buf ? sb->buf : ""; }

void sb_reset(struct strbuf *sb) {
  sb->len = 0;
  if (sb->buf)
    sb->buf[0] = 0;
}

void sb_release(struct strbuf *sb) {
  free(sb->buf);
  sb->buf = NULL;
  sb->len = sb->cap = 0;
}

int sb_read_stream(struct strbuf *sb, FILE *f) {
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    sb_add(sb, buf, n);
  if (ferror(f)) {
    if (!errno)
      errno = EIO;
    return -1;
  }
  return 0;
}

int sb_read_file(struct strbuf *sb, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  int rc = sb_read_stream(sb, f);
  int saved = errno;
  fclose(f);
  errno = saved;
  return rc;
}

char *sb_detach(struct strbuf *sb) {
  if (!sb->buf)
    grow(sb, 0), sb->buf[0] = 0;
  char *p = sb->buf;
  sb->buf = NULL;
  sb->len = sb->cap = 0;
  return p;
}
