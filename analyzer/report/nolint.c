/* nolint.c: see nolint.h. A single pass over the text finds each NOLINT keyword inside a
 * comment. Every non-system file of a unit is parsed (report/filter.c), so a text without the
 * keyword is dismissed first by a memchr scan. */
#include "analyzer/report/nolint.h"

#include <ctype.h>
#include <string.h>

#include "analyzer/support/glob.h"

enum kind { K_LINE, K_NEXT, K_BEGIN, K_END };

struct mark {
  unsigned line, col;
  enum kind kind;
  const char *list; /* NULL: every rule */
};

struct region {
  unsigned from, to;
  const char *list;
};

struct nolint {
  VEC(struct mark) marks;
  VEC(struct region) regions;
  VEC(struct nolint_problem) problems;
};

static bool in_comment(const char *line_start, const char *at) {
  /* A `//` or an unterminated `/ *` before the keyword on the same line. */
  for (const char *p = line_start; p + 1 < at; p++)
    if (p[0] == '/' && (p[1] == '/' || p[1] == '*'))
      return true;
  return false;
}

static bool list_matches(const char *list, const char *rule) {
  if (!list)
    return true;
  const char *p = list;
  while (*p) {
    const char *end = p + strcspn(p, ",");
    const char *b = p, *e = end;
    while (b < e && isspace((unsigned char)*b))
      b++;
    while (e > b && isspace((unsigned char)e[-1]))
      e--;
    if (b < e && *b != '-' && glob_match(b, e, rule))
      return true;
    p = *end ? end + 1 : end;
  }
  return false;
}

static bool same_list(const char *a, const char *b) {
  if (!a || !b)
    return a == b;
  return strcmp(a, b) == 0;
}

static bool mentions_nolint(const char *text, size_t len) {
  const char *p = text, *end = text + len;
  while ((size_t)(end - p) >= 6 && (p = memchr(p, 'N', (size_t)(end - p) - 5)) != NULL) {
    if (memcmp(p, "NOLINT", 6) == 0)
      return true;
    p++;
  }
  return false;
}

struct nolint *nolint_parse(struct arena *a, const char *text, size_t len) {
  struct nolint *n = ARENA_NEW(a, struct nolint);
  if (!mentions_nolint(text, len))
    return n;
  VEC(struct mark) open = {0};
  const char *end = text + len, *line_start = text;
  unsigned line = 1;
  for (const char *p = text; p < end; p++) {
    if (*p == '\n') {
      line++;
      line_start = p + 1;
      continue;
    }
    if (*p != 'N' || (size_t)(end - p) < 6 || memcmp(p, "NOLINT", 6) != 0)
      continue;
    if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
      continue;
    if (!in_comment(line_start, p))
      continue;
    const char *q = p + 6;
    struct mark m = {line, (unsigned)(p - line_start) + 1, K_LINE, NULL};
    if ((size_t)(end - q) >= 8 && memcmp(q, "NEXTLINE", 8) == 0)
      m.kind = K_NEXT, q += 8;
    else if ((size_t)(end - q) >= 5 && memcmp(q, "BEGIN", 5) == 0)
      m.kind = K_BEGIN, q += 5;
    else if ((size_t)(end - q) >= 3 && memcmp(q, "END", 3) == 0)
      m.kind = K_END, q += 3;
    if (q < end && (isalnum((unsigned char)*q) || *q == '_'))
      continue; /* NOLINTFOO: not ours */
    if (q < end && *q == '(') {
      const char *close = q + 1;
      while (close < end && *close != ')' && *close != '\n')
        close++;
      if (close < end && *close == ')')
        m.list = arena_strndup(a, q + 1, (size_t)(close - q - 1));
      else
        m.list = ""; /* a broken list suppresses nothing */
    }
    p = q - 1;
    if (m.kind == K_BEGIN) {
      vec_push(a, &open, m);
    } else if (m.kind == K_END) {
      if (open.n && same_list(open.v[open.n - 1].list, m.list)) {
        struct region r = {open.v[open.n - 1].line, m.line, m.list};
        vec_push(a, &n->regions, r);
        open.n--;
      } else {
        struct nolint_problem pr = {m.line, m.col, "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' comment"};
        vec_push(a, &n->problems, pr);
      }
    } else {
      vec_push(a, &n->marks, m);
    }
  }
  for (size_t i = 0; i < open.n; i++) {
    struct nolint_problem pr = {open.v[i].line, open.v[i].col,
                                "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment"};
    vec_push(a, &n->problems, pr);
  }
  return n;
}

bool nolint_suppresses(const struct nolint *n, unsigned line, const char *rule) {
  for (size_t i = 0; i < n->marks.n; i++) {
    const struct mark *m = &n->marks.v[i];
    unsigned applies = m->kind == K_NEXT ? m->line + 1 : m->line;
    if (applies == line && list_matches(m->list, rule))
      return true;
  }
  for (size_t i = 0; i < n->regions.n; i++) {
    const struct region *r = &n->regions.v[i];
    if (r->from <= line && line <= r->to && list_matches(r->list, rule))
      return true;
  }
  return false;
}

size_t nolint_problems(const struct nolint *n, const struct nolint_problem **out) {
  *out = n->problems.v;
  return n->problems.n;
}
