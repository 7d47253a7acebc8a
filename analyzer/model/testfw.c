/* testfw.c: see testfw.h. */
#include "analyzer/model/testfw.h"

#include <string.h>

#include "analyzer/model/model_int.h"
#include "analyzer/support/strbuf.h"

/* ---- the frameworks' macros ---- */

struct builtin {
  const char *name;
  uint8_t kind, arg;
};

/* Catch2 (v2, v3; with and without the CATCH_ prefix), doctest (with and without DOCTEST_),
 * GoogleTest, Boost.Test. CHECK, EXPECT_TRUE, BOOST_CHECK, WARN are not here: a failed check
 * lets the test go on. *_NOTHROW are not here either: that call is expected to return. */
static const struct builtin builtins[] = {
    /* fatal guards */
    {"REQUIRE", AK_FATAL, AA_ALL},
    {"CATCH_REQUIRE", AK_FATAL, AA_ALL},
    {"DOCTEST_REQUIRE", AK_FATAL, AA_ALL},
    {"REQUIRE_UNARY", AK_FATAL, AA_ALL},
    {"DOCTEST_REQUIRE_UNARY", AK_FATAL, AA_ALL},
    {"ASSERT_TRUE", AK_FATAL, AA_FIRST},
    {"GTEST_ASSERT_TRUE", AK_FATAL, AA_FIRST},
    {"BOOST_REQUIRE", AK_FATAL, AA_FIRST},
    {"BOOST_REQUIRE_MESSAGE", AK_FATAL, AA_FIRST},
    {"BOOST_TEST_REQUIRE", AK_FATAL, AA_FIRST},
    /* negated fatal guards */
    {"REQUIRE_FALSE", AK_FATAL_FALSE, AA_ALL},
    {"CATCH_REQUIRE_FALSE", AK_FATAL_FALSE, AA_ALL},
    {"DOCTEST_REQUIRE_FALSE", AK_FATAL_FALSE, AA_ALL},
    {"REQUIRE_UNARY_FALSE", AK_FATAL_FALSE, AA_ALL},
    {"DOCTEST_REQUIRE_UNARY_FALSE", AK_FATAL_FALSE, AA_ALL},
    {"ASSERT_FALSE", AK_FATAL_FALSE, AA_FIRST},
    {"GTEST_ASSERT_FALSE", AK_FATAL_FALSE, AA_FIRST},
    /* expected to throw: Catch2 */
    {"REQUIRE_THROWS", AK_EXPECT_THROW, AA_ALL},
    {"REQUIRE_THROWS_AS", AK_EXPECT_THROW, AA_FIRST},
    {"REQUIRE_THROWS_WITH", AK_EXPECT_THROW, AA_FIRST},
    {"REQUIRE_THROWS_MATCHES", AK_EXPECT_THROW, AA_FIRST},
    {"CHECK_THROWS", AK_EXPECT_THROW, AA_ALL},
    {"CHECK_THROWS_AS", AK_EXPECT_THROW, AA_FIRST},
    {"CHECK_THROWS_WITH", AK_EXPECT_THROW, AA_FIRST},
    {"CHECK_THROWS_MATCHES", AK_EXPECT_THROW, AA_FIRST},
    {"CATCH_REQUIRE_THROWS", AK_EXPECT_THROW, AA_ALL},
    {"CATCH_REQUIRE_THROWS_AS", AK_EXPECT_THROW, AA_FIRST},
    {"CATCH_REQUIRE_THROWS_WITH", AK_EXPECT_THROW, AA_FIRST},
    {"CATCH_REQUIRE_THROWS_MATCHES", AK_EXPECT_THROW, AA_FIRST},
    {"CATCH_CHECK_THROWS", AK_EXPECT_THROW, AA_ALL},
    {"CATCH_CHECK_THROWS_AS", AK_EXPECT_THROW, AA_FIRST},
    {"CATCH_CHECK_THROWS_WITH", AK_EXPECT_THROW, AA_FIRST},
    {"CATCH_CHECK_THROWS_MATCHES", AK_EXPECT_THROW, AA_FIRST},
    /* doctest */
    {"WARN_THROWS", AK_EXPECT_THROW, AA_ALL},
    {"WARN_THROWS_AS", AK_EXPECT_THROW, AA_FIRST},
    {"WARN_THROWS_WITH", AK_EXPECT_THROW, AA_FIRST},
    {"WARN_THROWS_WITH_AS", AK_EXPECT_THROW, AA_FIRST},
    {"CHECK_THROWS_WITH_AS", AK_EXPECT_THROW, AA_FIRST},
    {"REQUIRE_THROWS_WITH_AS", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_WARN_THROWS", AK_EXPECT_THROW, AA_ALL},
    {"DOCTEST_CHECK_THROWS", AK_EXPECT_THROW, AA_ALL},
    {"DOCTEST_REQUIRE_THROWS", AK_EXPECT_THROW, AA_ALL},
    {"DOCTEST_WARN_THROWS_AS", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_CHECK_THROWS_AS", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_REQUIRE_THROWS_AS", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_WARN_THROWS_WITH", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_CHECK_THROWS_WITH", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_REQUIRE_THROWS_WITH", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_WARN_THROWS_WITH_AS", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_CHECK_THROWS_WITH_AS", AK_EXPECT_THROW, AA_FIRST},
    {"DOCTEST_REQUIRE_THROWS_WITH_AS", AK_EXPECT_THROW, AA_FIRST},
    /* GoogleTest */
    {"EXPECT_THROW", AK_EXPECT_THROW, AA_FIRST},
    {"ASSERT_THROW", AK_EXPECT_THROW, AA_FIRST},
    {"EXPECT_ANY_THROW", AK_EXPECT_THROW, AA_FIRST},
    {"ASSERT_ANY_THROW", AK_EXPECT_THROW, AA_FIRST},
    {"GTEST_TEST_THROW_", AK_EXPECT_THROW, AA_FIRST},
    {"GTEST_TEST_ANY_THROW_", AK_EXPECT_THROW, AA_FIRST},
    /* Boost.Test */
    {"BOOST_CHECK_THROW", AK_EXPECT_THROW, AA_FIRST},
    {"BOOST_REQUIRE_THROW", AK_EXPECT_THROW, AA_FIRST},
    {"BOOST_WARN_THROW", AK_EXPECT_THROW, AA_FIRST},
    {"BOOST_CHECK_EXCEPTION", AK_EXPECT_THROW, AA_FIRST},
    {"BOOST_REQUIRE_EXCEPTION", AK_EXPECT_THROW, AA_FIRST},
    {"BOOST_WARN_EXCEPTION", AK_EXPECT_THROW, AA_FIRST},
};

/* Test helpers that take a callable and fail unless calling it throws (the name is what their
 * projects call them; a project's other names go in the configuration). */
static const char *const builtin_functions[] = {
    "assert_throws", "assert_throw", "expect_throws", "expect_throw", "require_throws", "check_throws",
    "assertThrows",  "expectThrows", "AssertThrows",  "ExpectThrows",
};

static const struct assert_info none = {AK_NONE, AA_FIRST};

/* ---- state ---- */

struct named {
  const char *name;
  struct assert_info info;
};

struct def {
  const char *name;
  const char *body, *end; /* in libclang's buffer of the file */
};

struct testfw {
  struct arena *a;
  const struct model_settings *s;
  size_t nconfigured;
  VEC(struct named) cache; /* macro names seen at statements, with what they are */
  VEC(CXCursor) lambdas;   /* lambdas passed to an expect-throw */
  VEC(CXFile) files;       /* the unit's files */
  VEC(struct def) defs;    /* the #defines of its non-system files, indexed on first need */
  bool indexed;
  const struct testfw_source *sources; /* testfw_set_sources; NULL: walk the inclusions */
  size_t nsources;
};

void testfw_set_sources(struct testfw *t, const struct testfw_source *v, size_t n) {
  t->sources = v;
  t->nsources = n;
}

struct testfw *model_testfw(struct model *m) {
  if (!m->testfw)
    m->testfw = testfw_new(m->arena, m->settings);
  return m->testfw;
}

struct testfw *testfw_new(struct arena *a, const struct model_settings *settings) {
  struct testfw *t = ARENA_NEW(a, struct testfw);
  t->a = a;
  t->s = settings;
  if (settings)
    for (int k = 0; k < AK_COUNT; k++)
      t->nconfigured += settings->nassert_names[k];
  return t;
}

const char *testfw_kind_name(int kind) {
  switch (kind) {
  case AK_FATAL: return "fatal-guard";
  case AK_FATAL_FALSE: return "fatal-guard-negated";
  case AK_EXPECT_THROW: return "expects-throw";
  default: return "none";
  }
}

bool testfw_has_functions(const struct testfw *t) { return t->nconfigured > 0; }

/* A name the configuration gives (first), or the built-in table. */
static struct assert_info table_lookup(const struct testfw *t, const char *name, bool builtin) {
  if (t->s)
    for (int k = 0; k < AK_COUNT; k++)
      for (size_t i = 0; i < t->s->nassert_names[k]; i++)
        if (strcmp(t->s->assert_names[k][i], name) == 0)
          return (struct assert_info){(uint8_t)k, AA_FIRST};
  if (builtin)
    for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++)
      if (strcmp(builtins[i].name, name) == 0)
        return (struct assert_info){builtins[i].kind, builtins[i].arg};
  return none;
}

/* ---- a project's own macros: their definitions, read from the unit's files ---- */

static void add_file(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData d) {
  (void)stack;
  (void)n;
  struct testfw *t = d;
  vec_push(t->a, &t->files, f);
}

static bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static struct assert_info lookup(struct testfw *t, CXTranslationUnit tu, CXFile where, const char *name, int depth);

/* body_kind: the first assertion a macro body [p, end) invokes, directly or through another
 * macro it invokes (`NAME(`), up to a few levels. String and character literals are skipped. */
static struct assert_info body_kind(struct testfw *t, CXTranslationUnit tu, CXFile where, const char *p,
                                    const char *end, int depth) {
  while (p < end) {
    char c = *p;
    if (c == '"' || c == '\'') {
      for (p++; p < end && *p != c; p++)
        if (*p == '\\')
          p++;
      p++;
      continue;
    }
    if (!is_ident(c) || (c >= '0' && c <= '9')) {
      p++;
      continue;
    }
    const char *s = p;
    while (p < end && is_ident(*p))
      p++;
    char word[128];
    size_t n = (size_t)(p - s);
    if (n >= sizeof word)
      continue;
    memcpy(word, s, n);
    word[n] = 0;
    struct assert_info ai = table_lookup(t, word, true);
    if (ai.kind != AK_NONE)
      return (struct assert_info){ai.kind, AA_FIRST};
    const char *q = p;
    while (q < end && (*q == ' ' || *q == '\t'))
      q++;
    if (depth < 3 && q < end && *q == '(' && n > 2) {
      ai = lookup(t, tu, where, word, depth + 1);
      if (ai.kind != AK_NONE)
        return (struct assert_info){ai.kind, AA_FIRST};
    }
  }
  return none;
}

/* index_defines: every `#define NAME body` of buffer [buf, buf+len), the body to the end of
 * its logical line. */
static void index_defines(struct testfw *t, const char *buf, size_t len) {
  const char *end = buf + len;
  for (const char *p = buf; p < end;) {
    const char *d = memchr(p, '#', (size_t)(end - p));
    if (!d)
      break;
    p = d + 1;
    /* '#' first on its line (after blanks), then "define", blanks, the name */
    const char *b = d;
    while (b > buf && (b[-1] == ' ' || b[-1] == '\t'))
      b--;
    if (b > buf && b[-1] != '\n')
      continue;
    const char *q = p;
    while (q < end && (*q == ' ' || *q == '\t'))
      q++;
    if (end - q < 8 || memcmp(q, "define", 6) != 0 || (q[6] != ' ' && q[6] != '\t'))
      continue;
    q += 6;
    while (q < end && (*q == ' ' || *q == '\t'))
      q++;
    const char *ns = q;
    while (q < end && is_ident(*q))
      q++;
    if (q == ns)
      continue;
    struct def df = {arena_strndup(t->a, ns, (size_t)(q - ns)), NULL, NULL};
    if (q < end && *q == '(') /* the parameters */
      while (q < end && *q != ')' && *q != '\n')
        q++;
    const char *e = q; /* the body: to the end of the logical line */
    while (e < end && !(*e == '\n' && !(e > q && e[-1] == '\\') && !(e > q + 1 && e[-1] == '\r' && e[-2] == '\\')))
      e++;
    df.body = q;
    df.end = e;
    vec_push(t->a, &t->defs, df);
    p = e;
  }
}

/* from_definition: what a macro's definitions (in the unit's non-system files, indexed once per
 * unit) invoke. */
static struct assert_info from_definition(struct testfw *t, CXTranslationUnit tu, CXFile where, const char *name,
                                          int depth) {
  if (!t->indexed && t->sources) {
    t->indexed = true;
    for (size_t i = 0; i < t->nsources; i++)
      index_defines(t, t->sources[i].text, t->sources[i].len);
  }
  if (!t->indexed) {
    t->indexed = true;
    clang_getInclusions(tu, add_file, t);
    for (size_t i = 0; i < t->files.n; i++) {
      CXFile f = t->files.v[i];
      size_t len = 0;
      const char *buf;
      if (!clang_Location_isInSystemHeader(clang_getLocationForOffset(tu, f, 0)) &&
          (buf = clang_getFileContents(tu, f, &len)) != NULL)
        index_defines(t, buf, len);
    }
  }
  for (size_t i = 0; i < t->defs.n; i++)
    if (strcmp(t->defs.v[i].name, name) == 0) {
      struct assert_info ai = body_kind(t, tu, where, t->defs.v[i].body, t->defs.v[i].end, depth);
      if (ai.kind != AK_NONE)
        return ai;
    }
  return none;
}

static struct assert_info lookup(struct testfw *t, CXTranslationUnit tu, CXFile where, const char *name, int depth) {
  for (size_t i = 0; i < t->cache.n; i++)
    if (strcmp(t->cache.v[i].name, name) == 0)
      return t->cache.v[i].info;
  struct named nm = {arena_strdup(t->a, name), none};
  size_t at = t->cache.n;
  vec_push(t->a, &t->cache, nm); /* a macro that names itself terminates */
  struct assert_info ai = table_lookup(t, name, true);
  if (ai.kind == AK_NONE)
    ai = from_definition(t, tu, where, name, depth);
  t->cache.v[at].info = ai;
  return ai;
}

struct assert_info testfw_macro(struct testfw *t, CXTranslationUnit tu, CXFile where, const char *name) {
  return lookup(t, tu, where, name, 0);
}

/* ---- functions named in the configuration ---- */

struct assert_info testfw_function(struct testfw *t, CXCursor decl) {
  if (clang_Cursor_isNull(decl))
    return none;
  CXString s = clang_getCursorSpelling(decl);
  const char *name = clang_getCString(s);
  struct assert_info ai = table_lookup(t, name, false);
  for (size_t i = 0; ai.kind == AK_NONE && i < sizeof builtin_functions / sizeof *builtin_functions; i++)
    if (strcmp(builtin_functions[i], name) == 0)
      ai.kind = AK_EXPECT_THROW;
  clang_disposeString(s);
  if (ai.kind != AK_NONE || !t->nconfigured)
    return ai;
  struct strbuf q = STRBUF_INIT;
  model_qualified_name(decl, &q);
  ai = q.len ? table_lookup(t, q.buf, false) : none;
  sb_release(&q);
  return ai;
}

/* ---- lambdas handed to an expect-throw ---- */

void testfw_mark_lambda(struct testfw *t, CXCursor lambda) {
  if (!testfw_lambda_marked(t, lambda))
    vec_push(t->a, &t->lambdas, lambda);
}

bool testfw_lambda_marked(const struct testfw *t, CXCursor lambda) {
  for (size_t i = 0; i < t->lambdas.n; i++)
    if (clang_equalCursors(t->lambdas.v[i], lambda))
      return true;
  return false;
}
