/* glob.c: see glob.h. */
#include "analyzer/support/glob.h"

#include <ctype.h>
#include <string.h>

bool glob_match(const char *p, const char *pe, const char *s) {
  const char *star = NULL, *ss = NULL;
  while (*s) {
    if (p < pe && *p == '*') {
      star = p++;
      ss = s;
    } else if (p < pe && *p == *s) {
      p++;
      s++;
    } else if (star) {
      p = star + 1;
      s = ++ss;
    } else {
      return false;
    }
  }
  while (p < pe && *p == '*')
    p++;
  return p == pe;
}

int globlist_match(const char *list, const char *name) {
  int result = -1;
  const char *p = list;
  while (p && *p) {
    const char *end = p + strcspn(p, ",\n");
    const char *b = p, *e = end;
    while (b < e && isspace((unsigned char)*b))
      b++;
    while (e > b && isspace((unsigned char)e[-1]))
      e--;
    bool neg = b < e && *b == '-';
    if (neg)
      b++;
    if (b < e && glob_match(b, e, name))
      result = neg ? 0 : 1;
    p = *end ? end + 1 : end;
  }
  return result;
}
