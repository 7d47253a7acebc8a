/* json_str.c: JSON strings for the json and sarif emitters. */
#include "analyzer/report/json_str.h"

#include <string.h>

#include "analyzer/support/strbuf.h"

/* utf8_seq: the length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned cp;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, cp = c & 0x07;
  else
    return 0;
  if (len > n)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

/* jstr: a JSON string for s ("" for NULL). jansson refuses invalid UTF-8 (a Latin-1 path, a
 * message quoting such source), so invalid bytes become U+FFFD rather than losing the field. */
json_t *jstr(const char *s) {
  if (!s)
    s = "";
  json_t *j = json_string(s);
  if (j)
    return j;
  struct strbuf sb = STRBUF_INIT;
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s);
  while (n) {
    size_t k = utf8_seq(p, n);
    if (k)
      sb_add(&sb, (const char *)p, k);
    else
      sb_adds(&sb, "\xEF\xBF\xBD"), k = 1;
    p += k, n -= k;
  }
  j = json_string(sb_cstr(&sb));
  sb_release(&sb);
  return j;
}
