/* mentions.c: see mentions.h. The index of words and files, then the per-unit steps: bring
 * the unit's files up to date, walk its declarations, answer for its functions. The lexing
 * is c_lex.c's. */
#include "analyzer/flow/mentions.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/flow/c_lex.h"
#include "analyzer/support/arena.h"
#include "analyzer/support/hash.h"
#include "analyzer/support/strbuf.h"

/* ---- the index ---- */

enum {
  W_RELEVANT = 1, /* code that spells it may hold a vtask */
  W_TYPE = 2,     /* a type's name (or a macro): declarations spelling it are looked at */
  W_PASTER = 4,   /* a macro that pastes (##) its arguments, or uses one that does */
};

struct word {
  const char *s;
  uint32_t len;
  uint8_t flags;
  bool pending;            /* a macro in mentions.pending */
  uint32_t stamp;          /* dedupes a word within one list being built */
  VEC(uint32_t) users;     /* the macros whose bodies spell it (their names' words) */
  VEC(uint32_t) pieces;    /* a macro's: what its bodies spell besides its parameters */
};

/* A function's answer, from a lexing of t[b, end) of a file (not the main one: a header's
 * inline functions, tested again in every unit that includes the header). A yes stays a yes
 * (words only gain flags); a no holds while no word has gained one (the log has not grown). */
struct fn_answer {
  uint32_t b, end; /* end 0: a free slot */
  uint32_t log_n;  /* the word log's length when it was found */
  bool hit;
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
  bool pragma;   /* an annotation in a #pragma or _Pragma (clang attribute push: it applies
                    to declarations that do not spell it) */
  size_t seen;   /* how much of the word log relevant/pasty account for */
  bool relevant; /* spells a relevant word (outside #define lines) */
  bool pasty;    /* spells a macro that pastes its arguments */
  uint32_t *occ; /* offsets of relevant words spelled outside #define lines */
  size_t nocc;
  size_t occ_seen; /* the word log's length when occ was made; SIZE_MAX: never */
  bool *resolved;  /* per occurrence: a walk met a declaration holding it */
  size_t nresolved;
  uint32_t *stops; /* where its text has a ; { } or NUL, ascending (stops_of), or NULL */
  size_t nstops;
  struct fn_answer *answers; /* functions of this text whose test lexed it (answer_of) */
  size_t nanswers, acap;
  uint64_t *quiet; /* the declarations a walk found no occurrence around (quiet_key), while
                      occ stays as it is: open addressing, 0 free */
  size_t nquiet, qcap;
  VEC(uint32_t) bodies; /* function bodies a walk met, [start, end) pairs in file order: no
                           name is declared there that a walk needs */
};

struct mentions {
  struct arena arena;
  VEC(struct word) words;
  uint32_t *table; /* open addressing: word index + 1 */
  size_t cap;
  VEC(uint32_t) log;     /* each word when it became relevant, a type word or a paster */
  VEC(uint32_t) work;    /* make_relevant's */
  VEC(uint32_t) pending; /* pasting macros not yet relevant: a new word may complete a piece */
  VEC(uint32_t) relevant; /* the relevant words */
  uint32_t stamp;
  VEC(struct summary) files;
  uint32_t *ftable; /* open addressing by content hash: file index + 1 */
  uint32_t *itable; /* open addressing by unique id: file index + 1 (same capacity) */
  size_t fcap;
  uint32_t annot; /* the pseudo-word of "vtask::" annotations */
  /* The tokens of the one summary built this unit for the main file, so that its occurrences
   * and its functions' tests need no second lexing: toks_of is that summary's index, or -1
   * (then the file is lexed again). */
  struct kept *toks;
  size_t ntoks, tcap;
  int64_t toks_of;
  /* the current unit */
  CXTranslationUnit tu;
  bool whole;        /* analyse everything: the unit's files could not all be read */
  struct mentions_file *ufiles; /* the unit's files, their summaries (indexes), parallel */
  uint32_t *usum;
  size_t nu, ucap;
  size_t last;       /* summary_for's last answer */
  bool frozen;       /* during a walk's pass: occurrences are not remade */
};

/* A token of the main file as its summary's build met it (mentions.toks), in file order. */
enum kept_where {
  KEPT_CODE,   /* an identifier or an annotation outside #define lines: an occurrence's place */
  KEPT_DEFINE, /* the name a #define defines */
  KEPT_BODY,   /* an identifier or an annotation on a #define line after its name */
  KEPT_PRAGMA, /* the identifier _Pragma (neither test looks at it; it only has an end) */
};

struct kept {
  uint32_t off, end; /* where it starts; where it ends, UINT32_MAX when not simply off + its
                        length (an identifier cut by a splice or an escape, a string) */
  uint32_t id;       /* its word (m->annot for a string that spells "vtask") */
  uint8_t where;     /* enum kept_where */
};

/* word_hash: identifiers are short, so no call to XXH3: eight bytes at a time, each eight
 * mixed by a multiply and a fold (so that their high bytes reach the low bits that pick a
 * slot), then the last few bytes by a multiply each. */
static uint64_t word_hash(const char *s, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 32;
  }
  for (; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
  return h ^ (h >> 29);
}

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

/* affix: piece p could be pasted onto something to make w (it begins or ends w; a piece of
 * one or two characters, "L" of INT64_C's c ## L, is not looked at). */
static bool affix(const struct word *p, const struct word *w) {
  if (p->len < 3 || p->len > w->len)
    return false;
  const char *tail = w->s + w->len - p->len;
  /* the first bytes first: most pairs differ there, and a call to memcmp costs more */
  return (w->s[0] == p->s[0] && memcmp(w->s, p->s, p->len) == 0) ||
         (tail[0] == p->s[0] && memcmp(tail, p->s, p->len) == 0);
}

static void mark(struct mentions *m, uint32_t id, uint8_t flags);

/* completes: one of pasting macro id's pieces is an affix of relevant word w. */
static bool completes(const struct mentions *m, uint32_t id, const struct word *w) {
  const struct word *d = &m->words.v[id];
  for (size_t i = 0; i < d->pieces.n; i++)
    if (affix(&m->words.v[d->pieces.v[i]], w))
      return true;
  return false;
}

/* mark: word id gains flags; what follows from it follows: the macros whose bodies spell a
 * relevant word are relevant (and type words: they may expand to a type), those whose
 * bodies use a paster are pasters, a pending paster one of whose pieces the new word
 * completes is relevant. */
static void mark(struct mentions *m, uint32_t id, uint8_t flags) {
  struct word *first = &m->words.v[id];
  if ((first->flags & flags) == flags)
    return;
  size_t base = m->work.n;
  vec_push(&m->arena, &m->work, id);
  vec_push(&m->arena, &m->work, flags);
  while (m->work.n > base) {
    uint8_t want = (uint8_t)m->work.v[--m->work.n];
    uint32_t w = m->work.v[--m->work.n];
    struct word *wd = &m->words.v[w];
    if ((wd->flags & want) == want)
      continue;
    bool new_relevant = (want & W_RELEVANT) && !(wd->flags & W_RELEVANT);
    bool new_paster = (want & W_PASTER) && !(wd->flags & W_PASTER);
    wd->flags |= want;
    vec_push(&m->arena, &m->log, w);
    if (new_relevant)
      vec_push(&m->arena, &m->relevant, w);
    uint8_t to_users = (uint8_t)((new_relevant || (want & W_TYPE) ? W_RELEVANT | W_TYPE : 0) | (new_paster ? W_PASTER : 0));
    for (size_t i = 0; to_users && i < wd->users.n; i++) {
      vec_push(&m->arena, &m->work, wd->users.v[i]);
      vec_push(&m->arena, &m->work, to_users);
    }
    if (new_paster && !(wd->flags & W_RELEVANT) && !wd->pending) {
      wd->pending = true;
      vec_push(&m->arena, &m->pending, w);
    }
    if (new_relevant) /* a piece it completes */
      for (size_t i = 0; i < m->pending.n; i++) {
        uint32_t p = m->pending.v[i];
        if (!(m->words.v[p].flags & W_RELEVANT) && completes(m, p, &m->words.v[w])) {
          vec_push(&m->arena, &m->work, p);
          vec_push(&m->arena, &m->work, W_RELEVANT | W_TYPE);
        }
      }
  }
}

static void make_relevant(struct mentions *m, uint32_t id, bool type) {
  mark(m, id, (uint8_t)(W_RELEVANT | (type ? W_TYPE : 0)));
}

static void add_word(struct mentions *m, const char *s, size_t n, bool type) { make_relevant(m, intern(m, s, n), type); }

static void model_word(void *self, const char *w, size_t n, bool type) { add_word(self, w, n, type); }

/* ---- building a file's summary ---- */

struct build {
  struct mentions *m;
  const char *text;
  VEC(uint32_t) ids, incl, body;
  int64_t define;        /* the macro being defined (its word), or -1 */
  size_t params_end;     /* a function-like macro's: where its parameter list ends */
  VEC(uint32_t) params;  /* its parameters */
  int64_t last;          /* the body's last identifier, or -1 */
  bool last_param;
  bool paste_next;       /* the next identifier is pasted to the last */
  bool pastes_param;     /* a parameter is pasted */
  bool annot;
  bool pragma_line, pragma_op; /* in a #pragma line; just after _Pragma */
  bool pragma;           /* an annotation in either */
  bool keep;             /* record the tokens in m->toks */
};

/* keep_tok: the token at off, spelled p (len bytes), goes to m->toks. */
static void keep_tok(struct build *b, size_t off, const char *p, size_t len, uint32_t id, enum kept_where where) {
  struct mentions *m = b->m;
  if (m->ntoks == m->tcap) {
    size_t cap = m->tcap ? 2 * m->tcap : 4096;
    struct kept *t = realloc(m->toks, sizeof *t * cap);
    if (!t)
      abort();
    m->toks = t;
    m->tcap = cap;
  }
  bool plain = p == b->text + off; /* spelled as written: it ends len bytes on */
  m->toks[m->ntoks++] = (struct kept){(uint32_t)off, plain ? (uint32_t)(off + len) : UINT32_MAX, id, (uint8_t)where};
}

static bool is_param(const struct build *b, uint32_t id) {
  for (size_t i = 0; i < b->params.n; i++)
    if (b->params.v[i] == id)
      return true;
  return false;
}

static void end_define(struct build *b) {
  struct mentions *m = b->m;
  uint32_t name = (uint32_t)b->define;
  uint8_t flags = b->annot ? W_RELEVANT | W_TYPE : 0;
  if (b->pastes_param)
    flags |= W_PASTER;
  for (size_t i = 0; i < b->body.n; i++) {
    struct word *w = &m->words.v[b->body.v[i]];
    vec_push(&m->arena, &w->users, name);
    if (w->flags & W_RELEVANT)
      flags |= W_RELEVANT | W_TYPE;
    if (w->flags & W_PASTER)
      flags |= W_PASTER;
    if (!is_param(b, b->body.v[i]))
      vec_push(&m->arena, &m->words.v[name].pieces, b->body.v[i]);
  }
  mark(m, name, flags);
  /* a pasting macro whose own text completes a relevant word: "sio_" ## op */
  struct word *d = &m->words.v[name];
  if ((d->flags & W_PASTER) && !(d->flags & W_RELEVANT))
    for (size_t i = 0; i < m->relevant.n && !(m->words.v[name].flags & W_RELEVANT); i++)
      if (completes(m, name, &m->words.v[m->relevant.v[i]]))
        make_relevant(m, name, true);
  b->body.n = b->params.n = 0;
  b->define = b->last = -1;
  b->annot = b->paste_next = b->pastes_param = false;
  m->stamp++;
}

static void build_tok(void *self, enum c_tok k, size_t off, const char *p, size_t len) {
  struct build *b = self;
  struct mentions *m = b->m;
  switch (k) {
  case CT_DEFINE:
    b->define = intern(m, p, len);
    if (b->keep)
      keep_tok(b, off, p, len, (uint32_t)b->define, KEPT_DEFINE);
    b->last = -1;
    b->paste_next = b->pastes_param = false;
    /* function-like: a ( right after the name; its parameters end at the first ) */
    b->params_end = 0;
    if (b->text[off + len] == '(') {
      const char *close = strchr(b->text + off + len, ')');
      b->params_end = close ? (size_t)(close - b->text) : off + len;
    }
    m->stamp++;
    return;
  case CT_DEFINE_END:
    if (b->define >= 0)
      end_define(b);
    return;
  case CT_PASTE:
    if (b->define >= 0 && (b->last < 0 || b->last_param))
      b->pastes_param = true; /* a parameter (or nothing, ill-formed) before the ## */
    b->paste_next = true;
    return;
  case CT_INCLUDE:
    vec_push(&m->arena, &b->incl, (uint32_t)off);
    return;
  case CT_PRAGMA:
    if (p && b->keep)
      keep_tok(b, off, p, len, UINT32_MAX, KEPT_PRAGMA);
    if (p) /* _Pragma */
      b->pragma_op = true;
    else
      b->pragma_line = true;
    return;
  case CT_LINE_END:
    b->pragma_line = false;
    return;
  case CT_ANNOT:
  case CT_IDENT: {
    if (k == CT_ANNOT && (b->pragma_line || b->pragma_op))
      b->pragma = true;
    if (k == CT_IDENT)
      b->pragma_op = false;
    uint32_t id = k == CT_ANNOT ? m->annot : intern(m, p, len);
    if (b->keep)
      keep_tok(b, off, p, len, id, b->define >= 0 ? KEPT_BODY : KEPT_CODE);
    if (b->define >= 0) {
      if (k == CT_IDENT && b->params_end && off < b->params_end) {
        vec_push(&m->arena, &b->params, id); /* a parameter, not the body */
        return;
      }
      if (k == CT_IDENT) {
        bool param = is_param(b, id);
        if (b->paste_next && param)
          b->pastes_param = true;
        b->paste_next = false;
        b->last = id;
        b->last_param = param;
      }
      if (k == CT_ANNOT)
        b->annot = true;
      else if (m->words.v[id].stamp != m->stamp) {
        m->words.v[id].stamp = m->stamp;
        vec_push(&m->arena, &b->body, id);
      }
    } else {
      if (m->words.v[id].stamp != UINT32_MAX) {
        m->words.v[id].stamp = UINT32_MAX; /* in this file's list (reset after the build) */
        vec_push(&m->arena, &b->ids, id);
      }
    }
    return;
  }
  }
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static uint32_t build_summary(struct mentions *m, const char *text, size_t len, uint64_t hash, bool keep) {
  struct build b;
  memset(&b, 0, sizeof b);
  b.m = m;
  b.keep = keep;
  if (keep)
    m->ntoks = 0;
  b.text = text;
  b.define = b.last = -1;
  m->stamp++;
  c_lex(text, 0, len, build_tok, &b);
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
  s.pragma = b.pragma;
  s.occ_seen = SIZE_MAX;
  vec_push(&m->arena, &m->files, s);
  if (keep)
    m->toks_of = (int64_t)m->files.n - 1;
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

/* bring_up: s's standing against the words marked since it was last looked at. */
static void bring_up(struct mentions *m, struct summary *s) {
  for (; s->seen < m->log.n; s->seen++) {
    uint32_t w = m->log.v[s->seen];
    uint8_t f = m->words.v[w].flags;
    if (((f & W_RELEVANT) && !s->relevant) || ((f & W_PASTER) && !s->pasty))
      if (has_id(s, w)) {
        s->relevant = s->relevant || (f & W_RELEVANT);
        s->pasty = s->pasty || (f & W_PASTER);
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

/* summary_of: the summary of a file with this text, built the first time it is seen (and then,
 * with keep, its tokens kept for its occurrences). */
static uint32_t summary_of(struct mentions *m, const char *text, size_t len, bool keep) {
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
  uint32_t id = build_summary(m, text, len, h, keep);
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


/* ---- occurrences of relevant words, for the declaration walk ---- */

struct occ_scan {
  struct mentions *m;
  VEC(uint32_t) occ;
  bool in_define;
};

static void occ_tok(void *self, enum c_tok k, size_t off, const char *p, size_t len) {
  struct occ_scan *o = self;
  if (k == CT_DEFINE)
    o->in_define = true;
  else if (k == CT_DEFINE_END)
    o->in_define = false;
  if (o->in_define || (k != CT_IDENT && k != CT_ANNOT))
    return;
  int64_t id = k == CT_ANNOT ? (int64_t)o->m->annot : find(o->m, p, len);
  if (id >= 0 && (o->m->words.v[id].flags & W_RELEVANT))
    vec_push(&o->m->arena, &o->occ, (uint32_t)off);
}

/* occurrences: s's occurrences of the relevant words as they are now (as they were when the
 * walk's pass began, during one: a pass does not lex a file again for each name it finds). */
/* in_body: offset off lies in a function body a walk met in s. */
static bool in_body(const struct summary *s, uint32_t off) {
  size_t lo = 0, hi = s->bodies.n / 2;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->bodies.v[2 * mid + 1] <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < s->bodies.n / 2 && s->bodies.v[2 * lo] <= off;
}

static void add_body(struct mentions *m, struct summary *s, uint32_t b, uint32_t e) {
  size_t n = s->bodies.n / 2, lo = 0, hi = n;
  while (lo < hi) { /* the first body ending after b */
    size_t mid = (lo + hi) / 2;
    if (s->bodies.v[2 * mid + 1] <= b)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < n && s->bodies.v[2 * lo] < e)
    return; /* known, or overlapping one known */
  vec_push(&m->arena, &s->bodies, 0);
  vec_push(&m->arena, &s->bodies, 0);
  memmove(s->bodies.v + 2 * lo + 2, s->bodies.v + 2 * lo, sizeof *s->bodies.v * 2 * (n - lo));
  s->bodies.v[2 * lo] = b;
  s->bodies.v[2 * lo + 1] = e;
}

static void occurrences(struct mentions *m, struct summary *s, const char *text) {
  if (s->occ_seen == m->log.n || (m->frozen && s->occ_seen != SIZE_MAX))
    return;
  if (s->occ_seen != SIZE_MAX) { /* lexed again only if it spells a word made relevant since */
    bool changed = false;
    for (size_t i = s->occ_seen; i < m->log.n && !changed; i++)
      changed = (m->words.v[m->log.v[i]].flags & W_RELEVANT) && has_id(s, m->log.v[i]);
    if (!changed) {
      s->occ_seen = m->log.n;
      return;
    }
  }
  struct occ_scan o;
  memset(&o, 0, sizeof o);
  o.m = m;
  if (m->toks_of >= 0 && &m->files.v[m->toks_of] == s) {
    /* the tokens occ_tok would be given, kept from the summary's build this unit */
    for (size_t i = 0; i < m->ntoks; i++)
      if (m->toks[i].where == KEPT_CODE && (m->words.v[m->toks[i].id].flags & W_RELEVANT))
        vec_push(&m->arena, &o.occ, m->toks[i].off);
  } else {
    c_lex(text, 0, s->len, occ_tok, &o);
  }
  /* what was resolved stays so (occurrences only grow: the words do) */
  bool *res = ARENA_ARRAY(&m->arena, bool, o.occ.n + 1);
  size_t nres = 0;
  for (size_t i = 0, k = 0; i < o.occ.n; i++) {
    while (k < s->nocc && s->occ[k] < o.occ.v[i])
      k++;
    res[i] = (k < s->nocc && s->occ[k] == o.occ.v[i] && s->resolved[k]) || in_body(s, o.occ.v[i]);
    nres += res[i];
  }
  s->occ = o.occ.v;
  s->nocc = o.occ.n;
  s->nquiet = 0; /* told against the old occurrences */
  if (s->qcap)
    memset(s->quiet, 0, sizeof *s->quiet * s->qcap);
  s->resolved = res;
  s->nresolved = nres;
  s->occ_seen = m->log.n;
}

/* lower_bound: the index of the first of v[0, n) (ascending) at or after x; n when none is. */
static size_t lower_bound(const uint32_t *v, size_t n, size_t x) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* first_occ: the index of s's first occurrence at or after b. */
static size_t first_occ(const struct summary *s, size_t b) { return lower_bound(s->occ, s->nocc, b); }

/* ---- the unit ---- */

/* unit_index: the index of file f among the unit's files, or m->nu if it is none of them. */
static size_t unit_index(struct mentions *m, CXFile f) {
  size_t k = m->nu;
  if (m->last < m->nu && m->ufiles[m->last].file == f)
    k = m->last;
  for (size_t i = 0; k == m->nu && i < m->nu; i++)
    if (m->ufiles[i].file == f)
      k = i;
  for (size_t i = 0; k == m->nu && i < m->nu; i++) /* another handle on one of them */
    if (clang_File_isEqual(m->ufiles[i].file, f))
      k = i;
  if (k < m->nu)
    m->last = k;
  return k;
}

/* unit_text: the text of the unit's file k, or NULL (asked for only when needed:
 * clang_getFileContents looks the file up among every entry of the unit's source manager). */
static const char *unit_text(struct mentions *m, size_t k) {
  struct mentions_file *uf = &m->ufiles[k];
  if (!uf->text) {
    uf->text = clang_getFileContents(m->tu, uf->file, &uf->len);
    if (uf->text && uf->len != m->files.v[m->usum[k]].len)
      uf->text = NULL; /* not the text it was summarised from */
  }
  return uf->text;
}

/* summary_for: file f's summary, and its text in *text; NULL if f is none of the unit's. */
static struct summary *summary_for(struct mentions *m, CXFile f, const char **text) {
  size_t k = unit_index(m, f);
  if (k == m->nu)
    return NULL;
  *text = unit_text(m, k);
  return *text ? &m->files.v[m->usum[k]] : NULL;
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

static bool is_ident(const char *n, size_t len) {
  if (!len || !c_ident_start((unsigned char)n[0]))
    return false;
  for (size_t i = 1; i < len; i++)
    if (!c_ident_char((unsigned char)n[i]))
      return false;
  return true;
}

/* spelled_in: name n appears as written in t[b, e) (not made by a macro: then what a walk found
 * there holds for every unit that reads the same text). */
static bool spelled_in(const char *t, size_t b, size_t e, const char *n, size_t len) {
  for (size_t i = b; i + len <= e; i++)
    if (memcmp(t + i, n, len) == 0 && (i == b || !c_ident_char((unsigned char)t[i - 1])) && (i + len == e || !c_ident_char((unsigned char)t[i + len])))
      return true;
  return false;
}

/* stops: c ends the text around a declaration (as strchr(";{}", c) says: a NUL too). */
static bool stops(char c) { return c == ';' || c == '{' || c == '}' || c == '\0'; }

/* stops_of: s's stops, found once per file (its summary lives as long as the worker) for
 * the walks of every unit that reads it: a declaration after a long comment was widened a
 * byte at a time, in every walk. */
static void stops_of(struct mentions *m, struct summary *s, const char *text) {
  if (s->stops || !s->len)
    return;
  VEC(uint32_t) v = {0};
  for (size_t i = 0; i < s->len; i++)
    if (stops(text[i]))
      vec_push(&m->arena, &v, (uint32_t)i);
  vec_push(&m->arena, &v, UINT32_MAX); /* so that a file without a stop has the array */
  s->stops = v.v;
  s->nstops = v.n - 1;
}

/* first_stop: the index of s's first stop at or after off (s->nstops when none is). */
static size_t first_stop(const struct summary *s, size_t off) { return lower_bound(s->stops, s->nstops, off); }

/* The declarations with no occurrence in their widened text, by where their name is (the
 * offset in the file) and their kind. A declaration's text around its name is the file's own,
 * so another unit's declaration of that kind at that place has that text too (a walk visits
 * every declaration of the unit in every pass: each of these cost its extent, the widening
 * and a search of the occurrences again). */
static uint64_t quiet_key(unsigned off, enum CXCursorKind k) { return ((uint64_t)off << 16 | (uint64_t)(k & 0xFFFF)) + 1; }

static bool is_quiet(const struct summary *s, uint64_t key) {
  if (!s->qcap)
    return false;
  for (size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (s->qcap - 1); s->quiet[i]; i = (i + 1) & (s->qcap - 1))
    if (s->quiet[i] == key)
      return true;
  return false;
}

static void set_quiet(struct mentions *m, struct summary *s, uint64_t key) {
  if (2 * (s->nquiet + 1) > s->qcap) {
    uint64_t *old = s->quiet;
    size_t oldcap = s->qcap;
    s->qcap = oldcap ? 2 * oldcap : 256;
    s->quiet = ARENA_ARRAY(&m->arena, uint64_t, s->qcap);
    memset(s->quiet, 0, sizeof *s->quiet * s->qcap);
    s->nquiet = 0;
    for (size_t i = 0; i < oldcap; i++)
      if (old[i])
        set_quiet(m, s, old[i]);
  }
  size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (s->qcap - 1);
  while (s->quiet[i] && s->quiet[i] != key)
    i = (i + 1) & (s->qcap - 1);
  if (!s->quiet[i])
    s->quiet[i] = key, s->nquiet++;
}

struct walk {
  struct mentions *m;
  bool added; /* a pass made a word relevant */
};

/* body_start: where definition c's body begins in its file, or e when it has none. */
static enum CXChildVisitResult find_body(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) == CXCursor_CompoundStmt) {
    *(CXCursor *)data = c;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Continue;
}

/* declared_here: the name c declares becomes relevant (a type word for a typedef or a tag)
 * when its text spells a relevant word: for a function definition its signature's, for the
 * rest its whole text, widened to the punctuation around it (libclang's extent leaves out
 * attributes after a declarator: typedef struct {...} job_t JOB_SINGLE_USE;). The occurrences
 * it holds, body included, are resolved unless a macro made its name. */
static bool declared_here(struct walk *wk, CXCursor c, bool type) {
  struct mentions *m = wk->m;
  CXFile f = NULL; /* the file first, by the location alone: most files spell no relevant word */
  unsigned at = 0;
  clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, &at);
  size_t fi = f ? unit_index(m, f) : m->nu;
  if (fi == m->nu)
    return false;
  struct summary *s = &m->files.v[m->usum[fi]];
  bring_up(m, s);
  if (!s->relevant)
    return false;
  uint64_t key = quiet_key(at, clang_getCursorKind(c));
  if (is_quiet(s, key))
    return false;
  const char *text = unit_text(m, fi); /* only now: most files spell no relevant word */
  if (!text)
    return false;
  unsigned b = 0, e = 0;
  CXFile g = extent(c, &b, &e);
  size_t len = s->len;
  if (!g || !(g == f || clang_File_isEqual(g, f)) || e > len)
    return false;
  occurrences(m, s, text);
  stops_of(m, s, text);
  size_t prev = first_stop(s, b); /* back to just after the last stop before b */
  b = prev > 0 ? s->stops[prev - 1] + 1 : 0;
  size_t sig_end = e; /* where the text that decides ends */
  bool func = clang_getCursorKind(c) == CXCursor_FunctionDecl;
  if (func && clang_isCursorDefinition(c)) {
    CXCursor body = clang_getNullCursor();
    clang_visitChildren(c, find_body, &body);
    unsigned bb = 0;
    CXFile bf = NULL;
    if (!clang_Cursor_isNull(body))
      clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(body)), &bf, NULL, NULL, &bb);
    if (bf && (bf == f || clang_File_isEqual(bf, f)) && bb >= b && bb <= e) {
      sig_end = bb;
      add_body(m, s, bb, e);
    }
  } else {
    size_t next = first_stop(s, e); /* on to just after the first stop at or after e */
    e = next < s->nstops ? s->stops[next] + 1 : (unsigned)len;
    sig_end = e;
  }
  size_t i = first_occ(s, b);
  bool spells = i < s->nocc && s->occ[i] < sig_end;
  if (spells && !func) {
    /* A record's fields are declarations of their own (walked after it): what only a field
     * spells makes the field relevant, not the struct, nor the typedef or variable declared
     * with the struct's body (struct server { pthread_t tid; ... } server: `server.port` holds
     * no vtask; `server.tid` spells tid). */
    size_t open = sig_end, close = 0, st = first_stop(s, b); /* braces are stops */
    while (st < s->nstops && s->stops[st] < sig_end && text[s->stops[st]] != '{')
      st++;
    if (st < s->nstops && s->stops[st] < sig_end) {
      open = s->stops[st];
      int depth = 0;
      for (; st < s->nstops && s->stops[st] < sig_end && !close; st++)
        if (text[s->stops[st]] == '{')
          depth++;
        else if (text[s->stops[st]] == '}' && --depth == 0)
          close = s->stops[st];
    }
    if (close) {
      spells = false;
      for (size_t k = i; k < s->nocc && s->occ[k] < sig_end && !spells; k++)
        spells = s->occ[k] < open || s->occ[k] > close;
    }
  }
  if (!spells && (i >= s->nocc || s->occ[i] >= e)) {
    set_quiet(m, s, key);
    return false;
  }
  CXString sp = clang_getCursorSpelling(c);
  const char *n = clang_getCString(sp);
  size_t nlen = n ? strlen(n) : 0;
  bool named = is_ident(n, nlen);
  if (spells && named) {
    uint32_t id = intern(m, n, nlen);
    uint8_t before = m->words.v[id].flags;
    make_relevant(m, id, type);
    wk->added = wk->added || m->words.v[id].flags != before;
  }
  if (!named || spelled_in(text, b, e, n, nlen))
    for (; i < s->nocc && s->occ[i] < e; i++)
      if (!s->resolved[i])
        s->resolved[i] = true, s->nresolved++;
  clang_disposeString(sp);
  return true; /* an occurrence in its text: a record's fields are looked at */
}

static enum CXChildVisitResult walk_decl(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct walk *wk = data;
  switch (clang_getCursorKind(c)) {
  case CXCursor_FunctionDecl:
  case CXCursor_VarDecl:
  case CXCursor_FieldDecl:
    declared_here(wk, c, false);
    break;
  case CXCursor_TypedefDecl:
    declared_here(wk, c, true);
    break;
  case CXCursor_EnumDecl:     /* enum { N = sizeof(pthread_t) }: its occurrences resolved */
  case CXCursor_StaticAssert:
    declared_here(wk, c, false);
    break;
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
    if (declared_here(wk, c, true))
      clang_visitChildren(c, walk_decl, wk); /* its fields, its nested records */
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
  m->toks_of = -1;
  m->annot = intern(m, "\"vtask\"", 7);
  make_relevant(m, m->annot, true);
  return m;
}

void mentions_free(struct mentions *m) {
  if (!m)
    return;
  free(m->table);
  free(m->ftable);
  free(m->itable);
  free(m->ufiles);
  free(m->usum);
  free(m->toks);
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
  summary_of(m, t.buf, t.len, false);
  sb_release(&t);
}

enum { WALK_PASSES = 8 };

void mentions_unit(struct mentions *m, CXTranslationUnit tu, const struct mentions_file *files, size_t n,
                   const char *const *args, int nargs, const struct model_settings *s) {
  m->tu = tu;
  m->whole = false;
  m->nu = 0;
  m->last = 0;
  m->toks_of = -1;
  model_words(s, model_word, m);
  for (int i = 0; i < nargs; i++) {
    const char *a = args[i];
    if (strcmp(a, "-include-pch") == 0 || strncmp(a, "-imacros", 8) == 0 || strncmp(a, "--imacros", 9) == 0)
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
      id = summary_of(m, f.text, f.len, f.main);
      if (has_uid)
        set_uid(m, (uint32_t)id, u);
    } else if (f.text && f.len != m->files.v[id].len) {
      id = summary_of(m, f.text, f.len, false); /* changed in place since: by its text after all */
    }
    if (m->files.v[id].pragma)
      m->whole = true; /* #pragma clang attribute: declarations annotated without a word */
    m->ufiles[m->nu] = f;
    m->usum[m->nu++] = (uint32_t)id;
  }
  if (m->whole)
    return;
  /* A walk is needed while a file of the unit spells a relevant word that no walk has found
   * inside a declaration yet: in a file new to the worker, or one whose occurrence sat in
   * code an earlier unit's preprocessing left out, or in a declaration a macro named. Passes
   * repeat while one finds a name (a tag may become a type word after a typedef used it). */
  for (int pass = 0;; pass++) {
    bool walk = false;
    for (size_t i = 0; i < m->nu; i++) { /* every file's occurrences made anew for the pass */
      struct summary *sm = &m->files.v[m->usum[i]];
      bring_up(m, sm);
      const char *text = NULL;
      if (sm->relevant && summary_for(m, m->ufiles[i].file, &text)) {
        occurrences(m, sm, text);
        walk = walk || sm->nresolved < sm->nocc;
      } else if (sm->relevant) {
        m->whole = true; /* its text cannot be had */
        return;
      }
    }
    if (!walk)
      break;
    if (pass == WALK_PASSES) {
      m->whole = true; /* names still coming: analyse all */
      return;
    }
    struct walk wk = {m, false};
    m->frozen = true;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), walk_decl, &wk);
    m->frozen = false;
    if (!wk.added)
      break;
  }
  for (size_t i = 0; i < m->nu; i++)
    bring_up(m, &m->files.v[m->usum[i]]);
}

struct fn_scan {
  const struct mentions *m;
  bool hit, paster;
  uint8_t *seen; /* piece_tok's: per relevant word, 1 a prefix of it was seen, 2 a suffix */
};

static void piece_tok(void *self, enum c_tok k, size_t off, const char *p, size_t len);

/* pieces_in: file f, which uses a macro pasting its arguments, spells a piece of a relevant
 * word (piece_tok). */
static bool pieces_in(struct mentions *m, CXFile f) {
  const char *text = NULL;
  struct summary *s = summary_for(m, f, &text);
  if (!s)
    return true;
  struct fn_scan sc = {m, false, true, calloc(m->relevant.n + 1, 1)};
  if (!sc.seen)
    return true;
  c_lex(text, 0, s->len, piece_tok, &sc);
  free(sc.seen);
  return sc.hit;
}

/* included_relevant: a file the unit read through an #include in [b, e) of f (or one that
 * file included, at any depth) spells a relevant word or a paster; *found counts the files
 * f's [b, e) included (libclang lists a file once, at its first inclusion: one included again,
 * or not at all, is found for no directive). */
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
    if (s->relevant || (s->pasty && pieces_in(m, g->file)) ||
        included_relevant(m, g->file, 0, UINT32_MAX, depth + 1, &inner) || inner < s->nincl)
      return true;
  }
  return false;
}

static void fn_tok(void *self, enum c_tok k, size_t off, const char *p, size_t len) {
  (void)off;
  struct fn_scan *f = self;
  if (k == CT_ANNOT) {
    f->hit = true;
    return;
  }
  if (k != CT_IDENT && k != CT_DEFINE)
    return;
  int64_t id = find(f->m, p, len);
  if (id >= 0 && (f->m->words.v[id].flags & W_RELEVANT))
    f->hit = true;
  if (id >= 0 && (f->m->words.v[id].flags & W_PASTER))
    f->paster = true;
}

/* A function that uses a macro pasting its arguments: a relevant word may be pasted together
 * from its identifiers, when one begins the word and another ends it (CAT(vtask_from, _fd)). */
static void piece_tok(void *self, enum c_tok k, size_t off, const char *p, size_t len) {
  (void)off;
  struct fn_scan *f = self;
  if (k != CT_IDENT || len < 2 || f->hit)
    return;
  for (size_t i = 0; i < f->m->relevant.n && !f->hit; i++) {
    const struct word *w = &f->m->words.v[f->m->relevant.v[i]];
    if (len >= w->len)
      continue;
    /* the first and last bytes first: most words share neither with p */
    if (w->s[0] == p[0] && memcmp(w->s, p, len) == 0)
      f->seen[i] |= 1;
    if (w->s[w->len - 1] == p[len - 1] && memcmp(w->s + w->len - len, p, len) == 0)
      f->seen[i] |= 2;
    f->hit = f->seen[i] == 3;
  }
}

/* kept_range: the kept tokens of the main file's summary s that lie in t[b, end): [*lo, *hi)
 * of m->toks. False when those are not what a lexing of t[b, end) alone would give: no
 * tokens were kept for s, or the range's last one may run on past end (a lexing that stops
 * at end cuts it short). */
static bool kept_range(const struct mentions *m, const struct summary *s, size_t b, size_t end, size_t *lo, size_t *hi) {
  if (m->toks_of < 0 || &m->files.v[m->toks_of] != s)
    return false;
  size_t l = 0, h = m->ntoks;
  while (l < h) { /* the first token at or after b */
    size_t mid = (l + h) / 2;
    if (m->toks[mid].off < b)
      l = mid + 1;
    else
      h = mid;
  }
  size_t e = l;
  while (e < m->ntoks && m->toks[e].off < end)
    e++;
  if (e > l && m->toks[e - 1].end > end)
    return false;
  *lo = l;
  *hi = e;
  return true;
}

/* kept_scan: fn_tok's, then (when it found a paster only) piece_tok's pass over the kept
 * tokens [lo, hi), as c_lex would have called them on the text (a #define's name is no
 * CT_IDENT: piece_tok passes over it). piece_tok's answer for a word does not change within
 * the pass, so each word is given to it once (a stamp marks those given). */
static bool kept_scan(struct mentions *m, size_t lo, size_t hi) {
  struct fn_scan sc = {m, false, false, NULL};
  for (size_t i = lo; i < hi && !sc.hit; i++) {
    const struct kept *k = &m->toks[i];
    if (k->where == KEPT_PRAGMA)
      continue;
    if (k->id == m->annot) {
      sc.hit = true;
      break;
    }
    uint8_t f = m->words.v[k->id].flags;
    sc.hit = (f & W_RELEVANT) != 0;
    sc.paster = sc.paster || (f & W_PASTER);
  }
  if (sc.hit || !sc.paster)
    return sc.hit;
  sc.seen = calloc(m->relevant.n + 1, 1);
  if (!sc.seen)
    return true;
  uint32_t stamp = ++m->stamp;
  for (size_t i = lo; i < hi && !sc.hit; i++) {
    const struct kept *k = &m->toks[i];
    if (k->where == KEPT_PRAGMA || k->where == KEPT_DEFINE || k->id == m->annot)
      continue;
    struct word *w = &m->words.v[k->id];
    if (w->stamp == stamp)
      continue;
    w->stamp = stamp;
    piece_tok(&sc, CT_IDENT, k->off, w->s, w->len);
  }
  m->stamp++; /* the stamps left behind match no later list's */
  free(sc.seen);
  return sc.hit;
}

/* answer_of: s's slot for the function at t[b, end) (end > 0), free (end 0) when none. */
static struct fn_answer *answer_of(struct mentions *m, struct summary *s, uint32_t b, uint32_t end) {
  if (2 * (s->nanswers + 1) > s->acap) {
    struct fn_answer *old = s->answers;
    size_t oldcap = s->acap;
    s->acap = oldcap ? 2 * oldcap : 64;
    s->answers = ARENA_ARRAY(&m->arena, struct fn_answer, s->acap);
    memset(s->answers, 0, sizeof *s->answers * s->acap);
    for (size_t i = 0; i < oldcap; i++)
      if (old[i].end)
        *answer_of(m, s, old[i].b, old[i].end) = old[i];
  }
  size_t i = (size_t)(((uint64_t)b * 0x9E3779B97F4A7C15ull ^ end) >> 7) & (s->acap - 1);
  while (s->answers[i].end && (s->answers[i].b != b || s->answers[i].end != end))
    i = (i + 1) & (s->acap - 1);
  return &s->answers[i];
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
  if (!s->relevant && !s->pasty)
    return false;
  size_t end = e + 1 < len ? e + 1 : len;
  size_t lo, hi;
  if (kept_range(m, s, b, end, &lo, &hi))
    return kept_scan(m, lo, hi); /* the main file's tokens, kept: no second lexing */
  struct fn_answer *known = end ? answer_of(m, s, b, (uint32_t)end) : NULL;
  if (known && known->end && (known->hit || known->log_n == m->log.n))
    return known->hit;
  struct fn_scan sc = {m, false, false, NULL};
  c_lex(text, b, end, fn_tok, &sc);
  if (!sc.hit && sc.paster) {
    sc.seen = calloc(m->relevant.n + 1, 1);
    if (!sc.seen)
      return true;
    c_lex(text, b, end, piece_tok, &sc);
    free(sc.seen);
  }
  if (known) {
    if (!known->end)
      s->nanswers++;
    *known = (struct fn_answer){b, (uint32_t)end, (uint32_t)m->log.n, sc.hit};
  }
  return sc.hit;
}
