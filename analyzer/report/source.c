/* source.c: see source.h. */
#include "analyzer/report/source.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/support/strbuf.h"

void source_reader_init(struct source_reader *r, const char *buffer_file, const char *text, size_t len) {
  memset(r, 0, sizeof *r);
  if (buffer_file && text) {
    r->buf_file = buffer_file;
    r->buf_text = text;
    r->buf_len = len;
  }
}

void source_reader_release(struct source_reader *r) {
  free(r->path);
  free(r->text);
  r->path = r->text = NULL;
}

static void load(struct source_reader *r, const char *path) {
  free(r->path);
  free(r->text);
  r->path = strdup(path);
  r->text = NULL;
  r->len = 0;
  r->shown = NULL;
  r->shown_len = 0;
  if (r->buf_file && strcmp(r->buf_file, path) == 0) {
    r->shown = r->buf_text;
    r->shown_len = r->buf_len;
    return;
  }
  struct strbuf sb = STRBUF_INIT;
  if (sb_read_file(&sb, path) == 0) {
    r->len = sb.len;
    r->text = sb_detach(&sb);
    r->shown = r->text;
    r->shown_len = r->len;
  }
  sb_release(&sb);
}

const char *source_line(struct source_reader *r, const char *path, unsigned line, size_t *len) {
  if (!path)
    return NULL;
  if (!r->path || strcmp(r->path, path) != 0)
    load(r, path);
  if (!r->shown || line == 0)
    return NULL;
  const char *p = r->shown, *end = r->shown + r->shown_len;
  for (unsigned l = 1; l < line; l++) {
    p = memchr(p, '\n', (size_t)(end - p));
    if (!p)
      return NULL;
    p++;
  }
  const char *e = memchr(p, '\n', (size_t)(end - p));
  if (!e)
    e = end;
  if (e > p && e[-1] == '\r')
    e--;
  *len = (size_t)(e - p);
  return p;
}

size_t source_utf8_len(const unsigned char *p, size_t n) {
  if (p[0] < 0x80)
    return 1;
  size_t need = p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : p[0] >= 0xe0 && p[0] <= 0xef ? 3 : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
  if (!need || need > n)
    return 0;
  for (size_t k = 1; k < need; k++)
    if ((p[k] & 0xc0) != 0x80)
      return 0;
  if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0) || (p[0] == 0xf0 && p[1] < 0x90) ||
      (p[0] == 0xf4 && p[1] >= 0x90))
    return 0;
  return need;
}

unsigned source_utf16_col(const char *line, size_t len, unsigned byte_col) {
  if (byte_col == 0)
    return 0;
  size_t before = byte_col - 1; /* bytes before the column */
  unsigned units = 0;
  size_t i = 0;
  while (i < before && i < len) {
    size_t n = source_utf8_len((const unsigned char *)line + i, len - i);
    if (!n) {
      units++, i++;
      continue;
    }
    if (i + n > before) /* a column inside a character: that character's column */
      break;
    units += n == 4 ? 2 : 1;
    i += n;
  }
  if (before > len)
    units += (unsigned)(before - len);
  return units + 1;
}
