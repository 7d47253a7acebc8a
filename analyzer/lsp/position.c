/* position.c: see position.h. */
#include "analyzer/lsp/position.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/support/strbuf.h"

const char *pos_encoding_name(enum pos_encoding e) {
  return e == POS_UTF8 ? "utf-8" : e == POS_UTF32 ? "utf-32" : "utf-16";
}

enum pos_encoding pos_encoding_choose(const json_t *offered) {
  size_t i;
  const json_t *v;
  json_array_foreach(offered, i, v) {
    if (json_is_string(v) && strcmp(json_string_value(v), "utf-8") == 0)
      return POS_UTF8;
  }
  return POS_UTF16;
}

/* seq_len: the length of the UTF-8 sequence starting with byte b (1 for a stray byte). */
static size_t seq_len(unsigned char b) {
  if (b < 0xC0)
    return 1;
  if (b < 0xE0)
    return 2;
  if (b < 0xF0)
    return 3;
  if (b < 0xF8)
    return 4;
  return 1;
}

/* step: the bytes of the character at s (at most n), its units in enc through *units. */
static size_t step(const char *s, size_t n, enum pos_encoding enc, unsigned *units) {
  size_t k = seq_len((unsigned char)s[0]);
  if (k > n)
    k = n;
  for (size_t i = 1; i < k; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) {
      k = i;
      break;
    }
  *units = enc == POS_UTF8 ? (unsigned)k : enc == POS_UTF16 && k == 4 ? 2 : 1;
  return k;
}

size_t pos_line_start(const char *text, size_t len, unsigned line, bool *exists) {
  size_t off = 0;
  for (unsigned l = 0; l < line; l++) {
    while (off < len && text[off] != '\n' && text[off] != '\r')
      off++;
    if (off >= len) {
      if (exists)
        *exists = false;
      return len;
    }
    if (text[off] == '\r' && off + 1 < len && text[off + 1] == '\n')
      off++;
    off++;
  }
  if (exists)
    *exists = true;
  return off;
}

size_t pos_line_end(const char *text, size_t len, size_t off) {
  while (off < len && text[off] != '\n' && text[off] != '\r')
    off++;
  return off;
}

size_t pos_to_offset(const char *text, size_t len, unsigned line, unsigned character, enum pos_encoding enc) {
  bool exists;
  size_t off = pos_line_start(text, len, line, &exists);
  if (!exists)
    return len;
  size_t end = pos_line_end(text, len, off);
  unsigned seen = 0;
  while (off < end) {
    unsigned u;
    size_t k = step(text + off, end - off, enc, &u);
    if (seen + u > character)
      break; /* the position lies inside this character: its start */
    seen += u;
    off += k;
  }
  return off;
}

unsigned pos_units(const char *s, size_t n, enum pos_encoding enc) {
  unsigned total = 0;
  size_t off = 0;
  while (off < n) {
    unsigned u;
    off += step(s + off, n - off, enc, &u);
    total += u;
  }
  return total;
}

unsigned pos_from_line_col(const char *text, size_t len, unsigned line, unsigned col, enum pos_encoding enc) {
  if (line == 0 || col == 0)
    return 0;
  size_t start = pos_line_start(text, len, line - 1, NULL);
  size_t end = pos_line_end(text, len, start);
  size_t bytes = col - 1;
  if (bytes > end - start)
    bytes = end - start;
  return pos_units(text + start, bytes, enc);
}

static int hex(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

char *uri_to_path(const char *uri) {
  if (!uri || strncmp(uri, "file://", 7) != 0)
    return NULL;
  const char *p = uri + 7;
  if (strncmp(p, "localhost/", 10) == 0)
    p += 9;
  if (*p != '/')
    return NULL; /* file://host/... names another machine */
  struct strbuf out = STRBUF_INIT;
  for (; *p && *p != '?' && *p != '#'; p++) {
    int c = (unsigned char)*p;
    if (c == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
      c = hex(p[1]) * 16 + hex(p[2]);
      p += 2;
      if (c == 0) {
        sb_release(&out);
        return NULL;
      }
    }
    sb_addc(&out, (char)c);
  }
  return sb_detach(&out);
}

char *uri_from_path(const char *path) {
  struct strbuf out = STRBUF_INIT;
  sb_adds(&out, "file://");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("/-._~", *p))
      sb_addc(&out, (char)*p);
    else
      sb_addf(&out, "%%%02X", *p);
  }
  return sb_detach(&out);
}

/* valid_seq: the length of a well-formed UTF-8 sequence at s (of n bytes), 0 if none. */
static size_t valid_seq(const unsigned char *s, size_t n) {
  if (s[0] < 0x80)
    return 1;
  size_t k = s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : s[0] >= 0xE0 && s[0] < 0xF0 ? 3 : s[0] >= 0xF0 && s[0] < 0xF5 ? 4 : 0;
  if (!k || k > n)
    return 0;
  for (size_t i = 1; i < k; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  uint32_t cp = k == 2 ? (s[0] & 0x1Fu) : k == 3 ? (s[0] & 0x0Fu) : (s[0] & 0x07u);
  for (size_t i = 1; i < k; i++)
    cp = cp << 6 | (s[i] & 0x3Fu);
  if ((k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return k;
}

json_t *json_text(const char *s) {
  if (!s)
    s = "";
  json_t *j = json_string(s);
  if (j)
    return j;
  struct strbuf out = STRBUF_INIT;
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    size_t k = valid_seq((const unsigned char *)s + i, n - i);
    if (k) {
      sb_add(&out, s + i, k);
      i += k;
    } else {
      sb_adds(&out, "\xEF\xBF\xBD");
      i++;
    }
  }
  j = json_string(sb_cstr(&out));
  sb_release(&out);
  return j ? j : json_string("");
}
