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

/* A place where a shared preamble may end before the unit's own does (see "prefixes"): after
 * a directive's logical line, outside every #if. text_end: the offset of the next line's
 * first byte; dirs_end: the length of the directives (put_directive) up to there. */
struct cut {
  size_t text_end, dirs_end;
};

struct cuts {
  struct cut *v;
  size_t n, cap;
  size_t ndirs; /* every directive of the preamble, at a cut or not */
  bool bad;     /* out of memory */
};

static void add_cut(struct cuts *c, size_t text_end, size_t dirs_end) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 16;
    struct cut *v = realloc(c->v, sizeof *v * cap);
    if (!v) {
      c->bad = true;
      return;
    }
    c->v = v;
    c->cap = cap;
  }
  c->v[c->n++] = (struct cut){text_end, dirs_end};
}

/* scan: the preamble's length; its directives go to dirs (when non-NULL); *line_directive is
 * set when one of them is a #line; the places it may be cut go to cuts (when non-NULL; dirs
 * then too). */
static size_t scan_cuts(const char *text, size_t len, struct strbuf *dirs, bool *line_directive,
                        struct cuts *cuts) {
  int depth = 0; /* of #if, #ifdef, #ifndef */
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
      if (cuts) {
        size_t n = (size_t)(we - w);
        if (n >= 2 && memcmp(w, "if", 2) == 0)
          depth++;
        else if (n == 5 && memcmp(w, "endif", 5) == 0)
          depth--;
        cuts->ndirs++;
        if (depth == 0 && p < end) /* p: the newline that ends the directive */
          add_cut(cuts, (size_t)(p + 1 - text), dirs->len);
      }
      line_start = false;
      continue;
    }
    break; /* the first token of the program */
  }
  const char *e = comment ? comment : p;
  /* The whole preamble is one more place to end, inside an #if or not: units whose
   * preambles are the same share all of it, as clang would precompile it. */
  if (cuts && dirs && dirs->len && (cuts->n == 0 || cuts->v[cuts->n - 1].dirs_end != dirs->len))
    add_cut(cuts, (size_t)(e - text), dirs->len);
  return (size_t)(e - text);
}

static size_t scan(const char *text, size_t len, struct strbuf *dirs, bool *line_directive) {
  return scan_cuts(text, len, dirs, line_directive, NULL);
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

/* ---- prefixes ----
 *
 * Units whose preambles begin alike but end differently share the part they have in common:
 * most test files of a suite start with the suite's own header and the library's, then add
 * headers of their own (nlohmann-json: 60 test files begin with "doctest_compatibility.h",
 * 34 of them go on with <nlohmann/json.hpp> alone, 13 define JSON_TESTS_PRIVATE first). The
 * shared part ends after a directive's line, outside every #if (a cut); in the reparse the
 * rest of the unit's own directives follow a token that ends clang's preamble there
 * (group.c), so they are parsed as code, in the same order, to the same effect.
 *
 * Which prefix a unit shares: units with the same command and the same first cut form a
 * cluster; from there, the units that continue alike (the same directives up to their next
 * cut) form a part. The largest parts are peeled off to share a longer prefix, each as its own
 * cluster, while that leaves the others PREAMBLE_PEEL_MIN_UNITS (or none) or costs few of them
 * (a quarter of the part at most, who then share nothing); what is left shares the prefix they
 * have. A part that is all of its cluster always goes on: a longer prefix for the same units.
 * Identical preambles are the end of that road, so units that shared a preamble before still
 * do.
 *
 * A part peeled off is a group more: one more preamble built (group.h: a build costs about a
 * parse and a fifth, a reparse a fraction of one) to spare each of its units the parse of the
 * directives it adds, which may be one small header of the project. So a part is peeled off
 * only when it has PREAMBLE_PEEL_MIN_UNITS units and holds at least a third of the units left
 * (PREAMBLE_PEEL_SHARE), though a group of two shares what it has in common: spdlog's 20
 * tests begin with "includes.h" (6 MB of headers with catch.hpp); 6 of them go on with
 * "test_sink.h", 2 of those with "spdlog/async.h", and peeling those off made three groups of
 * 14, 4 and 2 units out of one of 20. nlohmann-json's 34 of 60 that go on with
 * <nlohmann/json.hpp> are still a group of their own. */

struct keyed {
  uint64_t hash;
  size_t job;
  char *key; /* NUL-separated fields; its length in keylen */
  size_t keylen;
  char *dirs; /* the preamble's directives, as put_directive writes them */
  size_t *cut; /* their lengths at each cut, ascending */
  size_t ncut;
};

static int by_hash(const void *a, const void *b) {
  const struct keyed *x = a, *y = b;
  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->job < y->job ? -1 : x->job > y->job;
}

/* quotes_files: text may name a file that clang looks for in the main file's directory first:
 * an #include, #include_next, #import or #embed whose operand is not a <name> (a "name", or a
 * macro that may expand to one), or a __has_include, __has_include_next or __has_embed whose
 * operand is not. Only then does it matter in which directory the unit is parsed. */
static bool quotes_files(const char *text, size_t len) {
  static const char *const words[] = {"include", "include_next", "import", "embed", "__has_include",
                                      "__has_include_next", "__has_embed", NULL};
  const char *end = text + len;
  for (const char *p = text; p < end; p++) {
    if (!is_ident_char(*p))
      continue;
    const char *w = p;
    while (p < end && is_ident_char(*p))
      p++;
    size_t n = (size_t)(p - w);
    bool listed = false;
    for (int i = 0; words[i] && !listed; i++)
      listed = strlen(words[i]) == n && memcmp(words[i], w, n) == 0;
    if (!listed)
      continue;
    const char *q = p;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '(' || *q == '\\' || *q == '\r' || *q == '\n'))
      q++;
    if (q < end && *q != '<')
      return true; /* a word that is no directive at all is only a false alarm: safe */
    p--;
  }
  return false;
}

/* group_key: every input that shapes the preamble's AST but its directives (key), and those
 * (k->dirs, k->cut). The configuration is part of it (by identity: settings.c makes one per
 * file) because the first unit's findings in the headers are every later unit's too; the main
 * file's directory when the unit names a file clang looks for there first (quotes_files): a
 * later unit is parsed under the first one's name, in its directory. */
static bool group_key(const struct job *j, const struct unit_config *cfg, struct strbuf *key, struct keyed *k) {
  struct strbuf text = STRBUF_INIT, dirs = STRBUF_INIT;
  bool line_directive = false;
  struct cuts cuts = {0};
  bool ok = !j->contents && read_source(j->file, &text);
  size_t pre = ok ? scan_cuts(text.buf, text.len, &dirs, &line_directive, &cuts) : 0;
  /* Sharable: a preamble that ends where a line starts (the reparse puts the other unit's
   * preamble before this unit's body: columns stay), and no #line or hazard. */
  ok = ok && pre > 0 && text.buf[pre - 1] == '\n' && !line_directive && !preamble_hazard(text.buf, text.len) &&
       cuts.n > 0 && !cuts.bad;
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
    if (quotes_files(text.buf, text.len))
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
    k->ncut = cuts.n;
    k->cut = malloc(sizeof *k->cut * cuts.n);
    for (size_t i = 0; k->cut && i < cuts.n; i++)
      k->cut[i] = cuts.v[i].dirs_end;
    k->dirs = sb_detach(&dirs);
    ok = k->cut && k->dirs;
  }
  free(cuts.v);
  sb_release(&text);
  sb_release(&dirs);
  return ok;
}

/* next_cut: k's first cut after l (0: none). */
static size_t next_cut(const struct keyed *k, size_t l) {
  for (size_t i = 0; i < k->ncut; i++)
    if (k->cut[i] > l)
      return k->cut[i];
  return 0;
}

/* same_part: x and y go on from l alike (to the same next cut, by the same directives). */
static bool same_part(const struct keyed *x, const struct keyed *y, size_t l) {
  size_t a = next_cut(x, l), b = next_cut(y, l);
  return a && a == b && memcmp(x->dirs + l, y->dirs + l, a - l) == 0;
}

/* share: the units m[0, n) (of k), whose directives are the same up to the cut l, share a
 * prefix (see "prefixes"): group[] and prefix[] set for those that share one. Returns the
 * number of units grouped. */
static size_t share(struct keyed *k, size_t *m, size_t n, size_t l, uint32_t *group, uint32_t *prefix) {
  size_t grouped = 0;
  size_t *part = malloc(sizeof *part * (n ? n : 1));
  bool *taken = calloc(n ? n : 1, sizeof *taken);
  if (!part || !taken) {
    free(part);
    free(taken);
    return 0;
  }
  size_t left = n;
  for (;;) {
    /* the largest part of the units left (the earliest unit's, of equal ones) */
    size_t best = n, best_n = 0;
    for (size_t i = 0; i < n; i++) {
      if (taken[i] || !next_cut(&k[m[i]], l))
        continue;
      size_t c = 0;
      for (size_t o = 0; o < n; o++)
        c += !taken[o] && same_part(&k[m[i]], &k[m[o]], l);
      if (c > best_n)
        best = i, best_n = c;
    }
    size_t rest = left - best_n;
    bool peel = best < n && best_n >= 2 &&
                (rest == 0 || (best_n >= PREAMBLE_PEEL_MIN_UNITS && best_n * PREAMBLE_PEEL_SHARE >= left &&
                               (rest >= PREAMBLE_PEEL_MIN_UNITS || rest * 4 <= best_n)));
    if (!peel)
      break;
    size_t np = 0;
    for (size_t o = 0; o < n; o++)
      if (!taken[o] && same_part(&k[m[best]], &k[m[o]], l)) {
        part[np++] = m[o];
        taken[o] = true;
      }
    left -= np;
    grouped += share(k, part, np, next_cut(&k[m[best]], l), group, prefix);
  }
  if (left >= 2) {
    size_t first = SIZE_MAX;
    for (size_t i = 0; i < n; i++)
      if (!taken[i] && k[m[i]].job < first)
        first = k[m[i]].job;
    for (size_t i = 0; i < n; i++)
      if (!taken[i]) {
        group[k[m[i]].job] = (uint32_t)first;
        prefix[k[m[i]].job] = (uint32_t)l;
      }
    grouped += left;
  }
  free(part);
  free(taken);
  return grouped;
}

size_t preamble_groups(const struct job *jobs, size_t n, const struct unit_config *cfg, uint32_t *group,
                       uint32_t *prefix) {
  struct keyed *k = calloc(n ? n : 1, sizeof *k);
  size_t nk = 0, grouped = 0;
  for (size_t i = 0; i < n; i++) {
    group[i] = PREAMBLE_NONE;
    prefix[i] = 0;
    struct strbuf key = STRBUF_INIT;
    /* C units are never shared (group.h): not even read here */
    if (k && compdb_args_are_cxx(jobs[i].file, jobs[i].args, jobs[i].nargs) &&
        group_key(&jobs[i], cfg, &key, &k[nk])) {
      sb_add(&key, k[nk].dirs, k[nk].cut[0]); /* the cluster: the command and the first cut */
      k[nk].hash = hash_bytes(key.buf, key.len);
      k[nk].job = i;
      k[nk].keylen = key.len;
      k[nk++].key = sb_detach(&key);
    } else if (k) {
      free(k[nk].dirs);
      free(k[nk].cut);
      k[nk].dirs = NULL;
      k[nk].cut = NULL;
    }
    sb_release(&key);
  }
  if (k)
    qsort(k, nk, sizeof *k, by_hash);
  size_t *m = malloc(sizeof *m * (nk ? nk : 1));
  bool *done = calloc(nk ? nk : 1, sizeof *done);
  /* Within one hash, each cluster: a unit and the later units with the same key. */
  for (size_t a = 0; m && done && a < nk;) {
    size_t b = a;
    while (b < nk && k[b].hash == k[a].hash)
      b++;
    for (size_t i = a; i < b; i++) {
      if (done[i])
        continue;
      size_t nm = 0;
      for (size_t o = i; o < b; o++)
        if (!done[o] && k[o].keylen == k[i].keylen && memcmp(k[o].key, k[i].key, k[i].keylen) == 0) {
          m[nm++] = o;
          done[o] = true;
        }
      if (nm >= 2)
        grouped += share(k, m, nm, k[i].cut[0], group, prefix);
    }
    a = b;
  }
  free(m);
  free(done);
  for (size_t i = 0; i < nk; i++) {
    free(k[i].key);
    free(k[i].dirs);
    free(k[i].cut);
  }
  free(k);
  return grouped;
}

size_t preamble_prefix(const char *text, size_t len, size_t l, struct strbuf *dirs) {
  struct strbuf all = STRBUF_INIT;
  struct cuts cuts = {0};
  bool line_directive = false;
  size_t pre = scan_cuts(text, len, &all, &line_directive, &cuts);
  size_t at = 0;
  for (size_t i = 0; i < cuts.n && !cuts.bad && !at; i++)
    if (cuts.v[i].dirs_end == l) /* the last cut: the whole preamble, as preamble_size has it */
      at = i + 1 == cuts.n && l == all.len ? pre : cuts.v[i].text_end;
  if (at && dirs)
    sb_add(dirs, all.buf, l);
  free(cuts.v);
  sb_release(&all);
  return at;
}
