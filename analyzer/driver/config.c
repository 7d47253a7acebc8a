/* config.c: see config.h. The file is loaded into a libyaml document (yaml_parser_load) and
 * walked node by node; every message carries the 1-based position of the node it is about. */
#include "analyzer/driver/config.h"

#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <yaml.h>

#include "analyzer/model/profiles.h" /* the profile names come from the model */
#include "analyzer/support/path.h"

/* ---- allocation (out of memory is fatal, as in strbuf.c) ---- */

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) {
    fprintf(stderr, "vtasklint: fatal: out of memory\n");
    abort();
  }
  return p;
}

static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = xcalloc(n, 1);
  memcpy(p, s, n);
  return p;
}

/* ---- loading context and messages ---- */

struct ctx {
  const char *path;
  yaml_document_t *doc;
  struct strbuf *err;
  void (*warn)(void *self, const char *line);
  void *self;
  struct vtl_config *out;
};

/* A message must stay one line, whatever the file's strings contain. */
static void one_line(struct strbuf *sb, size_t from) {
  for (size_t i = from; i < sb->len; i++)
    if ((unsigned char)sb->buf[i] < 0x20 || sb->buf[i] == 0x7f)
      sb->buf[i] = ' ';
}

static int fail_at(struct ctx *cx, size_t line0, size_t col0, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail_at(struct ctx *cx, size_t line0, size_t col0, const char *fmt, ...) {
  if (!cx->err)
    return -1;
  size_t from = cx->err->len;
  sb_addf(cx->err, "%s:%zu:%zu: error: ", cx->path, line0 + 1, col0 + 1);
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(cx->err, fmt, ap);
  va_end(ap);
  one_line(cx->err, from);
  return -1;
}

#define FAIL(cx, node, ...) fail_at((cx), (node)->start_mark.line, (node)->start_mark.column, __VA_ARGS__)

static void warn_unknown_key(struct ctx *cx, const yaml_node_t *key) {
  if (!cx->warn)
    return;
  struct strbuf sb = STRBUF_INIT;
  sb_addf(&sb, "%s:%zu:%zu: warning: unknown key '%s'", cx->path, key->start_mark.line + 1,
          key->start_mark.column + 1, (const char *)key->data.scalar.value);
  one_line(&sb, 0);
  cx->warn(cx->self, sb.buf);
  sb_release(&sb);
}

/* ---- node helpers ---- */

static yaml_node_t *node_at(struct ctx *cx, int index) { return yaml_document_get_node(cx->doc, index); }

static const char *scalar_of(const yaml_node_t *n) {
  return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A plain empty, `~` or `null` scalar: the YAML null. */
static bool is_null(const yaml_node_t *n) {
  if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return false;
  const char *s = scalar_of(n);
  return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* Every key of a mapping is a string and none repeats. */
static int check_keys(struct ctx *cx, const yaml_node_t *map) {
  for (const yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    const yaml_node_t *k = node_at(cx, p->key);
    if (!scalar_of(k))
      return FAIL(cx, k, "a mapping key must be a string");
    for (const yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++)
      if (!strcmp(scalar_of(node_at(cx, q->key)), scalar_of(k)))
        return FAIL(cx, k, "duplicate key '%s'", scalar_of(k));
  }
  return 0;
}

static size_t npairs(const yaml_node_t *map) {
  return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

static int parse_string(struct ctx *cx, const char *key, const yaml_node_t *v, char **dst) {
  if (!scalar_of(v))
    return FAIL(cx, v, "'%s' must be a string", key);
  free(*dst);
  *dst = xstrdup(is_null(v) ? "" : scalar_of(v));
  return 0;
}

static const char *const bool_words[] = {"on", "true", "yes", "off", "false", "no", NULL};

/* 1 true, 0 false, -1 not a boolean word. */
static int bool_value(const yaml_node_t *v) {
  const char *s = scalar_of(v);
  if (!s)
    return -1;
  for (int i = 0; bool_words[i]; i++)
    if (!strcasecmp(s, bool_words[i]))
      return i < 3;
  return -1;
}

static int parse_bool(struct ctx *cx, const char *key, const yaml_node_t *v, enum cfg_tristate *dst) {
  int b = bool_value(v);
  if (b < 0) {
    if (scalar_of(v))
      return FAIL(cx, v, "'%s' must be one of on, off, true, false, yes, no (got '%s')", key, scalar_of(v));
    return FAIL(cx, v, "'%s' must be one of on, off, true, false, yes, no", key);
  }
  *dst = b ? CFG_ON : CFG_OFF;
  return 0;
}

/* One of words[] (NULL-terminated): *dst = index + 1. */
static int parse_word(struct ctx *cx, const char *key, const yaml_node_t *v, const char *const *words,
                      const char *shown, int *dst) {
  const char *s = scalar_of(v);
  if (s)
    for (int i = 0; words[i]; i++)
      if (!strcmp(s, words[i])) {
        *dst = i + 1;
        return 0;
      }
  if (s)
    return FAIL(cx, v, "'%s' must be one of %s (got '%s')", key, shown, s);
  return FAIL(cx, v, "'%s' must be one of %s", key, shown);
}

/* A sequence of strings, or one string; null is the empty list. */
static int parse_names(struct ctx *cx, const char *key, const yaml_node_t *v, struct cfg_names *dst) {
  for (size_t i = 0; i < dst->n; i++)
    free(dst->v[i]);
  free(dst->v);
  dst->v = NULL;
  dst->n = 0;
  if (is_null(v))
    return 0;
  if (v->type == YAML_SCALAR_NODE) {
    dst->v = xcalloc(1, sizeof *dst->v);
    dst->v[dst->n++] = xstrdup(scalar_of(v));
    return 0;
  }
  if (v->type != YAML_SEQUENCE_NODE)
    return FAIL(cx, v, "'%s' must be a string or a sequence of strings", key);
  size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
  if (!n)
    return 0;
  dst->v = xcalloc(n, sizeof *dst->v);
  for (const yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
    const yaml_node_t *e = node_at(cx, *it);
    if (!scalar_of(e))
      return FAIL(cx, e, "'%s' must be a string or a sequence of strings", key);
    dst->v[dst->n++] = xstrdup(scalar_of(e));
  }
  return 0;
}

/* ---- Profiles ---- */

static const char *const da_words[] = {"error", "off", "after-move", NULL};
static const char *const fields_words[] = {"flagged", "allowed", NULL};

static int parse_profile_map(struct ctx *cx, const yaml_node_t *map, struct cfg_profile *p) {
  if (check_keys(cx, map))
    return -1;
  for (const yaml_node_pair_t *kv = map->data.mapping.pairs.start; kv < map->data.mapping.pairs.top; kv++) {
    const yaml_node_t *k = node_at(cx, kv->key), *v = node_at(cx, kv->value);
    const char *key = scalar_of(k);
    int w = 0;
    if (!strcmp(key, "enabled")) {
      if (parse_bool(cx, key, v, &p->enabled))
        return -1;
    } else if (!strcmp(key, "double-await")) {
      if (parse_word(cx, key, v, da_words, "error, off, after-move", &w))
        return -1;
      p->double_await = (enum cfg_double_await)w;
    } else if (!strcmp(key, "fields")) {
      if (parse_word(cx, key, v, fields_words, "flagged, allowed", &w))
        return -1;
      p->fields = (enum cfg_fields)w;
    } else {
      warn_unknown_key(cx, k);
    }
  }
  return 0;
}

static bool known_profile(const char *name) {
  for (int i = 0; model_profile_config_name(i); i++)
    if (!strcmp(name, model_profile_config_name(i)))
      return true;
  return false;
}

static int parse_profiles(struct ctx *cx, const yaml_node_t *v) {
  if (is_null(v))
    return 0;
  if (v->type != YAML_MAPPING_NODE)
    return FAIL(cx, v, "'Profiles' must be a mapping of profile names to on, off or a mapping");
  if (check_keys(cx, v))
    return -1;
  struct vtl_config *c = cx->out;
  c->profiles = xcalloc(npairs(v), sizeof *c->profiles);
  for (const yaml_node_pair_t *kv = v->data.mapping.pairs.start; kv < v->data.mapping.pairs.top; kv++) {
    const yaml_node_t *k = node_at(cx, kv->key), *pv = node_at(cx, kv->value);
    const char *name = scalar_of(k);
    if (!known_profile(name)) {
      struct strbuf known = STRBUF_INIT;
      for (int i = 0; model_profile_config_name(i); i++)
        sb_addf(&known, "%s%s", i ? ", " : "", model_profile_config_name(i));
      FAIL(cx, k, "unknown profile '%s' (known: %s)", name, known.buf);
      sb_release(&known);
      return -1;
    }
    struct cfg_profile *p = &c->profiles[c->nprofiles++];
    p->name = xstrdup(name);
    p->line = (unsigned)k->start_mark.line + 1;
    p->col = (unsigned)k->start_mark.column + 1;
    if (pv->type == YAML_MAPPING_NODE) {
      if (parse_profile_map(cx, pv, p))
        return -1;
    } else {
      int b = bool_value(pv);
      if (b < 0) {
        if (scalar_of(pv))
          return FAIL(cx, pv, "profile '%s' must be one of on, off, true, false, yes, no, or a mapping (got '%s')",
                      name, scalar_of(pv));
        return FAIL(cx, pv, "profile '%s' must be one of on, off, true, false, yes, no, or a mapping", name);
      }
      p->enabled = b ? CFG_ON : CFG_OFF;
    }
  }
  return 0;
}

/* ---- Awaitables ---- */

static int parse_awaitable(struct ctx *cx, const yaml_node_t *map, struct cfg_awaitable *a) {
  if (map->type != YAML_MAPPING_NODE)
    return FAIL(cx, map, "each 'Awaitables' entry must be a mapping with at least 'Type'");
  if (check_keys(cx, map))
    return -1;
  a->line = (unsigned)map->start_mark.line + 1;
  a->col = (unsigned)map->start_mark.column + 1;
  static const struct {
    const char *key;
    size_t off;
  } roles[] = {
      {"Await", offsetof(struct cfg_awaitable, await)},
      {"GetResult", offsetof(struct cfg_awaitable, get_result)},
      {"Wait", offsetof(struct cfg_awaitable, wait)},
      {"Query", offsetof(struct cfg_awaitable, query)},
      {"Transfer", offsetof(struct cfg_awaitable, transfer)},
      {"CreateCompleted", offsetof(struct cfg_awaitable, create_completed)},
  };
  for (const yaml_node_pair_t *kv = map->data.mapping.pairs.start; kv < map->data.mapping.pairs.top; kv++) {
    const yaml_node_t *k = node_at(cx, kv->key), *v = node_at(cx, kv->value);
    const char *key = scalar_of(k);
    if (!strcmp(key, "Type")) {
      if (!scalar_of(v) || is_null(v) || !*scalar_of(v))
        return FAIL(cx, v, "'Type' must be a non-empty string");
      free(a->type);
      a->type = xstrdup(scalar_of(v));
      continue;
    }
    if (!strcmp(key, "FieldsAllowed")) {
      if (parse_bool(cx, key, v, &a->fields_allowed))
        return -1;
      continue;
    }
    size_t r = 0;
    while (r < sizeof roles / sizeof *roles && strcmp(key, roles[r].key))
      r++;
    if (r == sizeof roles / sizeof *roles) {
      warn_unknown_key(cx, k);
      continue;
    }
    if (parse_names(cx, key, v, (struct cfg_names *)(void *)((char *)a + roles[r].off)))
      return -1;
  }
  if (!a->type)
    return FAIL(cx, map, "'Awaitables' entry without 'Type'");
  return 0;
}

static int parse_awaitables(struct ctx *cx, const yaml_node_t *v) {
  if (is_null(v))
    return 0;
  if (v->type != YAML_SEQUENCE_NODE)
    return FAIL(cx, v, "'Awaitables' must be a sequence of mappings");
  struct vtl_config *c = cx->out;
  size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
  c->awaitables = xcalloc(n, sizeof *c->awaitables);
  for (const yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
    if (parse_awaitable(cx, node_at(cx, *it), &c->awaitables[c->nawaitables++]))
      return -1;
  return 0;
}

/* ---- Assertions ---- */

/* A macro or function name: an identifier, or a qualified one ('testing::require'). */
static bool assertion_name(const char *s) {
  if (s[0] == ':' && s[1] == ':')
    s += 2;
  for (;;) {
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
      return false;
    while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_')
      s++;
    if (!*s)
      return true;
    if (s[0] != ':' || s[1] != ':')
      return false;
    s += 2;
  }
}

static int check_assertion_names(struct ctx *cx, const char *key, const yaml_node_t *v) {
  if (v->type == YAML_SCALAR_NODE && !is_null(v) && !assertion_name(scalar_of(v)))
    return FAIL(cx, v, "'%s' names must be macro or function names (got '%s')", key, scalar_of(v));
  if (v->type == YAML_SEQUENCE_NODE)
    for (const yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
      const yaml_node_t *e = node_at(cx, *it);
      if (scalar_of(e) && !assertion_name(scalar_of(e)))
        return FAIL(cx, e, "'%s' names must be macro or function names (got '%s')", key, scalar_of(e));
    }
  return 0;
}

static int parse_assertions(struct ctx *cx, const yaml_node_t *v) {
  if (is_null(v))
    return 0;
  if (v->type != YAML_MAPPING_NODE)
    return FAIL(cx, v, "'Assertions' must be a mapping of Fatal, FatalFalse and ExpectThrow to names");
  if (check_keys(cx, v))
    return -1;
  struct vtl_config *c = cx->out;
  for (const yaml_node_pair_t *kv = v->data.mapping.pairs.start; kv < v->data.mapping.pairs.top; kv++) {
    const yaml_node_t *k = node_at(cx, kv->key), *val = node_at(cx, kv->value);
    const char *key = scalar_of(k);
    struct cfg_names *dst = !strcmp(key, "Fatal")        ? &c->assert_fatal
                            : !strcmp(key, "FatalFalse")  ? &c->assert_fatal_false
                            : !strcmp(key, "ExpectThrow") ? &c->assert_expect_throw
                                                          : NULL;
    if (!dst) {
      warn_unknown_key(cx, k);
      continue;
    }
    if (parse_names(cx, key, val, dst) || check_assertion_names(cx, key, val))
      return -1;
  }
  return 0;
}

/* ---- top level ---- */

/* regex_risky: why pattern must not reach regcomp, or NULL. glibc's regcomp takes time and
 * memory that grow exponentially with nested repetition: `i++++...` (found by fuzzing: 3 GB for
 * a 442-byte file), `((a)+)+...` (12 GB at 200 levels), `((a){1,9}){1,9}...`. Refused: a
 * repetition of a repetition (`a++`, which POSIX leaves undefined), a repeated group that holds
 * a repetition, bounds over 255 (POSIX's RE_DUP_MAX minimum), groups deeper than 32, and
 * patterns over 1024 characters. Header filters need none of these. */
static const char *regex_risky(const char *p) {
  if (strlen(p) > 1024)
    return "it is longer than 1024 characters";
  bool holds_dup[33] = {false}; /* per open group: it contains a repetition */
  int depth = 0;
  bool after_dup = false, after_group_with_dup = false, in_bracket = false;
  for (const char *c = p; *c; c++) {
    if (in_bracket) { /* [...]: ']' first (or after '^') is a member */
      if (*c == ']' && c[-1] != '[' && !(c[-1] == '^' && c - p >= 2 && c[-2] == '['))
        in_bracket = false;
      continue;
    }
    bool dup = *c == '*' || *c == '+' || *c == '?' || *c == '{';
    if (dup) {
      if (after_dup)
        return "it repeats a repetition ('a++', 'a*{2}'), which POSIX leaves undefined";
      if (after_group_with_dup)
        return "it repeats a group that holds a repetition ('(a+)+'), which regcomp cannot bound";
      if (*c == '{') {
        char *end;
        long lo = strtol(c + 1, &end, 10), hi = lo;
        if (*end == ',')
          hi = end[1] == '}' ? lo : strtol(end + 1, &end, 10);
        if (lo > 255 || hi > 255)
          return "a repetition bound is over 255";
        const char *close = strchr(c, '}');
        if (close)
          c = close;
      }
      holds_dup[depth] = true;
      after_dup = true;
      after_group_with_dup = false;
      continue;
    }
    after_dup = after_group_with_dup = false;
    if (*c == '\\') {
      if (c[1])
        c++;
    } else if (*c == '[') {
      in_bracket = true;
    } else if (*c == '(') {
      if (++depth > 32)
        return "its groups nest deeper than 32";
      holds_dup[depth] = false;
    } else if (*c == ')' && depth > 0) {
      after_group_with_dup = holds_dup[depth];
      depth--;
      holds_dup[depth] = holds_dup[depth] || after_group_with_dup;
    }
  }
  return NULL;
}

int config_check_header_filter(const char *pattern, struct strbuf *why) {
  const char *risky = regex_risky(pattern);
  if (risky) {
    sb_addf(why, "is refused: %s", risky);
    return -1;
  }
  regex_t re;
  int rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB);
  if (rc) {
    char msg[256];
    regerror(rc, &re, msg, sizeof msg);
    sb_addf(why, "is not a valid extended regular expression: %s", msg);
    return -1;
  }
  regfree(&re);
  return 0;
}

static int parse_header_filter(struct ctx *cx, const yaml_node_t *v) {
  if (parse_string(cx, "HeaderFilter", v, &cx->out->header_filter))
    return -1;
  struct strbuf why = STRBUF_INIT;
  int rc = 0;
  if (config_check_header_filter(cx->out->header_filter, &why) != 0)
    rc = FAIL(cx, v, "'HeaderFilter' %s", why.buf);
  sb_release(&why);
  return rc;
}

static int parse_root(struct ctx *cx, const yaml_node_t *root) {
  if (!root || is_null(root))
    return 0; /* an empty file: the empty configuration */
  if (root->type != YAML_MAPPING_NODE)
    return FAIL(cx, root, "the top level must be a mapping (Checks, WarningsAsErrors, HeaderFilter, "
                          "Profiles, Awaitables, Assertions, InheritParentConfig)");
  if (check_keys(cx, root))
    return -1;
  struct vtl_config *c = cx->out;
  for (const yaml_node_pair_t *kv = root->data.mapping.pairs.start; kv < root->data.mapping.pairs.top; kv++) {
    const yaml_node_t *k = node_at(cx, kv->key), *v = node_at(cx, kv->value);
    const char *key = scalar_of(k);
    int rc = 0;
    if (!strcmp(key, "Checks"))
      rc = parse_string(cx, key, v, &c->checks);
    else if (!strcmp(key, "WarningsAsErrors"))
      rc = parse_string(cx, key, v, &c->warnings_as_errors);
    else if (!strcmp(key, "HeaderFilter"))
      rc = parse_header_filter(cx, v);
    else if (!strcmp(key, "Profiles"))
      rc = parse_profiles(cx, v);
    else if (!strcmp(key, "Awaitables"))
      rc = parse_awaitables(cx, v);
    else if (!strcmp(key, "Assertions"))
      rc = parse_assertions(cx, v);
    else if (!strcmp(key, "InheritParentConfig"))
      rc = parse_bool(cx, key, v, &c->inherit_parent);
    else
      warn_unknown_key(cx, k);
    if (rc)
      return -1;
  }
  return 0;
}

/* Where a byte offset lies, for reader errors (which carry an offset, not a mark). */
static void offset_position(const char *buf, size_t len, size_t off, size_t *line0, size_t *col0) {
  *line0 = *col0 = 0;
  for (size_t i = 0; i < off && i < len; i++) {
    if (buf[i] == '\n') {
      ++*line0;
      *col0 = 0;
    } else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
      ++*col0;
    }
  }
}

static int yaml_failure(struct ctx *cx, const yaml_parser_t *parser, const char *buf, size_t len) {
  const char *problem = parser->problem ? parser->problem : "invalid YAML";
  switch (parser->error) {
  case YAML_MEMORY_ERROR:
    return fail_at(cx, 0, 0, "out of memory while reading YAML");
  case YAML_READER_ERROR: {
    size_t line0, col0;
    offset_position(buf, len, parser->problem_offset, &line0, &col0);
    if (parser->problem_value != -1)
      return fail_at(cx, line0, col0, "%s (#%X)", problem, (unsigned)parser->problem_value);
    return fail_at(cx, line0, col0, "%s", problem);
  }
  default:
    if (parser->context)
      return fail_at(cx, parser->problem_mark.line, parser->problem_mark.column, "%s (%s at %zu:%zu)", problem,
                     parser->context, parser->context_mark.line + 1, parser->context_mark.column + 1);
    return fail_at(cx, parser->problem_mark.line, parser->problem_mark.column, "%s", problem);
  }
}

/* ---- limits: a configuration file comes with the repository, so it is untrusted ----
 * Before the document is built, one pass over libyaml's events refuses a file larger than
 * CONFIG_MAX_BYTES, nesting deeper than CONFIG_MAX_DEPTH (a 100k-deep file cost 38 s), and
 * aliases whose expansion would exceed CONFIG_MAX_EXPANDED nodes in all (a 35 KB alias bomb
 * expanded to 60M names and 2.4 GB). Each refusal names the line and column. */
enum { CONFIG_MAX_BYTES = 1 << 20, CONFIG_MAX_DEPTH = 64, CONFIG_MAX_EXPANDED = 100000 };

struct anchor_size {
  char *name;
  size_t nodes; /* nodes it stands for, its own aliases expanded */
};

static int check_limits(struct ctx *cx, const char *buf, size_t len) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser))
    return fail_at(cx, 0, 0, "out of memory while reading YAML");
  yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
  struct anchor_size *anchors = NULL;
  size_t nanchors = 0, cap = 0;
  /* per open collection: its node count so far and its anchor (index + 1, 0 none) */
  size_t sizes[CONFIG_MAX_DEPTH + 2];
  size_t anchor_of[CONFIG_MAX_DEPTH + 2];
  int depth = 0, rc = 0;
  size_t expanded = 0;
  for (bool end = false; !end && rc == 0;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev))
      break; /* the loader reports syntax errors with their own message */
    size_t line0 = ev.start_mark.line, col0 = ev.start_mark.column;
    const char *anchor = NULL;
    size_t add = 0;
    bool open = false, close = false;
    switch (ev.type) {
    case YAML_STREAM_END_EVENT:
      end = true;
      break;
    case YAML_SCALAR_EVENT:
      anchor = (const char *)ev.data.scalar.anchor;
      add = 1;
      break;
    case YAML_SEQUENCE_START_EVENT:
      anchor = (const char *)ev.data.sequence_start.anchor;
      open = true;
      break;
    case YAML_MAPPING_START_EVENT:
      anchor = (const char *)ev.data.mapping_start.anchor;
      open = true;
      break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      close = true;
      break;
    case YAML_ALIAS_EVENT: {
      const char *name = (const char *)ev.data.alias.anchor;
      size_t k = nanchors;
      while (k > 0 && strcmp(anchors[k - 1].name, name) != 0)
        k--;
      add = k ? anchors[k - 1].nodes : 1; /* an unknown anchor: the loader says so */
      expanded += add;
      if (expanded > CONFIG_MAX_EXPANDED)
        rc = fail_at(cx, line0, col0, "aliases expand to more than %d nodes; refusing the file (an alias bomb?)",
                     CONFIG_MAX_EXPANDED);
      break;
    }
    default:
      break;
    }
    if (rc == 0 && anchor && !open) { /* an anchored scalar */
      if (nanchors == cap) {
        cap = cap ? cap * 2 : 16;
        anchors = realloc(anchors, sizeof *anchors * cap);
      }
      anchors[nanchors++] = (struct anchor_size){xstrdup(anchor), 1};
    }
    if (rc == 0 && open) {
      if (depth >= CONFIG_MAX_DEPTH) {
        rc = fail_at(cx, line0, col0, "nesting deeper than %d levels; refusing the file", CONFIG_MAX_DEPTH);
      } else {
        depth++;
        sizes[depth] = 1;
        anchor_of[depth] = 0;
        if (anchor) {
          if (nanchors == cap) {
            cap = cap ? cap * 2 : 16;
            anchors = realloc(anchors, sizeof *anchors * cap);
          }
          anchors[nanchors++] = (struct anchor_size){xstrdup(anchor), 0};
          anchor_of[depth] = nanchors;
        }
      }
    } else if (rc == 0 && close && depth > 0) {
      size_t n = sizes[depth];
      if (anchor_of[depth])
        anchors[anchor_of[depth] - 1].nodes = n;
      depth--;
      if (depth > 0)
        sizes[depth] += n;
    } else if (rc == 0 && add && depth > 0) {
      sizes[depth] += add;
      if (sizes[depth] > (size_t)CONFIG_MAX_EXPANDED * 16)
        sizes[depth] = (size_t)CONFIG_MAX_EXPANDED * 16; /* saturate: no overflow */
    }
    yaml_event_delete(&ev);
  }
  for (size_t i = 0; i < nanchors; i++)
    free(anchors[i].name);
  free(anchors);
  yaml_parser_delete(&parser);
  return rc;
}

int config_load(const char *path, struct vtl_config *out, struct strbuf *err,
                void (*warn)(void *self, const char *line), void *self) {
  memset(out, 0, sizeof *out);
  struct ctx cx = {path, NULL, err, warn, self, out};
  struct strbuf buf = STRBUF_INIT;
  errno = 0;
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) /* a FIFO or a device would never end */
    return fail_at(&cx, 0, 0, "cannot read: %s", S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
  if (stat(path, &st) == 0 && st.st_size > CONFIG_MAX_BYTES)
    return fail_at(&cx, 0, 0, "larger than %d bytes; refusing the file", CONFIG_MAX_BYTES);
  if (sb_read_file(&buf, path)) {
    fail_at(&cx, 0, 0, "cannot read: %s", strerror(errno));
    sb_release(&buf);
    return -1;
  }
  if (buf.len > CONFIG_MAX_BYTES) { /* it grew since */
    sb_release(&buf);
    return fail_at(&cx, 0, 0, "larger than %d bytes; refusing the file", CONFIG_MAX_BYTES);
  }
  int rc = config_parse(path, buf.buf ? buf.buf : "", buf.len, out, err, warn, self);
  sb_release(&buf);
  return rc;
}

int config_parse(const char *path, const char *text, size_t len, struct vtl_config *out, struct strbuf *err,
                 void (*warn)(void *self, const char *line), void *self) {
  memset(out, 0, sizeof *out);
  struct ctx cx = {path, NULL, err, warn, self, out};
  struct strbuf buf = STRBUF_INIT;
  sb_add(&buf, text, len);
  if (buf.len > CONFIG_MAX_BYTES) {
    sb_release(&buf);
    return fail_at(&cx, 0, 0, "larger than %d bytes; refusing the file", CONFIG_MAX_BYTES);
  }
  if (check_limits(&cx, buf.buf ? buf.buf : "", buf.len) != 0) {
    sb_release(&buf);
    return -1;
  }

  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    sb_release(&buf);
    return fail_at(&cx, 0, 0, "out of memory while reading YAML");
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)(buf.buf ? buf.buf : ""), buf.len);

  int rc = -1;
  yaml_document_t doc;
  if (!yaml_parser_load(&parser, &doc)) {
    yaml_failure(&cx, &parser, buf.buf, buf.len);
    goto done;
  }
  cx.doc = &doc;
  rc = parse_root(&cx, yaml_document_get_root_node(&doc));
  if (rc == 0) {
    /* A second document would be silently ignored: refuse it. */
    yaml_document_t next;
    if (!yaml_parser_load(&parser, &next)) {
      rc = yaml_failure(&cx, &parser, buf.buf, buf.len);
    } else {
      yaml_node_t *root2 = yaml_document_get_root_node(&next);
      if (root2 && !is_null(root2))
        rc = fail_at(&cx, next.start_mark.line, next.start_mark.column,
                     "only one YAML document is allowed in a configuration file");
      yaml_document_delete(&next);
    }
  }
  yaml_document_delete(&doc);
done:
  yaml_parser_delete(&parser);
  sb_release(&buf);
  if (rc)
    config_release(out);
  else
    out->path = xstrdup(path);
  return rc;
}

/* ---- InheritParentConfig ---- */

static char *join_lists(const char *parent, const char *child) {
  if (!parent)
    return child ? xstrdup(child) : NULL;
  if (!child)
    return xstrdup(parent);
  if (!*parent)
    return xstrdup(child);
  if (!*child)
    return xstrdup(parent);
  size_t n = strlen(parent) + strlen(child) + 2;
  char *r = xcalloc(n, 1);
  snprintf(r, n, "%s,%s", parent, child);
  return r;
}

/* names_prepend: dst becomes parent's names followed by dst's own. */
static void names_prepend(struct cfg_names *dst, const struct cfg_names *parent) {
  if (!parent->n)
    return;
  char **v = xcalloc(parent->n + dst->n, sizeof *v);
  for (size_t i = 0; i < parent->n; i++)
    v[i] = xstrdup(parent->v[i]);
  for (size_t i = 0; i < dst->n; i++)
    v[parent->n + i] = dst->v[i];
  free(dst->v);
  dst->v = v;
  dst->n += parent->n;
}

static void names_copy(struct cfg_names *dst, const struct cfg_names *src) {
  dst->n = 0;
  dst->v = src->n ? xcalloc(src->n, sizeof *dst->v) : NULL;
  for (size_t i = 0; i < src->n; i++)
    dst->v[dst->n++] = xstrdup(src->v[i]);
}

void config_merge_parent(struct vtl_config *c, const struct vtl_config *p) {
  char *checks = join_lists(p->checks, c->checks);
  free(c->checks);
  c->checks = checks;
  char *wae = join_lists(p->warnings_as_errors, c->warnings_as_errors);
  free(c->warnings_as_errors);
  c->warnings_as_errors = wae;
  if (!c->header_filter && p->header_filter)
    c->header_filter = xstrdup(p->header_filter);
  /* Profiles: the parent's, each overridden field by field by the child's of that name */
  struct cfg_profile *prof = xcalloc(p->nprofiles + c->nprofiles, sizeof *prof);
  size_t np = 0;
  for (size_t i = 0; i < p->nprofiles; i++) {
    prof[np] = p->profiles[i];
    prof[np++].name = xstrdup(p->profiles[i].name);
  }
  for (size_t i = 0; i < c->nprofiles; i++) {
    struct cfg_profile *mine = &c->profiles[i], *same = NULL;
    for (size_t k = 0; k < np && !same; k++)
      if (!strcmp(prof[k].name, mine->name))
        same = &prof[k];
    if (!same) {
      prof[np++] = *mine;
      continue; /* the name moves over */
    }
    if (mine->enabled != CFG_UNSET)
      same->enabled = mine->enabled;
    if (mine->double_await != CFG_DA_UNSET)
      same->double_await = mine->double_await;
    if (mine->fields != CFG_FIELDS_UNSET)
      same->fields = mine->fields;
    same->line = mine->line;
    same->col = mine->col;
    free(mine->name);
  }
  free(c->profiles);
  c->profiles = prof;
  c->nprofiles = np;
  /* Awaitables: the parent's first */
  struct cfg_awaitable *aw = xcalloc(p->nawaitables + c->nawaitables, sizeof *aw);
  for (size_t i = 0; i < p->nawaitables; i++) {
    const struct cfg_awaitable *s = &p->awaitables[i];
    struct cfg_awaitable *d = &aw[i];
    *d = *s;
    d->type = xstrdup(s->type);
    names_copy(&d->await, &s->await);
    names_copy(&d->get_result, &s->get_result);
    names_copy(&d->wait, &s->wait);
    names_copy(&d->query, &s->query);
    names_copy(&d->transfer, &s->transfer);
    names_copy(&d->create_completed, &s->create_completed);
  }
  for (size_t i = 0; i < c->nawaitables; i++)
    aw[p->nawaitables + i] = c->awaitables[i];
  free(c->awaitables);
  c->awaitables = aw;
  c->nawaitables += p->nawaitables;
  names_prepend(&c->assert_fatal, &p->assert_fatal);
  names_prepend(&c->assert_fatal_false, &p->assert_fatal_false);
  names_prepend(&c->assert_expect_throw, &p->assert_expect_throw);
}

/* ---- release ---- */

static void names_release(struct cfg_names *n) {
  for (size_t i = 0; i < n->n; i++)
    free(n->v[i]);
  free(n->v);
}

void config_release(struct vtl_config *c) {
  if (!c)
    return;
  free(c->path);
  free(c->checks);
  free(c->warnings_as_errors);
  free(c->header_filter);
  for (size_t i = 0; i < c->nprofiles; i++)
    free(c->profiles[i].name);
  free(c->profiles);
  for (size_t i = 0; i < c->nawaitables; i++) {
    struct cfg_awaitable *a = &c->awaitables[i];
    free(a->type);
    names_release(&a->await);
    names_release(&a->get_result);
    names_release(&a->wait);
    names_release(&a->query);
    names_release(&a->transfer);
    names_release(&a->create_completed);
  }
  free(c->awaitables);
  names_release(&c->assert_fatal);
  names_release(&c->assert_fatal_false);
  names_release(&c->assert_expect_throw);
  memset(c, 0, sizeof *c);
}

/* ---- find ---- */

char *config_find(const char *dir, void (*warn)(void *self, const char *line), void *self) {
  char *d = path_absolute(dir && *dir ? dir : ".", NULL);
  for (;;) {
    struct strbuf p = STRBUF_INIT;
    sb_addf(&p, "%s/.vtasklint.yaml", strcmp(d, "/") == 0 ? "" : d);
    struct stat st;
    if (stat(p.buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
      const char *why = path_unsafe(p.buf);
      if (!why) {
        free(d);
        return sb_detach(&p);
      }
      /* Someone else's file (or one anyone could have put there) is not ours to obey. */
      if (warn) {
        struct strbuf m = STRBUF_INIT;
        sb_addf(&m, "vtasklint: warning: '%s' is %s; ignored (name it with --config to use it)", p.buf, why);
        one_line(&m, 0);
        warn(self, m.buf);
        sb_release(&m);
      }
    }
    sb_release(&p);
    char *slash = strrchr(d, '/');
    if (!slash || strcmp(d, "/") == 0) {
      free(d);
      return NULL;
    }
    slash[slash == d] = 0; /* "/a" -> "/", "/a/b" -> "/a" */
  }
}

/* ---- dump ---- */

/* Single quotes (embedded ones doubled); double quotes with escapes when the string holds
 * control characters, which a single-quoted scalar cannot carry unchanged. */
static void dump_str(FILE *out, const char *s) {
  bool plain_bytes = true;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      plain_bytes = false;
  if (plain_bytes) {
    fputc('\'', out);
    for (const char *p = s; *p; p++) {
      if (*p == '\'')
        fputc('\'', out);
      fputc(*p, out);
    }
    fputc('\'', out);
    return;
  }
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\t': fputs("\\t", out); break;
    case '\r': fputs("\\r", out); break;
    default:
      if (*p < 0x20 || *p == 0x7f)
        fprintf(out, "\\x%02X", *p);
      else
        fputc(*p, out);
    }
  }
  fputc('"', out);
}

static void dump_names(FILE *out, const char *key, const struct cfg_names *n) {
  if (!n->n)
    return;
  fprintf(out, "    %s: [", key);
  for (size_t i = 0; i < n->n; i++) {
    if (i)
      fputs(", ", out);
    dump_str(out, n->v[i]);
  }
  fputs("]\n", out);
}

void config_dump(const struct vtl_config *c, FILE *out) {
  /* Every key, defaults included; the dump is already merged, so it inherits nothing. */
  fputs("Checks: ", out);
  dump_str(out, c->checks ? c->checks : "*");
  fputs("\nWarningsAsErrors: ", out);
  dump_str(out, c->warnings_as_errors ? c->warnings_as_errors : "");
  fputs("\nHeaderFilter: ", out);
  dump_str(out, c->header_filter ? c->header_filter : ""); /* '' matches every header */
  fputs("\nInheritParentConfig: false\n", out);
  /* every profile the model has, in the model's order: the ones not named are on, with their
   * own defaults */
  fputs("Profiles:\n", out);
  for (int k = 0; model_profile_config_name(k); k++) {
    const char *name = model_profile_config_name(k);
    const struct cfg_profile *p = NULL;
    for (size_t i = 0; i < c->nprofiles && !p; i++)
      if (!strcmp(c->profiles[i].name, name))
        p = &c->profiles[i];
    fprintf(out, "  %s:", name);
    if (!p || (p->double_await == CFG_DA_UNSET && p->fields == CFG_FIELDS_UNSET)) {
      fprintf(out, " %s\n", p && p->enabled == CFG_OFF ? "off" : "on");
      continue;
    }
    fputs(" {", out);
    const char *sep = " ";
    if (p->enabled != CFG_UNSET) {
      fprintf(out, "%senabled: %s", sep, p->enabled == CFG_ON ? "on" : "off");
      sep = ", ";
    }
    if (p->double_await != CFG_DA_UNSET) {
      fprintf(out, "%sdouble-await: %s", sep, da_words[p->double_await - 1]);
      sep = ", ";
    }
    if (p->fields != CFG_FIELDS_UNSET)
      fprintf(out, "%sfields: %s", sep, fields_words[p->fields - 1]);
    fputs(" }\n", out);
  }
  if (!c->nawaitables)
    fputs("Awaitables: []\n", out);
  else {
    fputs("Awaitables:\n", out);
    for (size_t i = 0; i < c->nawaitables; i++) {
      const struct cfg_awaitable *a = &c->awaitables[i];
      fputs("  - Type: ", out);
      dump_str(out, a->type ? a->type : "");
      fputc('\n', out);
      dump_names(out, "Await", &a->await);
      dump_names(out, "GetResult", &a->get_result);
      dump_names(out, "Wait", &a->wait);
      dump_names(out, "Query", &a->query);
      dump_names(out, "Transfer", &a->transfer);
      dump_names(out, "CreateCompleted", &a->create_completed);
      if (a->fields_allowed != CFG_UNSET)
        fprintf(out, "    FieldsAllowed: %s\n", a->fields_allowed == CFG_ON ? "true" : "false");
    }
  }
  {
    fputs("Assertions:\n", out);
    const struct cfg_names *lists[] = {&c->assert_fatal, &c->assert_fatal_false, &c->assert_expect_throw};
    static const char *const keys[] = {"Fatal", "FatalFalse", "ExpectThrow"};
    for (int k = 0; k < 3; k++) {
      fprintf(out, "  %s: [", keys[k]);
      for (size_t i = 0; i < lists[k]->n; i++) {
        if (i)
          fputs(", ", out);
        dump_str(out, lists[k]->v[i]);
      }
      fputs("]\n", out);
    }
  }
}
