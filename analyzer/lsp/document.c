/* document.c: see document.h. */
#include "analyzer/lsp/document.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/support/path.h"

void docs_init(struct doc_store *s) { memset(s, 0, sizeof *s); }

void doc_free(struct doc *d) {
  if (!d)
    return;
  free(d->uri);
  free(d->path);
  free(d->language);
  sb_release(&d->text);
  free(d);
}

void docs_release(struct doc_store *s) {
  for (size_t i = 0; i < s->n; i++)
    doc_free(s->v[i]);
  free(s->v);
  memset(s, 0, sizeof *s);
}

struct doc *docs_find(const struct doc_store *s, const char *uri) {
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->v[i]->uri, uri) == 0)
      return s->v[i];
  return NULL;
}

void docs_remove(struct doc_store *s, struct doc *d) {
  for (size_t i = 0; i < s->n; i++)
    if (s->v[i] == d) {
      memmove(s->v + i, s->v + i + 1, sizeof *s->v * (s->n - i - 1));
      s->n--;
      return;
    }
}

struct doc *docs_open(struct doc_store *s, const char *uri, const char *language, long long version,
                      const char *text, size_t len, struct doc **replaced) {
  *replaced = docs_find(s, uri);
  if (*replaced)
    docs_remove(s, *replaced);
  struct doc *d = calloc(1, sizeof *d);
  d->uri = strdup(uri);
  /* lexically normal, as the analysis names files ("/a/./b//c.c" is "/a/b/c.c") */
  char *p = uri_to_path(uri);
  d->path = p ? path_absolute(p, NULL) : NULL;
  free(p);
  d->language = strdup(language ? language : "");
  d->version = version;
  sb_add(&d->text, "", 0);
  sb_add(&d->text, text, len);
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 8;
    s->v = realloc(s->v, sizeof *s->v * s->cap);
  }
  s->v[s->n++] = d;
  return d;
}

bool json_position(const json_t *pos, unsigned *line, unsigned *character) {
  const json_t *l = json_object_get(pos, "line"), *c = json_object_get(pos, "character");
  if (!json_is_integer(l) || !json_is_integer(c))
    return false;
  json_int_t lv = json_integer_value(l), cv = json_integer_value(c);
  if (lv < 0 || cv < 0 || lv > 0x7fffffff || cv > 0x7fffffff)
    return false;
  *line = (unsigned)lv;
  *character = (unsigned)cv;
  return true;
}

int doc_apply_change(struct doc *d, const json_t *change, enum pos_encoding enc, struct strbuf *why) {
  const json_t *text = json_object_get(change, "text");
  if (!json_is_string(text)) {
    sb_adds(why, "a content change without 'text'");
    return -1;
  }
  const char *t = json_string_value(text);
  size_t tlen = json_string_length(text);
  const json_t *range = json_object_get(change, "range");
  if (!range || json_is_null(range)) {
    sb_reset(&d->text);
    sb_add(&d->text, "", 0);
    sb_add(&d->text, t, tlen);
    return 0;
  }
  unsigned sl, sc, el, ec;
  if (!json_position(json_object_get(range, "start"), &sl, &sc) ||
      !json_position(json_object_get(range, "end"), &el, &ec)) {
    sb_adds(why, "a content change with a malformed range");
    return -1;
  }
  const char *buf = sb_cstr(&d->text);
  size_t len = d->text.len;
  size_t a = pos_to_offset(buf, len, sl, sc, enc), b = pos_to_offset(buf, len, el, ec, enc);
  if (b < a) {
    sb_addf(why, "a content change whose range ends (%u:%u) before it starts (%u:%u)", el, ec, sl, sc);
    return -1;
  }
  struct strbuf out = STRBUF_INIT;
  sb_add(&out, "", 0);
  sb_add(&out, buf, a);
  sb_add(&out, t, tlen);
  sb_add(&out, buf + b, len - b);
  sb_release(&d->text);
  d->text = out;
  return 0;
}
