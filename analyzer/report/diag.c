/* diag.c: see diag.h. */
#include "analyzer/report/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/support/strbuf.h"

const struct diag_tool_id diag_tool_ids[] = {
    {"clang-diagnostic-error", "An error clang found in the source (the unit was analysed as far as it parsed)", SEV_ERROR},
    {"vtask-analysis", "A function vtasklint skipped: its body is nested too deeply to analyse", SEV_NOTE},
    {"vtasklint-nolint", "An unmatched NOLINTBEGIN or NOLINTEND comment", SEV_ERROR},
};
const unsigned diag_tool_ids_count = sizeof diag_tool_ids / sizeof diag_tool_ids[0];

void diag_list_init(struct diag_list *l) {
  memset(l, 0, sizeof *l);
  arena_init(&l->arena);
}

void diag_list_release(struct diag_list *l) {
  arena_release(&l->arena);
  memset(l, 0, sizeof *l);
}

static struct diag_loc copy_loc(struct diag_list *l, const struct diag_loc *loc) {
  struct diag_loc r = {0};
  if (loc) {
    r = *loc;
    if (loc->file)
      r.file = arena_strdup(&l->arena, loc->file);
  }
  return r;
}

struct diag *diag_vadd(struct diag_list *l, const char *rule, enum diag_severity sev,
                       const struct diag_loc *loc, const char *fmt, va_list ap) {
  struct strbuf sb = STRBUF_INIT;
  sb_vaddf(&sb, fmt, ap);
  struct diag d = {0};
  d.rule = arena_strdup(&l->arena, rule);
  d.sev = sev;
  d.loc = copy_loc(l, loc);
  d.message = arena_strdup(&l->arena, sb_cstr(&sb));
  sb_release(&sb);
  vec_push(&l->arena, &l->items, d);
  return &l->items.v[l->items.n - 1];
}

struct diag *diag_add(struct diag_list *l, const char *rule, enum diag_severity sev,
                      const struct diag_loc *loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  struct diag *d = diag_vadd(l, rule, sev, loc, fmt, ap);
  va_end(ap);
  return d;
}

static void add_note(struct diag_list *l, struct diag *d, struct diag_loc loc, const char *msg) {
  struct diag_note *n = ARENA_ARRAY(&l->arena, struct diag_note, d->nnotes + 1);
  if (d->nnotes)
    memcpy(n, d->notes, sizeof *n * d->nnotes);
  n[d->nnotes].loc = loc;
  n[d->nnotes].message = msg;
  d->notes = n;
  d->nnotes++;
}

void diag_note(struct diag_list *l, struct diag *d, const struct diag_loc *loc, const char *fmt, ...) {
  struct strbuf sb = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&sb, fmt, ap);
  va_end(ap);
  add_note(l, d, copy_loc(l, loc), arena_strdup(&l->arena, sb_cstr(&sb)));
  sb_release(&sb);
}

void diag_fail(struct diag_list *l, const char *file, const char *fmt, ...) {
  struct strbuf sb = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&sb, fmt, ap);
  va_end(ap);
  struct diag_failure f = {file ? arena_strdup(&l->arena, file) : NULL, arena_strdup(&l->arena, sb_cstr(&sb))};
  sb_release(&sb);
  vec_push(&l->arena, &l->failures, f);
}

void diag_set_source(struct diag_list *l, struct diag *d, const char *text, size_t len) {
  d->source = arena_strndup(&l->arena, text, len);
}

void diag_append(struct diag_list *dst, const struct diag_list *src) {
  dst->counts.functions += src->counts.functions;
  dst->counts.dropped += src->counts.dropped;
  dst->counts.skipped += src->counts.skipped;
  if (src->counts.max_states > dst->counts.max_states)
    dst->counts.max_states = src->counts.max_states;
  for (size_t i = 0; i < src->items.n; i++) {
    const struct diag *s = &src->items.v[i];
    struct diag *d = diag_add(dst, s->rule, s->sev, &s->loc, "%s", s->message);
    if (s->source)
      diag_set_source(dst, d, s->source, strlen(s->source));
    for (unsigned k = 0; k < s->nnotes; k++)
      add_note(dst, d, copy_loc(dst, &s->notes[k].loc), arena_strdup(&dst->arena, s->notes[k].message));
  }
  for (size_t i = 0; i < src->failures.n; i++)
    diag_fail(dst, src->failures.v[i].file, "%s", src->failures.v[i].message);
}

static int strcmp0(const char *a, const char *b) {
  if (!a || !b)
    return (a != NULL) - (b != NULL);
  return strcmp(a, b);
}

int diag_cmp(const struct diag *a, const struct diag *b) {
  int c = strcmp0(a->loc.file, b->loc.file);
  if (c)
    return c;
  if (a->loc.line != b->loc.line)
    return a->loc.line < b->loc.line ? -1 : 1;
  if (a->loc.col != b->loc.col)
    return a->loc.col < b->loc.col ? -1 : 1;
  if ((c = strcmp(a->rule, b->rule)))
    return c;
  if ((c = strcmp(a->message, b->message)))
    return c;
  /* Notes tell apart findings at one place (two functions one macro use generated); a
   * header's finding seen from several units has the same notes, and stays one. */
  for (unsigned i = 0; i < a->nnotes && i < b->nnotes; i++) {
    const struct diag_note *x = &a->notes[i], *y = &b->notes[i];
    if ((c = strcmp0(x->loc.file, y->loc.file)))
      return c;
    if (x->loc.line != y->loc.line)
      return x->loc.line < y->loc.line ? -1 : 1;
    if (x->loc.col != y->loc.col)
      return x->loc.col < y->loc.col ? -1 : 1;
    if ((c = strcmp(x->message, y->message)))
      return c;
  }
  return a->nnotes == b->nnotes ? 0 : a->nnotes < b->nnotes ? -1 : 1;
}

static int qcmp(const void *a, const void *b) { return diag_cmp(a, b); }

void diag_sort_unique(struct diag_list *l) {
  if (l->items.n < 2)
    return;
  qsort(l->items.v, l->items.n, sizeof *l->items.v, qcmp);
  size_t o = 1;
  for (size_t i = 1; i < l->items.n; i++)
    if (diag_cmp(&l->items.v[o - 1], &l->items.v[i]) != 0)
      l->items.v[o++] = l->items.v[i];
  l->items.n = o;
}
