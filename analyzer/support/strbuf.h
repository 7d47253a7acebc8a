/* strbuf.h: a growable heap string (git's strbuf). The owner calls sb_release(); sb_detach()
 * hands the buffer to the caller, who then owns it and frees it with free(). */
#ifndef VTL_SUPPORT_STRBUF_H
#define VTL_SUPPORT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct strbuf {
  char *buf; /* always NUL-terminated once anything was added; NULL when empty */
  size_t len, cap;
};

#define STRBUF_INIT {NULL, 0, 0}

void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* sb_cstr: the contents, "" when empty; valid until the next change. */
const char *sb_cstr(const struct strbuf *sb);
void sb_reset(struct strbuf *sb);   /* length 0, keeps the memory */
void sb_release(struct strbuf *sb); /* frees the memory */
char *sb_detach(struct strbuf *sb); /* the caller now owns the string (never NULL) */
/* sb_read_stream / sb_read_file: append everything the stream or file holds. 0 on success,
 * -1 on failure with errno set. */
int sb_read_stream(struct strbuf *sb, FILE *f);
int sb_read_file(struct strbuf *sb, const char *path);

#endif
