/* cmd_macros.c: see cmd_macros.h. */
#include "analyzer/driver/cmd_macros.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/flow/c_lex.h"
#include "analyzer/support/hash.h"

int cmd_macro_arg(const char *const *args, int nargs, int i) {
  const char *a = args[i];
  if ((a[0] != '-') || (a[1] != 'D' && a[1] != 'U'))
    return 0;
  if (a[2])
    return 1;
  return i + 1 < nargs ? 2 : 1;
}

uint64_t cmd_macros_variant(const char *const *args, int nargs) {
  struct strbuf all = STRBUF_INIT;
  for (int i = 0; i < nargs; i++) {
    int w = cmd_macro_arg(args, nargs, i);
    for (int k = 0; k < w; k++) {
      sb_adds(&all, args[i + k]);
      sb_addc(&all, '\0');
    }
    i += w ? w - 1 : 0;
  }
  uint64_t h = hash_bytes(all.buf, all.len);
  sb_release(&all);
  return h;
}

/* One macro's state at the end of a command: defined as `head value`, or undefined by -U. */
struct macro {
  const char *name;
  size_t name_len;
  const char *head; /* NAME or NAME(params): up to '=' */
  size_t head_len;
  const char *value;
  bool defined;
};

struct macros {
  struct macro *v;
  size_t n;
};

/* collect: each macro's last -D or -U, in the order of their first appearance. */
static bool collect(const char *const *args, int nargs, struct macros *out) {
  out->v = calloc((size_t)nargs + 1, sizeof *out->v);
  out->n = 0;
  if (!out->v)
    return false;
  for (int i = 0; i < nargs; i++) {
    int w = cmd_macro_arg(args, nargs, i);
    if (!w)
      continue;
    const char *s = w == 2 ? args[i + 1] : args[i] + 2;
    bool def = args[i][1] == 'D';
    i += w - 1;
    size_t name_len = 0;
    while (s[name_len] && c_ident_char((unsigned char)s[name_len]))
      name_len++;
    if (name_len == 0 || !c_ident_start((unsigned char)s[0]))
      return false; /* not a macro name: let the group's own parse judge */
    const char *eq = strchr(s, '=');
    struct macro m = {s, name_len, s, eq ? (size_t)(eq - s) : strlen(s), eq ? eq + 1 : "1", def};
    if (strchr(s, '\n') || strchr(s, '\r'))
      return false;
    size_t k = 0;
    while (k < out->n && !(out->v[k].name_len == name_len && memcmp(out->v[k].name, s, name_len) == 0))
      k++;
    out->v[k] = m;
    if (k == out->n)
      out->n++;
  }
  return true;
}

static const struct macro *find(const struct macros *ms, const char *name, size_t len) {
  for (size_t i = 0; i < ms->n; i++)
    if (ms->v[i].name_len == len && memcmp(ms->v[i].name, name, len) == 0)
      return &ms->v[i];
  return NULL;
}

static bool same(const struct macro *a, const struct macro *b) {
  if (!a || !b)
    return a == b;
  if (a->defined != b->defined)
    return false;
  return !a->defined || (a->head_len == b->head_len && memcmp(a->head, b->head, a->head_len) == 0 &&
                         strcmp(a->value, b->value) == 0);
}

/* reserved: a name the implementation may predefine (__GNUC__, _FORTIFY_SOURCE): what a
 * command that does not mention it leaves of it is not known here. */
static bool reserved(const char *name, size_t len) {
  return len >= 2 && name[0] == '_' && (name[1] == '_' || (name[1] >= 'A' && name[1] <= 'Z'));
}

/* find_bytes: the first occurrence of needle[0, len) in hay[0, n), or NULL (memmem is not
 * POSIX). */
static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t len) {
  for (const char *p = hay, *end = hay + n; (size_t)(end - p) >= len;) {
    p = memchr(p, needle[0], (size_t)(end - p) - len + 1);
    if (!p)
      return NULL;
    if (memcmp(p, needle, len) == 0)
      return p;
    p++;
  }
  return NULL;
}

bool cmd_macros_spelled(const char *text, size_t n, const char *name) {
  size_t len = strlen(name);
  for (const char *p = text, *end = text + n; len && (size_t)(end - p) >= len;) {
    const char *hit = find_bytes(p, (size_t)(end - p), name, len);
    if (!hit)
      return false;
    bool left = hit == text || !c_ident_char((unsigned char)hit[-1]);
    bool right = hit + len == end || !c_ident_char((unsigned char)hit[len]);
    if (left && right)
      return true;
    p = hit + 1;
  }
  return false;
}

static bool listed(const struct strbuf *names, const char *name, size_t len) {
  for (size_t i = 0; i < names->len; i += strlen(names->buf + i) + 1)
    if (strlen(names->buf + i) == len && memcmp(names->buf + i, name, len) == 0)
      return true;
  return false;
}

static void add_name(struct strbuf *names, const char *name, size_t len) {
  sb_add(names, name, len);
  sb_addc(names, '\0');
}

bool cmd_macros_rebase(const char *const *from, int nfrom, const char *const *to, int nto, struct strbuf *directives,
                       unsigned *lines, struct strbuf *names) {
  struct macros a, b;
  bool ok = collect(from, nfrom, &a);
  ok = collect(to, nto, &b) && ok;
  struct strbuf body = STRBUF_INIT;
  unsigned n = 0;
  /* this command's macros that differ from the first's, then the first's that it lacks */
  for (int pass = 0; ok && pass < 2; pass++) {
    const struct macros *mine = pass == 0 ? &b : &a, *other = pass == 0 ? &a : &b;
    for (size_t i = 0; ok && i < mine->n; i++) {
      const struct macro *m = &mine->v[i];
      const struct macro *o = find(other, m->name, m->name_len);
      if (pass == 1 && o)
        continue; /* seen in the first pass */
      const struct macro *want = pass == 0 ? m : o, *have = pass == 0 ? o : m;
      if (same(want, have))
        continue;
      if (!want && reserved(m->name, m->name_len)) {
        ok = false; /* it would go back to a value the implementation predefines */
        break;
      }
      add_name(names, m->name, m->name_len);
      sb_addf(&body, "#undef %.*s\n", (int)m->name_len, m->name);
      n++;
      if (want && want->defined) {
        sb_addf(&body, "#define %.*s %s\n", (int)want->head_len, want->head, want->value);
        n++;
      }
    }
  }
  /* A macro whose value spells a changed name expands differently too. */
  for (bool grew = ok; grew;) {
    grew = false;
    for (int pass = 0; pass < 2; pass++) {
      const struct macros *ms = pass == 0 ? &a : &b;
      for (size_t i = 0; i < ms->n; i++) {
        const struct macro *m = &ms->v[i];
        if (!m->defined || listed(names, m->name, m->name_len))
          continue;
        for (size_t k = 0; k < names->len && !grew; k += strlen(names->buf + k) + 1)
          if (cmd_macros_spelled(m->value, strlen(m->value), names->buf + k) ||
              cmd_macros_spelled(m->head, m->head_len, names->buf + k)) {
            add_name(names, m->name, m->name_len);
            grew = true;
          }
      }
    }
  }
  if (ok && n) {
    sb_adds(directives, CMD_MACROS_FENCE "\n");
    sb_add(directives, body.buf, body.len);
    *lines = n + 1;
  } else {
    *lines = 0;
  }
  sb_release(&body);
  free(a.v);
  free(b.v);
  return ok;
}

/* ---- cmd_words ---- */

static uint64_t word_hash(const char *p, size_t n) {
  uint64_t h = hash_bytes(p, n);
  return h ? h : 1; /* 0 marks an empty slot */
}

static bool words_put(uint64_t *slot, size_t cap, uint64_t h) {
  size_t i = (size_t)h & (cap - 1);
  while (slot[i] && slot[i] != h)
    i = (i + 1) & (cap - 1);
  bool added = !slot[i];
  slot[i] = h;
  return added;
}

static bool words_grow(struct cmd_words *w) {
  size_t cap = w->cap ? w->cap * 2 : 4096;
  uint64_t *slot = calloc(cap, sizeof *slot);
  if (!slot)
    return false;
  for (size_t i = 0; i < w->cap; i++)
    if (w->slot[i])
      words_put(slot, cap, w->slot[i]);
  free(w->slot);
  w->slot = slot;
  w->cap = cap;
  return true;
}

void cmd_words_add(struct cmd_words *w, const char *text, size_t n) {
  for (size_t i = 0; i < n && !w->full;) {
    if (!c_ident_char((unsigned char)text[i])) {
      i++;
      continue;
    }
    size_t start = i;
    while (i < n && c_ident_char((unsigned char)text[i]))
      i++;
    if ((w->n + 1) * 2 > w->cap && !words_grow(w)) {
      w->full = true; /* then every name is spelled: nothing shares wrongly */
      break;
    }
    if (words_put(w->slot, w->cap, word_hash(text + start, i - start)))
      w->n++;
  }
}

bool cmd_words_has(const struct cmd_words *w, const char *name) {
  size_t len = strlen(name);
  if (!len)
    return false; /* as cmd_macros_spelled */
  if (w->full)
    return true;
  if (!w->cap)
    return false;
  uint64_t h = word_hash(name, len);
  for (size_t i = (size_t)h & (w->cap - 1); w->slot[i]; i = (i + 1) & (w->cap - 1))
    if (w->slot[i] == h)
      return true;
  return false;
}

void cmd_words_release(struct cmd_words *w) {
  free(w->slot);
  memset(w, 0, sizeof *w);
}
