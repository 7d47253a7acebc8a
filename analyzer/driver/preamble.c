/* preamble.c: see preamble.h. */
#include "analyzer/driver/preamble.h"

#include "analyzer/driver/cmd_macros.h"
#include "analyzer/driver/header_lang.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/support/hash.h"
#include "analyzer/support/strbuf.h"

/* ---- the preamble's bounds ---- */

static bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The directives clang's ComputePreamble lets into a preamble; any other ends it at its '#'. */
static bool preamble_directive(const char *w, size_t n) {
  static const char *const ok[] = {"include", "__include_macros", "define", "undef", "line", "error", "pragma",
                                   "import", "include_next", "warning", "ident", "sccs", "assert", "unassert",
                                   "if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", "else", "endif", NULL};
  for (int i = 0; ok[i]; i++)
    if (strlen(ok[i]) == n && memcmp(ok[i], w, n) == 0)
      return true;
  return false;
}

/* skip_block_comment: p at "/ *"; the position after its end, or NULL if it never ends. */
static const char *skip_block_comment(const char *p, const char *end) {
  for (p += 2; p + 1 < end; p++)
    if (p[0] == '*' && p[1] == '/')
      return p + 2;
  return NULL;
}

/* skip_line_comment: p at "//"; the position of the newline ending it (a backslash before
 * the newline continues it). */
static const char *skip_line_comment(const char *p, const char *end) {
  for (; p < end; p++)
    if (*p == '\n' && !(p[-1] == '\\' || (p[-1] == '\r' && p[-2] == '\\')))
      return p;
  return end;
}

/* put_directive: the logical line [p, e) of a directive as the group key holds it: line
 * splices removed, each comment and each run of blanks one space, quotes kept as written. */
static void put_directive(struct strbuf *out, const char *p, const char *e) {
  bool space = false;
  size_t at = out->len;
  while (p < e) {
    if (*p == '\\' && p + 1 < e && (p[1] == '\n' || (p[1] == '\r' && p + 2 < e && p[2] == '\n'))) {
      p += p[1] == '\n' ? 2 : 3;
      continue;
    }
    if (*p == '"' || *p == '\'') {
      char q = *p;
      if (space && out->len > at)
        sb_addc(out, ' ');
      space = false;
      const char *s = p++;
      while (p < e && *p != q && *p != '\n')
        p += *p == '\\' && p + 1 < e ? 2 : 1;
      if (p < e && *p == q)
        p++;
      sb_add(out, s, (size_t)(p - s));
      continue;
    }
    if (*p == '/' && p + 1 < e && (p[1] == '*' || p[1] == '/')) {
      const char *q = p[1] == '*' ? skip_block_comment(p, e) : e;
      p = q ? q : e;
      space = true;
      continue;
    }
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
      space = true;
      p++;
      continue;
    }
    if (space && out->len > at)
      sb_addc(out, ' ');
    space = false;
    sb_addc(out, *p++);
  }
  sb_addc(out, '\n');
}

/* scan: the preamble's length; its directives go to dirs (when non-NULL); *line_directive is
 * set when one of them is a #line. */
static size_t scan(const char *text, size_t len, struct strbuf *dirs, bool *line_directive) {
  const char *p = text, *end = text + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  const char *comment = NULL; /* the first comment since the last directive */
  bool line_start = true;
  while (p < end) {
    char c = *p;
    if (c == '\n') {
      line_start = true;
      p++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      p++;
      continue;
    }
    if (c == '/' && p + 1 < end && (p[1] == '/' || p[1] == '*')) {
      if (!comment)
        comment = p;
      const char *q = p[1] == '/' ? skip_line_comment(p, end) : skip_block_comment(p, end);
      if (!q)
        return 0; /* an unterminated comment: no preamble worth sharing */
      p = q;
      line_start = false;
      continue;
    }
    if (c == '#' && line_start) {
      const char *hash = p;
      const char *w = p + 1;
      while (w < end && (*w == ' ' || *w == '\t'))
        w++;
      const char *we = w;
      while (we < end && is_ident_char(*we))
        we++;
      if (we == w || !preamble_directive(w, (size_t)(we - w)) || (we < end && *we == '\\'))
        return (size_t)(hash - text); /* clang stops at the '#' of a directive it does not know */
      if (line_directive && we - w == 4 && memcmp(w, "line", 4) == 0)
        *line_directive = true;
      comment = NULL;
      /* to the end of the logical line; comments inside it belong to it */
      for (p = we; p < end && *p != '\n';) {
        if (*p == '\\' && p + 1 < end && (p[1] == '\n' || (p[1] == '\r' && p + 2 < end && p[2] == '\n'))) {
          p += p[1] == '\n' ? 2 : 3;
          continue;
        }
        if (*p == '/' && p + 1 < end && p[1] == '*') {
          const char *q = skip_block_comment(p, end);
          if (!q)
            return 0;
          p = q;
          continue;
        }
        if (*p == '/' && p + 1 < end && p[1] == '/') {
          p = skip_line_comment(p, end);
          continue;
        }
        p++;
      }
      if (dirs)
        put_directive(dirs, hash, p);
      line_start = false;
      continue;
    }
    break; /* the first token of the program */
  }
  const char *e = comment ? comment : p;
  return (size_t)(e - text);
}

size_t preamble_size(const char *text, size_t len) { return scan(text, len, NULL, NULL); }

size_t preamble_lines(const char *text, size_t n) {
  size_t k = 0;
  for (const char *p = text, *e = text + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
    k++;
  return k;
}

bool preamble_hazard(const char *text, size_t len) {
  static const char *const words[] = {"__FILE__", "__BASE_FILE__", "__FILE_NAME__", "__COUNTER__", "__DATE__",
                                      "__TIME__", "__TIMESTAMP__", "__INCLUDE_LEVEL__", "__LINE__", NULL};
  const char *end = text + len;
  for (const char *p = text; p < end;) {
    const char *u = memchr(p, '_', (size_t)(end - p));
    if (!u || end - u < 8)
      return false;
    if (u[1] == '_' && (u == text || !is_ident_char(u[-1]))) {
      for (int i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(end - u) >= n && memcmp(u, words[i], n) == 0 && (u + n == end || !is_ident_char(u[n])))
          return true;
      }
    }
    p = u + 1;
    while (p < end && is_ident_char(*p))
      p++;
  }
  return false;
}

/* ---- groups ---- */

/* read_source: a regular file of at most 16 MiB, whole. */
static bool read_source(const char *path, struct strbuf *out) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return false;
  struct stat st;
  bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= (16 << 20);
  char buf[65536];
  while (ok) {
    ssize_t got = read(fd, buf, sizeof buf);
    if (got < 0)
      ok = false;
    if (got <= 0)
      break;
    sb_add(out, buf, (size_t)got);
  }
  close(fd);
  return ok;
}

struct keyed {
  uint64_t hash;
  size_t job;
  char *key; /* NUL-separated fields; its length in keylen */
  size_t keylen;
};

static int by_hash(const void *a, const void *b) {
  const struct keyed *x = a, *y = b;
  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->job < y->job ? -1 : x->job > y->job;
}

/* group_key: every input that shapes the preamble's AST. The configuration is part of it (by
 * identity: settings.c makes one per file) because the first unit's findings in the headers
 * are every later unit's too; the main file's directory because quoted includes start there. */
static bool group_key(const struct job *j, const struct unit_config *cfg, struct strbuf *key) {
  struct strbuf text = STRBUF_INIT, dirs = STRBUF_INIT;
  bool line_directive = false;
  bool ok = !j->contents && read_source(j->file, &text);
  size_t pre = ok ? scan(text.buf, text.len, &dirs, &line_directive) : 0;
  /* Sharable: a preamble that ends where a line starts (the reparse puts the other unit's
   * preamble before this unit's body: columns stay), and no #line or hazard. */
  ok = ok && pre > 0 && text.buf[pre - 1] == '\n' && !line_directive && !preamble_hazard(text.buf, text.len);
  for (int i = 0; ok && i < j->nargs; i++) /* what the reparse would include a second time */
    if (strcmp(j->args[i], "-include") == 0 || strcmp(j->args[i], "-imacros") == 0 ||
        strcmp(j->args[i], "-include-pch") == 0 || strncmp(j->args[i], "-include", 8) == 0)
      ok = false;
  if (ok) {
    sb_addf(key, "%p", (const void *)(j->cfg ? j->cfg : cfg));
    sb_addc(key, '\0');
    sb_adds(key, j->workdir ? j->workdir : "");
    sb_addc(key, '\0');
    const char *slash = strrchr(j->file, '/');
    sb_add(key, j->file, slash ? (size_t)(slash - j->file) : 0);
    sb_addc(key, '\0');
    const char *dot = strrchr(j->file, '.'); /* the language, when no -x says it */
    sb_adds(key, dot && !strchr(dot, '/') ? dot : "");
    sb_addc(key, '\0');
    /* -D and -U aside: units that differ in them share when the preamble never spells the
     * macros that differ, which group.c checks (cmd_macros.h) */
    for (int i = 0; i < j->nargs; i++) {
      int w = cmd_macro_arg(j->args, j->nargs, i);
      if (w) {
        i += w - 1;
        continue;
      }
      sb_adds(key, j->args[i]);
      sb_addc(key, '\0');
    }
    sb_addc(key, '\1');
    sb_add(key, dirs.buf, dirs.len);
  }
  sb_release(&text);
  sb_release(&dirs);
  return ok;
}

size_t preamble_groups(const struct job *jobs, size_t n, const struct unit_config *cfg, uint32_t *group) {
  struct keyed *k = calloc(n ? n : 1, sizeof *k);
  size_t nk = 0, grouped = 0;
  for (size_t i = 0; i < n; i++) {
    group[i] = PREAMBLE_NONE;
    struct strbuf key = STRBUF_INIT;
    /* C units are never shared (group.h): not even read here */
    if (k && compdb_args_are_cxx(jobs[i].file, jobs[i].args, jobs[i].nargs) && group_key(&jobs[i], cfg, &key)) {
      k[nk].hash = hash_bytes(key.buf, key.len);
      k[nk].job = i;
      k[nk].keylen = key.len;
      k[nk++].key = sb_detach(&key);
    }
    sb_release(&key);
  }
  if (k)
    qsort(k, nk, sizeof *k, by_hash);
  /* Within one hash, each unit joins the first earlier unit with the same key. */
  for (size_t a = 0; a < nk;) {
    size_t b = a;
    while (b < nk && k[b].hash == k[a].hash)
      b++;
    for (size_t i = a; i < b; i++) {
      if (group[k[i].job] != PREAMBLE_NONE)
        continue;
      size_t members = 0;
      for (size_t m = i + 1; m < b; m++)
        if (group[k[m].job] == PREAMBLE_NONE && k[m].keylen == k[i].keylen &&
            memcmp(k[m].key, k[i].key, k[i].keylen) == 0) {
          group[k[m].job] = (uint32_t)k[i].job;
          members++;
        }
      if (members) {
        group[k[i].job] = (uint32_t)k[i].job;
        grouped += members + 1;
      }
    }
    a = b;
  }
  for (size_t i = 0; i < nk; i++)
    free(k[i].key);
  free(k);
  return grouped;
}
