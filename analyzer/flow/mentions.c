/* mentions.c: see mentions.h. Three parts: a lexer that sees C's identifiers, macro
 * definitions and #includes (and skips comments, strings and numbers); the index of words and
 * files; the per-unit steps (bring the unit's files up to date, walk its declarations,
 * answer for its functions). */
#include "analyzer/flow/mentions.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/support/arena.h"
#include "analyzer/support/hash.h"
#include "analyzer/support/strbuf.h"

/* ---- the lexer ---- */

enum tok {
  TK_IDENT,      /* an identifier (keywords too) */
  TK_ANNOT,      /* a string literal starting "vtask::" (an annotation's) */
  TK_DEFINE,     /* #define NAME: the name; the tokens up to TK_DEFINE_END are its body */
  TK_DEFINE_END,
  TK_PASTE,      /* ## inside a #define */
  TK_INCLUDE,    /* #include, #include_next, #import, #embed: its offset */
};

typedef void (*tok_fn)(void *self, enum tok k, size_t off, const char *p, size_t len);

static bool ident_start(unsigned char c) { return c == '_' || c == '$' || c >= 0x80 || (unsigned)((c | 32) - 'a') < 26u; }
static bool ident_char(unsigned char c) { return ident_start(c) || (unsigned)(c - '0') < 10u; }

/* continued: a backslash-newline (or backslash-CR-LF) starts at i: its length, else 0. */
static size_t continued(const char *t, size_t i, size_t e) {
  if (t[i] != '\\')
    return 0;
  if (i + 1 < e && t[i + 1] == '\n')
    return 2;
  if (i + 2 < e && t[i + 1] == '\r' && t[i + 2] == '\n')
    return 3;
  return 0;
}

/* skip_quoted: past the literal opened by quote q at i (an unterminated one ends its line). */
static size_t skip_quoted(const char *t, size_t i, size_t e, char q) {
  for (i++; i < e && t[i] != q && t[i] != '\n'; i++)
    if (t[i] == '\\' && i + 1 < e)
      i++;
  return i < e && t[i] == q ? i + 1 : i;
}

/* lex: the tokens of t[s, e) that mentions cares for. s must start a token or a line. */
static void lex(const char *t, size_t s, size_t e, tok_fn fn, void *self) {
  bool bol = s == 0 || t[s - 1] == '\n'; /* nothing but blanks since the line began */
  bool directive = false, define = false;
  size_t i = s;
  while (i < e) {
    unsigned char c = (unsigned char)t[i];
    size_t k = continued(t, i, e);
    if (k) {
      i += k;
      continue;
    }
    if (c == '\n') {
      if (define)
        fn(self, TK_DEFINE_END, i, NULL, 0);
      define = directive = false;
      bol = true;
      i++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      i++;
      continue;
    }
    if (c == '/' && i + 1 < e && t[i + 1] == '/') { /* to the end of the line, continuations too */
      while (i < e && t[i] != '\n')
        i += continued(t, i, e) ? continued(t, i, e) : 1;
      continue;
    }
    if (c == '/' && i + 1 < e && t[i + 1] == '*') {
      const char *end = NULL;
      for (size_t j = i + 2; j + 1 < e; j++)
        if (t[j] == '*' && t[j + 1] == '/') {
          end = t + j + 2;
          break;
        }
      i = end ? (size_t)(end - t) : e;
      continue;
    }
    bool at_bol = bol;
    bol = false;
    if (c == '#') {
      if (at_bol && !directive) {
        directive = true;
        size_t j = i + 1;
        while (j < e && (t[j] == ' ' || t[j] == '\t'))
          j++;
        size_t w = j;
        while (j < e && ident_char((unsigned char)t[j]))
          j++;
        size_t wl = j - w;
        if (wl == 6 && memcmp(t + w, "define", 6) == 0) {
          while (j < e && (t[j] == ' ' || t[j] == '\t'))
            j++;
          size_t n = j;
          while (j < e && ident_char((unsigned char)t[j]))
            j++;
          if (j > n) {
            define = true;
            fn(self, TK_DEFINE, n, t + n, j - n);
          }
        } else if ((wl == 7 && memcmp(t + w, "include", 7) == 0) || (wl == 12 && memcmp(t + w, "include_next", 12) == 0) ||
                   (wl == 6 && memcmp(t + w, "import", 6) == 0) || (wl == 5 && memcmp(t + w, "embed", 5) == 0)) {
          fn(self, TK_INCLUDE, i, NULL, 0);
          while (j < e && t[j] != '\n') /* the header's name is no identifier */
            j += continued(t, j, e) ? continued(t, j, e) : 1;
        }
        i = j;
      } else if (define && i + 1 < e && t[i + 1] == '#') {
        fn(self, TK_PASTE, i, NULL, 0);
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    if (c == '"') {
      size_t j = skip_quoted(t, i, e, '"');
      if (j - i > 8 && memcmp(t + i + 1, "vtask::", 7) == 0)
        fn(self, TK_ANNOT, i, NULL, 0);
      i = j;
      continue;
    }
    if (c == '\'') {
      i = skip_quoted(t, i, e, '\'');
      continue;
    }
    if ((unsigned)(c - '0') < 10u || (c == '.' && i + 1 < e && (unsigned)((unsigned char)t[i + 1] - '0') < 10u)) {
      /* a pp-number, C23's digit separators (1'000) and exponents' signs included */
      for (i++; i < e; i++) {
        unsigned char d = (unsigned char)t[i];
        if ((d == '+' || d == '-') && strchr("eEpP", t[i - 1]))
          continue;
        if (!(ident_char(d) || d == '.' || d == '\''))
          break;
      }
      continue;
    }
    if (ident_start(c)) {
      size_t j = i + 1;
      while (j < e && ident_char((unsigned char)t[j]))
        j++;
      fn(self, TK_IDENT, i, t + i, j - i);
      i = j;
      continue;
    }
    i++;
  }
  if (define)
    fn(self, TK_DEFINE_END, e, NULL, 0);
}

/* ---- the index ---- */

enum { W_RELEVANT = 1, W_TYPE = 2 };

struct word {
  const char *s;
  uint32_t len;
  uint8_t flags;
  uint32_t stamp;          /* dedupes a word within one list being built */
  VEC(uint32_t) users;     /* the macros whose bodies spell it (their names' words) */
};

/* One file's text as the index keeps it: what is spelled outside #define lines, its macros,
 * its #includes; and how it stands against the relevant words. */
struct summary {
  uint64_t hash;
  size_t len;
  uint64_t uid[3]; /* libclang's unique id of the file it was read from (device, inode, mtime) */
  bool has_uid;
  uint32_t *ids; /* distinct words spelled outside #define lines, sorted */
  size_t nids;
  uint32_t *incl; /* offsets of #include directives, ascending */
  size_t nincl;
  size_t seen;   /* how much of the word log relevant/typed account for */
  bool relevant; /* spells a relevant word (outside #define lines) */
  bool typed;    /* spells a type word: its declarations may make names relevant */
  uint32_t *occ; /* offsets of type words spelled outside #define lines */
  size_t nocc;
  uint32_t occ_gen; /* the type generation occ was made at; 0: never */
  bool *resolved;   /* per occurrence: a unit's walk met a declaration holding it */
  size_t nresolved;
};

struct mentions {
  struct arena arena;
  VEC(struct word) words;
  uint32_t *table; /* open addressing: word index + 1 */
  size_t cap;
  VEC(uint32_t) log; /* each word when it became relevant or a type word, in order */
  VEC(uint32_t) work; /* make_relevant's */
  VEC(uint32_t) model; /* the model's own words (model_words) */
  uint32_t type_gen; /* counts words that became type words */
  uint32_t stamp;
  VEC(struct summary) files;
  uint32_t *ftable; /* open addressing by content hash: file index + 1 */
  uint32_t *itable; /* open addressing by unique id: file index + 1 (same capacity) */
  size_t fcap;
  uint32_t annot; /* the pseudo-word of "vtask::" annotations */
  /* the current unit */
  CXTranslationUnit tu;
  bool whole;        /* analyse everything: the unit's files could not all be read */
  struct mentions_file *ufiles; /* the unit's files, their summaries (indexes), parallel */
  uint32_t *usum;
  size_t nu, ucap;
  size_t last; /* summary_for's last answer */
};

static uint64_t word_hash(const char *s, size_t n) { return hash_bytes(s, n); }

static uint32_t intern(struct mentions *m, const char *s, size_t n) {
  if ((m->words.n + 1) * 2 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 4096;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t)
      abort();
    for (size_t i = 0; i < m->cap; i++)
      if (m->table[i]) {
        struct word *w = &m->words.v[m->table[i] - 1];
        size_t h = (size_t)word_hash(w->s, w->len) & (cap - 1);
        while (t[h])
          h = (h + 1) & (cap - 1);
        t[h] = m->table[i];
      }
    free(m->table);
    m->table = t;
    m->cap = cap;
  }
  size_t h = (size_t)word_hash(s, n) & (m->cap - 1);
  while (m->table[h]) {
    struct word *w = &m->words.v[m->table[h] - 1];
    if (w->len == n && memcmp(w->s, s, n) == 0)
      return m->table[h] - 1;
    h = (h + 1) & (m->cap - 1);
  }
  struct word w;
  memset(&w, 0, sizeof w);
  w.s = arena_strndup(&m->arena, s, n);
  w.len = (uint32_t)n;
  vec_push(&m->arena, &m->words, w);
  m->table[h] = (uint32_t)m->words.n;
  return (uint32_t)m->words.n - 1;
}

/* find: the word spelled s, or -1 (a lookup that adds nothing: a function's identifiers). */
static int64_t find(const struct mentions *m, const char *s, size_t n) {
  if (!m->cap)
    return -1;
  size_t h = (size_t)word_hash(s, n) & (m->cap - 1);
  while (m->table[h]) {
    const struct word *w = &m->words.v[m->table[h] - 1];
    if (w->len == n && memcmp(w->s, s, n) == 0)
      return m->table[h] - 1;
    h = (h + 1) & (m->cap - 1);
  }
  return -1;
}

/* make_relevant: word id is relevant (a type word too when type); so, then, is every macro
 * whose body spells it, as a type word. */
static void make_relevant(struct mentions *m, uint32_t id, bool type) {
  uint8_t want = (uint8_t)(W_RELEVANT | (type ? W_TYPE : 0));
  if ((m->words.v[id].flags & want) == want)
    return;
  m->work.n = 0;
  vec_push(&m->arena, &m->work, id);
  while (m->work.n) {
    uint32_t w = m->work.v[--m->work.n];
    struct word *wd = &m->words.v[w];
    if ((wd->flags & want) != want) {
      if ((want & W_TYPE) && !(wd->flags & W_TYPE))
        m->type_gen++;
      wd->flags |= want;
      vec_push(&m->arena, &m->log, w);
      for (size_t i = 0; i < wd->users.n; i++)
        vec_push(&m->arena, &m->work, wd->users.v[i]);
    }
    want = W_RELEVANT | W_TYPE; /* the users are macros */
  }
}

static uint32_t add_word(struct mentions *m, const char *s, size_t n, bool type) {
  uint32_t id = intern(m, s, n);
  make_relevant(m, id, type);
  return id;
}

static void model_word(void *self, const char *w, size_t n, bool type) {
  struct mentions *m = self;
  uint32_t id = intern(m, w, n);
  if (!(m->words.v[id].flags & W_RELEVANT))
    vec_push(&m->arena, &m->model, id); /* first seen: the model's */
  make_relevant(m, id, type);
}

/* ---- building a file's summary ---- */

struct build {
  struct mentions *m;
  VEC(uint32_t) ids, incl, body;
  int64_t define;   /* the macro being defined (its word), or -1 */
  int64_t last;     /* the body's last identifier, or -1 */
  bool paste_next;  /* the next identifier is pasted to what precedes it */
  bool pastes, annot;
};

/* piece_of_model_word: an identifier pasted (##) in a macro's body could make one of the
 * model's words: "vtask_" ## op. A piece shorter than 3 (a parameter, most often) is not
 * looked at: the blind spot of this test is a name pasted from macro arguments alone. */
static bool piece_of_model_word(const struct mentions *m, uint32_t id) {
  const struct word *p = &m->words.v[id];
  if (p->len < 3)
    return false;
  for (size_t i = 0; i < m->model.n; i++) {
    const struct word *w = &m->words.v[m->model.v[i]];
    for (size_t at = 0; w->len >= p->len && at <= w->len - p->len; at++)
      if (memcmp(w->s + at, p->s, p->len) == 0)
        return true;
  }
  return false;
}

static void end_define(struct build *b) {
  struct mentions *m = b->m;
  uint32_t name = (uint32_t)b->define;
  bool relevant = b->pastes || b->annot;
  for (size_t i = 0; i < b->body.n; i++) {
    struct word *w = &m->words.v[b->body.v[i]];
    vec_push(&m->arena, &w->users, name);
    relevant = relevant || (w->flags & W_RELEVANT);
  }
  if (relevant)
    make_relevant(m, name, true);
  b->body.n = 0;
  b->define = b->last = -1;
  b->pastes = b->annot = b->paste_next = false;
  m->stamp++;
}

static void build_tok(void *self, enum tok k, size_t off, const char *p, size_t len) {
  struct build *b = self;
  struct mentions *m = b->m;
  switch (k) {
  case TK_DEFINE:
    b->define = intern(m, p, len);
    b->last = -1;
    b->paste_next = false;
    m->stamp++;
    return;
  case TK_DEFINE_END:
    if (b->define >= 0)
      end_define(b);
    return;
  case TK_PASTE:
    if (b->last >= 0 && piece_of_model_word(m, (uint32_t)b->last))
      b->pastes = true;
    b->paste_next = true;
    return;
  case TK_INCLUDE:
    vec_push(&m->arena, &b->incl, (uint32_t)off);
    return;
  case TK_ANNOT:
  case TK_IDENT: {
    uint32_t id = k == TK_ANNOT ? m->annot : intern(m, p, len);
    if (b->define >= 0) {
      if (k == TK_IDENT) {
        if (b->paste_next && piece_of_model_word(m, id))
          b->pastes = true;
        b->paste_next = false;
        b->last = id;
      }
      if (k == TK_ANNOT)
        b->annot = true;
      else if (m->words.v[id].stamp != m->stamp) {
        m->words.v[id].stamp = m->stamp;
        vec_push(&m->arena, &b->body, id);
      }
    } else if (m->words.v[id].stamp != UINT32_MAX) {
      m->words.v[id].stamp = UINT32_MAX; /* in this file's list (reset after the build) */
      vec_push(&m->arena, &b->ids, id);
    }
    return;
  }
  }
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static uint32_t build_summary(struct mentions *m, const char *text, size_t len, uint64_t hash) {
  struct build b;
  memset(&b, 0, sizeof b);
  b.m = m;
  b.define = b.last = -1;
  m->stamp++;
  lex(text, 0, len, build_tok, &b);
  if (b.define >= 0)
    end_define(&b);
  for (size_t i = 0; i < b.ids.n; i++)
    m->words.v[b.ids.v[i]].stamp = 0;
  if (b.ids.n)
    qsort(b.ids.v, b.ids.n, sizeof *b.ids.v, cmp_u32);
  struct summary s;
  memset(&s, 0, sizeof s);
  s.hash = hash;
  s.len = len;
  s.ids = b.ids.v;
  s.nids = b.ids.n;
  s.incl = b.incl.v;
  s.nincl = b.incl.n;
  vec_push(&m->arena, &m->files, s);
  return (uint32_t)m->files.n - 1;
}

static bool has_id(const struct summary *s, uint32_t id) {
  size_t lo = 0, hi = s->nids;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->ids[mid] == id)
      return true;
    if (s->ids[mid] < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

/* bring_up: s's standing against the words made relevant since it was last looked at. */
static void bring_up(struct mentions *m, struct summary *s) {
  for (; s->seen < m->log.n; s->seen++) {
    uint32_t w = m->log.v[s->seen];
    if ((!s->relevant || !s->typed) && has_id(s, w)) {
      s->relevant = true;
      s->typed = s->typed || (m->words.v[w].flags & W_TYPE);
    }
  }
}

static uint64_t uid_hash(const uint64_t *u) {
  uint64_t h = u[0] * 0x9E3779B97F4A7C15ull ^ u[1] * 0xC2B2AE3D27D4EB4Full ^ u[2];
  return h ^ (h >> 29);
}

static void grow_tables(struct mentions *m) {
  size_t cap = m->fcap ? m->fcap * 2 : 1024;
  uint32_t *t = calloc(cap, sizeof *t), *u = calloc(cap, sizeof *u);
  if (!t || !u)
    abort();
  for (size_t i = 0; i < m->files.n; i++) {
    const struct summary *s = &m->files.v[i];
    size_t k = (size_t)s->hash & (cap - 1);
    while (t[k])
      k = (k + 1) & (cap - 1);
    t[k] = (uint32_t)i + 1;
    if (s->has_uid) {
      k = (size_t)uid_hash(s->uid) & (cap - 1);
      while (u[k])
        k = (k + 1) & (cap - 1);
      u[k] = (uint32_t)i + 1;
    }
  }
  free(m->ftable);
  free(m->itable);
  m->ftable = t;
  m->itable = u;
  m->fcap = cap;
}

/* summary_of: the summary of a file with this text, built the first time it is seen. */
static uint32_t summary_of(struct mentions *m, const char *text, size_t len) {
  uint64_t h = hash_bytes(text, len);
  if ((m->files.n + 1) * 2 > m->fcap)
    grow_tables(m);
  size_t k = (size_t)h & (m->fcap - 1);
  while (m->ftable[k]) {
    const struct summary *s = &m->files.v[m->ftable[k] - 1];
    if (s->hash == h && s->len == len)
      return m->ftable[k] - 1;
    k = (k + 1) & (m->fcap - 1);
  }
  uint32_t id = build_summary(m, text, len, h);
  m->ftable[k] = id + 1;
  return id;
}

/* summary_by_uid: the summary of the file read from the file with unique id u, or -1. The
 * file's text is not asked for: clang_getFileContents looks the file up among every entry of
 * the unit's source manager, macro expansions included (on lua, 20k instructions a call). */
static int64_t summary_by_uid(const struct mentions *m, const uint64_t *u) {
  if (!m->fcap)
    return -1;
  size_t k = (size_t)uid_hash(u) & (m->fcap - 1);
  for (; m->itable[k]; k = (k + 1) & (m->fcap - 1)) {
    const struct summary *s = &m->files.v[m->itable[k] - 1];
    if (s->has_uid && memcmp(s->uid, u, sizeof s->uid) == 0)
      return m->itable[k] - 1;
  }
  return -1;
}

static void set_uid(struct mentions *m, uint32_t id, const uint64_t *u) {
  struct summary *s = &m->files.v[id];
  if (s->has_uid)
    return;
  if ((m->files.n + 1) * 2 > m->fcap)
    grow_tables(m);
  memcpy(s->uid, u, sizeof s->uid);
  s->has_uid = true;
  size_t k = (size_t)uid_hash(u) & (m->fcap - 1);
  while (m->itable[k])
    k = (k + 1) & (m->fcap - 1);
  m->itable[k] = id + 1;
}

/* ---- occurrences of type words, for the declaration walk ---- */

struct occ_scan {
  struct mentions *m;
  VEC(uint32_t) occ;
  int in_define;
};

static void occ_tok(void *self, enum tok k, size_t off, const char *p, size_t len) {
  struct occ_scan *o = self;
  if (k == TK_DEFINE)
    o->in_define = 1;
  else if (k == TK_DEFINE_END)
    o->in_define = 0;
  if (o->in_define || (k != TK_IDENT && k != TK_ANNOT))
    return;
  int64_t id = k == TK_ANNOT ? (int64_t)o->m->annot : find(o->m, p, len);
  if (id >= 0 && (o->m->words.v[id].flags & W_TYPE))
    vec_push(&o->m->arena, &o->occ, (uint32_t)off);
}

/* spells_type_word: a type word is spelled in [b, e) of summary s (text is its file's). */
/* occurrences: s's occurrences of the type words as they are now. */
static void occurrences(struct mentions *m, struct summary *s, const char *text) {
  if (s->occ_gen == m->type_gen + 1)
    return;
  struct occ_scan o;
  memset(&o, 0, sizeof o);
  o.m = m;
  lex(text, 0, s->len, occ_tok, &o);
  s->occ = o.occ.v;
  s->nocc = o.occ.n;
  s->occ_gen = m->type_gen + 1;
  s->resolved = ARENA_ARRAY(&m->arena, bool, s->nocc + 1);
  s->nresolved = 0;
}

/* spells_type_word: [b, e) of s spells a type word; those occurrences are resolved (a
 * declaration holding them was met). */
static bool spells_type_word(struct mentions *m, struct summary *s, const char *text, size_t b, size_t e) {
  occurrences(m, s, text);
  size_t lo = 0, hi = s->nocc; /* the first occurrence at or after b */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->occ[mid] < b)
      lo = mid + 1;
    else
      hi = mid;
  }
  bool any = false;
  for (size_t i = lo; i < s->nocc && s->occ[i] < e; i++) {
    any = true;
    if (!s->resolved[i])
      s->resolved[i] = true, s->nresolved++;
  }
  return any;
}

/* ---- the unit ---- */

/* summary_for: file f's summary, and its text in *text; NULL if f is none of the unit's. */
static struct summary *summary_for(struct mentions *m, CXFile f, const char **text) {
  size_t k = m->nu;
  if (m->last < m->nu && m->ufiles[m->last].file == f)
    k = m->last;
  for (size_t i = 0; k == m->nu && i < m->nu; i++)
    if (m->ufiles[i].file == f)
      k = i;
  for (size_t i = 0; k == m->nu && i < m->nu; i++) /* another handle on one of them */
    if (clang_File_isEqual(m->ufiles[i].file, f))
      k = i;
  if (k == m->nu)
    return NULL;
  m->last = k;
  struct mentions_file *uf = &m->ufiles[k];
  if (!uf->text) {
    uf->text = clang_getFileContents(m->tu, uf->file, &uf->len);
    if (uf->text && uf->len != m->files.v[m->usum[k]].len)
      uf->text = NULL; /* not the text it was summarised from */
  }
  *text = uf->text;
  return uf->text ? &m->files.v[m->usum[k]] : NULL;
}

/* extent: c's file and the offsets [*b, *e) of its text there; NULL when it ends elsewhere. */
static CXFile extent(CXCursor c, unsigned *b, unsigned *e) {
  CXSourceRange r = clang_getCursorExtent(c);
  CXFile f = NULL, g = NULL;
  clang_getFileLocation(clang_getRangeStart(r), &f, NULL, NULL, b);
  clang_getFileLocation(clang_getRangeEnd(r), &g, NULL, NULL, e);
  if (!f || !g || !(f == g || clang_File_isEqual(f, g)) || *e < *b)
    return NULL;
  return f;
}

/* A name of a declaration: an identifier, not "struct (unnamed at ...)". */
static void relevant_name(struct mentions *m, CXCursor c, bool type) {
  CXString s = clang_getCursorSpelling(c);
  const char *n = clang_getCString(s);
  size_t len = n ? strlen(n) : 0;
  bool ident = len > 0 && ident_start((unsigned char)n[0]);
  for (size_t i = 0; ident && i < len; i++)
    ident = ident_char((unsigned char)n[i]);
  if (ident)
    add_word(m, n, len, type);
  clang_disposeString(s);
}

struct walk {
  struct mentions *m;
};

static enum CXChildVisitResult walk_decl(CXCursor c, CXCursor parent, CXClientData data);

static bool spells_here(struct mentions *m, CXCursor c) {
  /* The file first, by the cursor's location alone: most declarations are in files that
   * spell no type word, and an extent costs three look-ups more. */
  CXFile f = NULL;
  clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
  const char *text = NULL;
  struct summary *s = f ? summary_for(m, f, &text) : NULL;
  if (!s)
    return false;
  bring_up(m, s); /* a typedef met earlier in the walk may be spelled here */
  if (!s->typed)
    return false;
  unsigned b = 0, e = 0;
  CXFile g = extent(c, &b, &e);
  size_t len = s->len;
  if (!g || !(g == f || clang_File_isEqual(g, f)) || e > len)
    return false;
  /* libclang's extent of a declaration leaves out attributes after its declarator (typedef
   * struct {...} job_t JOB_SINGLE_USE;) and may leave out those before it: widened to the
   * punctuation that ends the one before and ends this one. */
  while (b > 0 && !strchr(";{}", text[b - 1]))
    b--;
  while (e < len && !strchr(";{}", text[e]))
    e++;
  return spells_type_word(m, s, text, b, e < len ? e + 1 : len);
}

static enum CXChildVisitResult walk_decl(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct mentions *m = data;
  enum CXCursorKind k = clang_getCursorKind(c);
  switch (k) {
  case CXCursor_FunctionDecl:
  case CXCursor_VarDecl:
  case CXCursor_FieldDecl:
    if (spells_here(m, c))
      relevant_name(m, c, false);
    break;
  case CXCursor_TypedefDecl:
    if (spells_here(m, c))
      relevant_name(m, c, true);
    break;
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
    if (spells_here(m, c)) {
      relevant_name(m, c, true);
      clang_visitChildren(c, walk_decl, m); /* its fields, its nested records */
    }
    break;
  default:
    break;
  }
  return CXChildVisit_Continue;
}

struct mentions *mentions_new(void) {
  struct mentions *m = calloc(1, sizeof *m);
  if (!m)
    return NULL;
  arena_init(&m->arena);
  m->annot = intern(m, "\"vtask::", 8);
  make_relevant(m, m->annot, true);
  return m;
}

void mentions_free(struct mentions *m) {
  if (!m)
    return;
  free(m->table);
  free(m->ftable);
  free(m->ufiles);
  free(m->usum);
  free(m->itable);
  arena_release(&m->arena);
  free(m);
}

/* command_macro: -DNAME=BODY (or -D NAME=BODY) read as #define NAME BODY. */
static void command_macro(struct mentions *m, const char *d) {
  struct strbuf t = STRBUF_INIT;
  size_t name = strcspn(d, "=");
  sb_adds(&t, "#define ");
  sb_add(&t, d, name);
  if (d[name] == '=') {
    sb_addc(&t, ' ');
    sb_adds(&t, d + name + 1);
  }
  sb_addc(&t, '\n');
  summary_of(m, t.buf, t.len);
  sb_release(&t);
}

void mentions_unit(struct mentions *m, CXTranslationUnit tu, const struct mentions_file *files, size_t n,
                   const char *const *args, int nargs, const struct model_settings *s) {
  m->tu = tu;
  m->whole = false;
  m->nu = 0;
  m->last = 0;
  model_words(s, model_word, m);
  for (int i = 0; i < nargs; i++) {
    const char *a = args[i];
    if (strcmp(a, "-include-pch") == 0 || strncmp(a, "-imacros", 8) == 0)
      m->whole = true; /* macros from a file libclang does not list, or cannot show */
    else if (strcmp(a, "-D") == 0 && i + 1 < nargs)
      command_macro(m, args[++i]);
    else if (strncmp(a, "-D", 2) == 0)
      command_macro(m, a + 2);
  }
  if (n > m->ucap) {
    free(m->ufiles);
    free(m->usum);
    m->ucap = n;
    m->ufiles = malloc(sizeof *m->ufiles * n);
    m->usum = malloc(sizeof *m->usum * n);
    if (!m->ufiles || !m->usum)
      abort();
  }
  for (size_t i = 0; i < n && !m->whole; i++) {
    struct mentions_file f = files[i];
    /* The main file by its text (an editor's buffer, or another unit's preamble then its own
     * body, is not the disk's); the others by libclang's unique id when already seen. */
    CXFileUniqueID uid;
    bool has_uid = !f.main && clang_getFileUniqueID(f.file, &uid) == 0;
    uint64_t u[3] = {0, 0, 0};
    if (has_uid) {
      u[0] = uid.data[0], u[1] = uid.data[1], u[2] = uid.data[2];
      u[2] ^= (uint64_t)clang_getFileTime(f.file) * 0x100000001B3ull;
    }
    int64_t id = has_uid ? summary_by_uid(m, u) : -1;
    if (id < 0) {
      if (!f.text)
        f.text = clang_getFileContents(tu, f.file, &f.len);
      if (!f.text) {
        m->whole = true; /* a file of a precompiled header: its macros unseen */
        break;
      }
      id = summary_of(m, f.text, f.len);
      if (has_uid)
        set_uid(m, (uint32_t)id, u);
    } else if (f.text && f.len != m->files.v[id].len) {
      id = summary_of(m, f.text, f.len); /* changed in place since: by its text after all */
    }
    m->ufiles[m->nu] = f;
    m->usum[m->nu++] = (uint32_t)id;
  }
  if (m->whole)
    return;
  /* The declarations that spell a type word, in the files that do; then every file's
   * standing against what they made relevant. */
  /* A walk is needed while a file of the unit spells a type word outside every declaration a
   * walk has met: in a file new to the worker, or one whose occurrence sat in code an earlier
   * unit's preprocessing left out (or inside no declaration at all). What a walk found stays
   * found: the words only grow. */
  bool walk = false;
  for (size_t i = 0; i < m->nu; i++) {
    struct summary *sm = &m->files.v[m->usum[i]];
    bring_up(m, sm);
    if (sm->typed && !walk) {
      const char *text = NULL;
      if (summary_for(m, m->ufiles[i].file, &text)) {
        occurrences(m, sm, text);
        walk = sm->nresolved < sm->nocc;

      } else {
        walk = true;
      }
    }
  }
  if (walk) {
    clang_visitChildren(clang_getTranslationUnitCursor(tu), walk_decl, m);
    for (size_t i = 0; i < m->nu; i++)
      bring_up(m, &m->files.v[m->usum[i]]);
  }
}

/* included_relevant: a file the unit read through an #include in [b, e) of f (or one that
 * file included, at any depth) spells a relevant word; *found counts the files f's [b, e)
 * included (libclang lists a file once, at its first inclusion: one included again, or not
 * at all, is found for no directive). */
static bool included_relevant(struct mentions *m, CXFile f, unsigned b, unsigned e, int depth, size_t *found) {
  if (depth > 64)
    return true;
  for (size_t i = 0; i < m->nu; i++) {
    const struct mentions_file *g = &m->ufiles[i];
    if (!g->includer || !(g->includer == f || clang_File_isEqual(g->includer, f)) || g->include_off < b ||
        g->include_off >= e)
      continue;
    struct summary *s = &m->files.v[m->usum[i]];
    bring_up(m, s);
    size_t inner = 0;
    ++*found;
    if (s->relevant || included_relevant(m, g->file, 0, UINT32_MAX, depth + 1, &inner) || inner < s->nincl)
      return true;
  }
  return false;
}

struct fn_scan {
  const struct mentions *m;
  bool hit;
};

static void fn_tok(void *self, enum tok k, size_t off, const char *p, size_t len) {
  (void)off;
  struct fn_scan *f = self;
  if (k == TK_ANNOT || k == TK_PASTE) { /* an annotation; a #define pasting tokens */
    f->hit = true;
    return;
  }
  if (k != TK_IDENT && k != TK_DEFINE)
    return;
  int64_t id = find(f->m, p, len);
  if (id >= 0 && (f->m->words.v[id].flags & W_RELEVANT))
    f->hit = true;
}

bool mentions_function(struct mentions *m, CXCursor fn) {
  if (!m || m->whole || !m->tu || clang_getCursorLanguage(fn) != CXLanguage_C)
    return true;
  unsigned b = 0, e = 0;
  CXFile f = extent(fn, &b, &e);
  if (!f)
    return true;
  const char *text = NULL;
  struct summary *s = summary_for(m, f, &text);
  if (!s || e > s->len)
    return true;
  size_t len = s->len;
  size_t directives = 0, found = 0;
  for (size_t i = 0; i < s->nincl; i++)
    directives += s->incl[i] >= b && s->incl[i] < e;
  if (directives && (included_relevant(m, f, b, e, 0, &found) || found < directives))
    return true; /* its text goes on in a file that spells one, or may */
  if (!s->relevant)
    return false;
  struct fn_scan sc = {m, false};
  size_t end = e + 1 < len ? e + 1 : len;
  lex(text, b, end, fn_tok, &sc);
  return sc.hit;
}
