/* c_lex.c: see c_lex.h. One pass, no allocation: an identifier that a splice or an escape
 * interrupts is rebuilt in a fixed buffer (a longer one is cut short, which can only make a
 * name unknown, so its function analysed). The hot loops test a byte's class in one table
 * (the lexer runs over every file of a C unit: it must cost little next to the parse). */
#include "analyzer/flow/c_lex.h"

#include <stdbool.h>
#include <string.h>

enum {
  K_START = 1, /* may start an identifier: _ $ letters, every byte >= 0x80 */
  K_DIGIT = 2,
  K_BLANK = 4, /* space, \t, \f, \v */
  K_STOP = 8,  /* ends a run of plain comment text: a line end, or what may begin a splice */
  K_PUNCT = 16, /* none of those, nor what may begin a comment, a directive, a literal, a number */
};

#define K_IDENT (K_START | K_DIGIT)

/* each byte's K_ bits (0x80-0xFF all K_START) */
static const unsigned char kind[256] = {
    16, 16, 16, 16, 16, 16, 16, 16, 16, 4, 8, 4, 4, 8, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    4, 16, 0, 0, 1, 0, 16, 0, 16, 16, 16, 16, 16, 16, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 16, 16, 16, 16, 16, 8,
    16, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 16, 8, 16, 16, 1,
    16, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 16, 16, 16, 16, 16,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline bool has(char c, unsigned k) { return (kind[(unsigned char)c] & k) != 0; }
static bool is_digit(unsigned char c) { return (unsigned)(c - '0') < 10u; }
static inline bool ident_start(unsigned char c) { return (kind[c] & K_START) != 0; }
static inline bool ident_char(unsigned char c) { return (kind[c] & K_IDENT) != 0; }
bool c_ident_start(unsigned char c) { return ident_start(c); }
bool c_ident_char(unsigned char c) { return ident_char(c); }
static bool is_blank(char c) { return has(c, K_BLANK); }

/* splice: the length of the line splice at i (a backslash, or ??/, then a line end), or 0. */
static size_t splice(const char *t, size_t i, size_t e) {
  size_t k;
  if (t[i] == '\\')
    k = i + 1;
  else if (i + 2 < e && t[i] == '?' && t[i + 1] == '?' && t[i + 2] == '/')
    k = i + 3;
  else
    return 0;
  if (k < e && t[k] == '\n')
    return k + 1 - i;
  if (k < e && t[k] == '\r')
    return (k + 1 < e && t[k + 1] == '\n' ? k + 2 : k + 1) - i;
  return 0;
}

static size_t unsplice(const char *t, size_t i, size_t e) {
  size_t n;
  while (i < e && (n = splice(t, i, e)))
    i += n;
  return i;
}

/* hash_len: a # starts at i (as #, %: or ??=): its length, else 0. */
static size_t hash_len(const char *t, size_t i, size_t e) {
  if (t[i] == '#')
    return 1;
  if (i + 1 < e && t[i] == '%' && t[i + 1] == ':')
    return 2;
  if (i + 2 < e && t[i] == '?' && t[i + 1] == '?' && t[i + 2] == '=')
    return 3;
  return 0;
}

static bool is_line_end(char c) { return c == '\n' || c == '\r'; }

/* skip_comment: past the comment at i, or i when none starts there. */
static size_t skip_comment(const char *t, size_t i, size_t e) {
  size_t j = unsplice(t, i + 1, e);
  if (t[i] != '/' || j >= e)
    return i;
  if (t[j] == '/') { /* to the line's end; a splice continues it */
    for (j++; j < e && !is_line_end(t[j]);) {
      while (j < e && !has(t[j], K_STOP)) /* plain text: no line end, no splice */
        j++;
      if (j < e && !is_line_end(t[j]))
        j += splice(t, j, e) ? splice(t, j, e) : 1;
    }
    return j;
  }
  if (t[j] == '*') {
    for (j++; j + 1 < e; j++) {
      const char *star = memchr(t + j, '*', e - 1 - j); /* only a star can end it */
      if (!star)
        return e;
      j = (size_t)(star - t);
      size_t k = unsplice(t, j + 1, e);
      if (t[k] == '/')
        return k + 1;
    }
    return e;
  }
  return i;
}

/* skip_space: past blanks, comments and splices on this line. */
static size_t skip_space(const char *t, size_t i, size_t e) {
  for (;;) {
    size_t j = unsplice(t, i, e);
    while (j < e && is_blank(t[j]))
      j++;
    if (j < e && t[j] == '/') {
      size_t k = skip_comment(t, j, e);
      if (k != j) {
        i = k;
        continue;
      }
    }
    return j;
  }
}

static int hex(char c) {
  if (is_digit((unsigned char)c))
    return c - '0';
  if ((unsigned)((c | 32) - 'a') < 6u)
    return (c | 32) - 'a' + 10;
  return -1;
}

/* ucn: the universal character name (\uXXXX, \UXXXXXXXX) at i: its length and code point. */
static size_t ucn(const char *t, size_t i, size_t e, unsigned long *cp) {
  if (i + 1 >= e || t[i] != '\\' || (t[i + 1] != 'u' && t[i + 1] != 'U'))
    return 0;
  size_t n = t[i + 1] == 'u' ? 4 : 8;
  if (i + 2 + n > e)
    return 0;
  unsigned long v = 0;
  for (size_t k = 0; k < n; k++) {
    int h = hex(t[i + 2 + k]);
    if (h < 0)
      return 0;
    v = v * 16 + (unsigned long)h;
  }
  *cp = v;
  return 2 + n;
}

static size_t put_utf8(char *b, unsigned long cp) {
  if (cp < 0x80)
    return b[0] = (char)cp, 1;
  if (cp < 0x800)
    return b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 63)), 2;
  if (cp < 0x10000)
    return b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | (cp >> 6 & 63)), b[2] = (char)(0x80 | (cp & 63)), 3;
  b[0] = (char)(0xF0 | (cp >> 18 & 7)), b[1] = (char)(0x80 | (cp >> 12 & 63));
  b[2] = (char)(0x80 | (cp >> 6 & 63)), b[3] = (char)(0x80 | (cp & 63));
  return 4;
}

enum { IDENT_MAX = 256 };

struct ident {
  const char *p;
  size_t len;
  char buf[IDENT_MAX + 4];
};

/* read_ident: the identifier at i (which starts one): its end; its spelling in *id. */
static size_t read_ident(const char *t, size_t i, size_t e, struct ident *id) {
  size_t j = i, n = 0;
  while (j < e && ident_char((unsigned char)t[j]))
    j++;
  if (j >= e || (t[j] != '\\' && t[j] != '?')) { /* no splice, no escape: the common case */
    id->p = t + i;
    id->len = j - i;
    return j;
  }
  j = i;
  bool rebuilt = false;
  unsigned long cp;
  for (;;) {
    size_t k = unsplice(t, j, e);
    size_t u = k < e ? ucn(t, k, e, &cp) : 0;
    if (k < e && ident_char((unsigned char)t[k])) {
      rebuilt = rebuilt || k != j;
      if (n < IDENT_MAX)
        id->buf[n++] = t[k];
      j = k + 1;
    } else if (u) {
      rebuilt = true;
      if (n < IDENT_MAX)
        n += put_utf8(id->buf + n, cp);
      j = k + u;
    } else {
      break;
    }
  }
  if (rebuilt) {
    id->p = id->buf;
    id->len = n;
  } else {
    id->p = t + i;
    id->len = j - i;
  }
  return j;
}

/* skip_literal: past the literal opened by quote q at i (an unterminated one ends its line);
 * *vtask says whether it spells "vtask". */
static size_t skip_literal(const char *t, size_t i, size_t e, char q, bool *vtask) {
  size_t j = i + 1;
  *vtask = false;
  while (j < e && t[j] != q && !is_line_end(t[j])) {
    if (t[j] == 'v' && j + 5 <= e && memcmp(t + j, "vtask", 5) == 0)
      *vtask = true;
    j += t[j] == '\\' && j + 1 < e ? (splice(t, j, e) ? splice(t, j, e) : 2) : 1;
  }
  return j < e && t[j] == q ? j + 1 : j;
}

static bool word_is(const struct ident *id, const char *w) { return id->len == strlen(w) && memcmp(id->p, w, id->len) == 0; }

void c_lex(const char *t, size_t s, size_t e, c_tok_fn fn, void *self) {
  size_t i = s;
  if (i == 0 && e >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  bool bol = i == 3 || s == 0 || is_line_end(t[s - 1]); /* only blanks since the line began */
  bool directive = false, define = false;
  struct ident id;
  while (i < e) {
    char c = t[i];
    if (has(c, K_PUNCT)) { /* an operator or a bracket: nothing to report */
      bol = false;
      i++;
      continue;
    }
    size_t k = c == '\\' || c == '?' ? splice(t, i, e) : 0;
    if (k) {
      i += k;
      continue;
    }
    if (is_line_end(c)) {
      if (c == '\r' && i + 1 < e && t[i + 1] == '\n')
        i++;
      if (define)
        fn(self, CT_DEFINE_END, i, NULL, 0);
      else if (directive)
        fn(self, CT_LINE_END, i, NULL, 0);
      define = directive = false;
      bol = true;
      i++;
      continue;
    }
    if (is_blank(c)) {
      for (i++; i < e && is_blank(t[i]);)
        i++;
      continue;
    }
    if (c == '/') {
      size_t j = skip_comment(t, i, e);
      if (j != i) {
        i = j;
        continue;
      }
    }
    bool at_bol = bol;
    bol = false;
    size_t h = c == '#' || c == '%' || c == '?' ? hash_len(t, i, e) : 0;
    if (h) {
      size_t h2 = hash_len(t, unsplice(t, i + h, e), e);
      if (at_bol && !directive) {
        directive = true;
        size_t j = skip_space(t, i + h, e);
        if (j >= e || !ident_start((unsigned char)t[j])) {
          i = j;
          continue;
        }
        j = read_ident(t, j, e, &id);
        if (word_is(&id, "define")) {
          j = skip_space(t, j, e);
          if (j < e && ident_start((unsigned char)t[j])) {
            size_t n = j;
            j = read_ident(t, j, e, &id);
            define = true;
            fn(self, CT_DEFINE, n, id.p, id.len);
          }
        } else if (word_is(&id, "include") || word_is(&id, "include_next") || word_is(&id, "import") ||
                   word_is(&id, "embed")) {
          fn(self, CT_INCLUDE, i, NULL, 0);
          while (j < e && !is_line_end(t[j])) /* the header's name is no identifier */
            j += splice(t, j, e) ? splice(t, j, e) : 1;
        } else if (word_is(&id, "pragma")) {
          fn(self, CT_PRAGMA, i, NULL, 0);
        }
        i = j;
      } else if (define && h2) {
        fn(self, CT_PASTE, i, NULL, 0);
        i = unsplice(t, i + h, e) + h2;
      } else {
        i += h;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      bool vtask = false;
      size_t j = skip_literal(t, i, e, c, &vtask);
      /* adjacent literals are one: "vt" "ask::single_use" */
      for (size_t prev = i; c == '"' && !vtask;) {
        size_t next = j;
        while (next < e && (is_blank(t[next]) || is_line_end(t[next]) || (t[next] == '/' && skip_comment(t, next, e) != next)))
          next = t[next] == '/' ? skip_comment(t, next, e) : next + 1;
        if (next >= e || t[next] != '"')
          break;
        char seam[10]; /* the first's last four bytes, the next's first ones */
        size_t n = 0;
        for (size_t q = j - 1 > prev + 4 ? j - 5 : prev + 1; q + 1 < j && n < 4; q++)
          seam[n++] = t[q];
        for (size_t q = next + 1; q < e && t[q] != '"' && n < sizeof seam; q++)
          seam[n++] = t[q];
        for (size_t q = 0; q + 5 <= n && !vtask; q++)
          vtask = memcmp(seam + q, "vtask", 5) == 0;
        bool inner = false;
        prev = next;
        j = skip_literal(t, next, e, '"', &inner);
        vtask = vtask || inner;
      }
      if (vtask && c == '"')
        fn(self, CT_ANNOT, i, NULL, 0);
      i = j;
      continue;
    }
    unsigned char uc = (unsigned char)c;
    if (is_digit(uc) || (c == '.' && i + 1 < e && is_digit((unsigned char)t[i + 1]))) {
      /* a pp-number, C23's digit separators (1'000) and exponents' signs included */
      for (i++; i < e; i++) {
        i = unsplice(t, i, e);
        if (i >= e)
          break;
        unsigned char d = (unsigned char)t[i];
        if ((d == '+' || d == '-') && strchr("eEpP", t[i - 1]))
          continue;
        if (d == '\'' && i + 1 < e && ident_char((unsigned char)t[i + 1]))
          continue;
        if (!(ident_char(d) || d == '.'))
          break;
      }
      continue;
    }
    unsigned long cp;
    if (ident_start(uc) || (c == '\\' && ucn(t, i, e, &cp))) {
      size_t j = read_ident(t, i, e, &id);
      fn(self, word_is(&id, "_Pragma") ? CT_PRAGMA : CT_IDENT, i, id.p, id.len);
      i = j;
      continue;
    }
    i++;
  }
  if (define)
    fn(self, CT_DEFINE_END, e, NULL, 0);
  else if (directive)
    fn(self, CT_LINE_END, e, NULL, 0);
}
