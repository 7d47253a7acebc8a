/* log.c: one-line log records on stderr. The rest of the server calls these
 * after it has taken an operation's result; nothing here touches a vtask. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tinyserve.h"

void log_info(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("tinyserve: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

void log_error(const char *what, const struct io_result *res)
{
  if (!res) {
    log_info("%s: no result", what);
    return;
  }
  log_info("%s: %s (after %ld bytes)", what, strerror(res->err), res->n);
}
