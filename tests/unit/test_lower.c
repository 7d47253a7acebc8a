/* test_lower.c: the lowering (analyzer/flow/lower.h) and the solver (solve.h). Each test
 * parses a C snippet in memory, lowers one function into a struct cfg and checks what the
 * graph promises: the vtask events in source order, which blocks reach which (a diamond, a
 * loop without an exit, a do-while(0) without a back edge), the completion facts on the edges
 * of a query, and the solver's answers at chosen events. Shapes are checked by reachability,
 * not by block numbers, so the tests say what the graph means rather than how it is built. */
#include <clang-c/Index.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer/flow/cfg.h"
#include "analyzer/flow/lower.h"
#include "analyzer/flow/solve.h"
#include "analyzer/model/model.h"
#include "analyzer/support/arena.h"
#include "analyzer/support/strbuf.h"

/* Every snippet starts with this prelude. */
static const char prelude[] =
    "#include <vtask.h>\n"
    "vtask_t read_async(int fd);\n"
    "void use(void *p);\n"
    "int cond(void);\n";

/* ---- parsing and lowering ---- */

struct lowered {
  CXIndex idx;
  CXTranslationUnit tu;
  struct arena arena;
  struct cfg g;
};

struct find_fn {
  const char *name;
  bool definition;
  CXCursor found;
};

static enum CXChildVisitResult find_fn_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  struct find_fn *f = data;
  if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c) == f->definition) {
    CXString s = clang_getCursorSpelling(c);
    bool hit = strcmp(clang_getCString(s), f->name) == 0;
    clang_disposeString(s);
    if (hit) {
      f->found = c;
      return CXChildVisit_Break;
    }
  }
  return CXChildVisit_Continue;
}

/* parse_snippet: the prelude plus body, parsed as C17; it must compile. */
static void parse_snippet(struct lowered *L, const char *body) {
  struct strbuf src = STRBUF_INIT;
  sb_adds(&src, prelude);
  sb_adds(&src, body);
  const char *args[] = {"-std=c17", "-I" VTL_TESTDATA "/include", "-resource-dir", VTL_RESOURCE_DIR};
  struct CXUnsavedFile file = {"lower_snippet.c", sb_cstr(&src), (unsigned long)src.len};
  L->idx = clang_createIndex(0, 0);
  L->tu = NULL;
  assert_int_equal(clang_parseTranslationUnit2(L->idx, "lower_snippet.c", args, 4, &file, 1,
                                               CXTranslationUnit_None, &L->tu),
                   CXError_Success);
  sb_release(&src);
  for (unsigned i = 0; i < clang_getNumDiagnostics(L->tu); i++) {
    CXDiagnostic d = clang_getDiagnostic(L->tu, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
      CXString s = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());
      fail_msg("snippet does not compile: %s", clang_getCString(s));
    }
    clang_disposeDiagnostic(d);
  }
  arena_init(&L->arena);
  cfg_init(&L->g, &L->arena);
}

/* find_function: the main file's function `name`, its definition or a mere declaration. */
static CXCursor find_function(const struct lowered *L, const char *name, bool definition) {
  struct find_fn f = {name, definition, clang_getNullCursor()};
  clang_visitChildren(clang_getTranslationUnitCursor(L->tu), find_fn_visit, &f);
  if (clang_Cursor_isNull(f.found))
    fail_msg("no function named '%s'", name);
  return f.found;
}

static bool lower_into(struct lowered *L, CXCursor fn) {
  struct lower_opts o = {.model = model_new(&L->arena, NULL)}; /* no summaries, no lambda callback */
  return lower_function(&L->g, fn, &o);
}

/* lower_source: the snippet parsed, and its function fn lowered into L->g. */
static void lower_source(struct lowered *L, const char *body, const char *fn) {
  parse_snippet(L, body);
  assert_true(lower_into(L, find_function(L, fn, true)));
}

static void lowered_free(struct lowered *L) {
  arena_release(&L->arena);
  clang_disposeTranslationUnit(L->tu);
  clang_disposeIndex(L->idx);
}

/* ---- reading the graph ---- */

/* events: every event in source order, as cfg_dump spells them: "create(t) await(t)". */
static char *events(const struct cfg *g) {
  struct strbuf sb = STRBUF_INIT;
  for (size_t i = 0; i < g->events.n; i++) {
    const struct event *e = &g->events.v[i];
    sb_addf(&sb, "%s%s", i ? " " : "", cfg_event_name(e->kind));
    if (e->var >= 0)
      sb_addf(&sb, "(%s)", g->vars.v[e->var].name);
  }
  return sb_detach(&sb);
}

static void expect_events(const struct cfg *g, const char *want) {
  char *got = events(g);
  assert_string_equal(got, want);
  free(got);
}

static char *dump(const struct cfg *g) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  cfg_dump(g, f);
  fclose(f);
  return buf;
}

static int32_t var_named(const struct cfg *g, const char *name) {
  for (size_t i = 0; i < g->vars.n; i++)
    if (strcmp(g->vars.v[i].name, name) == 0)
      return (int32_t)i;
  fail_msg("no variable '%s'", name);
  return -1;
}

/* event_at: the nth (0-based) event of this kind on variable `var`. */
static int32_t event_at(const struct cfg *g, int kind, const char *var, int nth) {
  int32_t v = var_named(g, var);
  for (size_t i = 0; i < g->events.n; i++)
    if (g->events.v[i].kind == kind && g->events.v[i].var == v && nth-- == 0)
      return (int32_t)i;
  fail_msg("no %s(%s) event number %d", cfg_event_name(kind), var, nth);
  return -1;
}

static int32_t block_of(const struct cfg *g, int32_t ev) {
  for (size_t b = 0; b < g->blocks.n; b++)
    for (size_t i = 0; i < g->blocks.v[b].evs.n; i++)
      if (g->blocks.v[b].evs.v[i] == ev)
        return (int32_t)b;
  fail_msg("event %d is in no block", ev);
  return -1;
}

static int32_t block_of_event(const struct cfg *g, int kind, const char *var, int nth) {
  return block_of(g, event_at(g, kind, var, nth));
}

/* path_avoiding: a path of one or more edges leads from `from` to `to` without entering
 * `avoid` or `avoid2` (-1: none). */
static bool path_avoiding(const struct cfg *g, int32_t from, int32_t to, int32_t avoid, int32_t avoid2) {
  size_t nb = g->blocks.n;
  uint8_t *seen = calloc(nb, 1);
  int32_t *stack = malloc(sizeof *stack * (g->edges.n + 1));
  size_t sp = 0;
  bool found = false;
  stack[sp++] = from;
  while (sp && !found) {
    int32_t b = stack[--sp];
    for (int32_t s = g->blocks.v[b].succ_begin; s < g->blocks.v[b].succ_end; s++) {
      int32_t next = g->edges.v[g->succ[s]].to;
      if (next == to) {
        found = true;
        break;
      }
      if (next == avoid || next == avoid2 || seen[next])
        continue;
      seen[next] = 1;
      stack[sp++] = next;
    }
  }
  free(seen);
  free(stack);
  return found;
}

static bool reaches(const struct cfg *g, int32_t from, int32_t to) { return path_avoiding(g, from, to, -1, -1); }

static bool reachable(const struct cfg *g, int32_t b) { return b == g->entry || reaches(g, g->entry, b); }

static unsigned nsucc(const struct cfg *g, int32_t b) {
  return (unsigned)(g->blocks.v[b].succ_end - g->blocks.v[b].succ_begin);
}

/* ---- lowering: events ---- */

static void straight_line_events(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  vtask_await(t);\n"
               "}\n",
               "f");
  expect_events(&L.g, "create(t) await(t)");
  assert_string_equal(L.g.fn_name, "f");
  assert_false(L.g.too_deep);
  assert_false(L.g.is_coroutine);
  assert_true(reachable(&L.g, block_of_event(&L.g, EV_AWAIT, "t", 0)));
  assert_true(reaches(&L.g, block_of_event(&L.g, EV_AWAIT, "t", 0), L.g.exit));
  lowered_free(&L);
}

/* Parameters start as operations of unknown origin; copies and returns have events too. */
static void parameter_copy_and_return(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "vtask_t f(vtask_t p) {\n"
               "  vtask_t q = p;\n"
               "  vtask_get_result(p);\n"
               "  return q;\n"
               "}\n",
               "f");
  expect_events(&L.g, "fresh(p) copy(q) get-result(p) transfer(q)");
  assert_int_equal(L.g.events.v[1].var2, var_named(&L.g, "p"));
  lowered_free(&L);
}

/* A function without a body cannot be lowered; an empty body gives an empty graph. */
static void declaration_has_no_body(void **state) {
  (void)state;
  struct lowered L;
  parse_snippet(&L, "void h(void);\n");
  assert_false(lower_into(&L, find_function(&L, "h", false)));
  lowered_free(&L);
  lower_source(&L, "void g(void) {}\n", "g");
  expect_events(&L.g, "");
  assert_true(reaches(&L.g, L.g.entry, L.g.exit));
  lowered_free(&L);
}

/* ---- lowering: shapes ---- */

/* if/else: the two arms are exclusive and meet again before what follows. */
static void if_else_is_a_diamond(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t a = read_async(0), b = read_async(1), z = read_async(2);\n"
               "  if (cond())\n"
               "    vtask_await(a);\n"
               "  else\n"
               "    vtask_await(b);\n"
               "  vtask_await(z);\n"
               "}\n",
               "f");
  expect_events(&L.g, "create(a) create(b) create(z) await(a) await(b) await(z)");
  const struct cfg *g = &L.g;
  int32_t top = block_of_event(g, EV_CREATE, "z", 0);
  int32_t then = block_of_event(g, EV_AWAIT, "a", 0);
  int32_t els = block_of_event(g, EV_AWAIT, "b", 0);
  int32_t after = block_of_event(g, EV_AWAIT, "z", 0);
  assert_int_equal(nsucc(g, top), 2);
  assert_true(reaches(g, top, then));
  assert_true(reaches(g, top, els));
  assert_false(reaches(g, then, els));
  assert_false(reaches(g, els, then));
  assert_true(reaches(g, then, after));
  assert_true(reaches(g, els, after));
  assert_false(path_avoiding(g, top, after, then, els)); /* every way to `after` is through an arm */
  assert_false(reaches(g, after, top)); /* no cycle */
  lowered_free(&L);
}

/* if without else: the false edge skips the arm. */
static void if_without_else_skips_the_arm(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t a = read_async(0), z = read_async(2);\n"
               "  if (cond())\n"
               "    vtask_await(a);\n"
               "  vtask_await(z);\n"
               "}\n",
               "f");
  const struct cfg *g = &L.g;
  int32_t top = block_of_event(g, EV_CREATE, "z", 0);
  int32_t then = block_of_event(g, EV_AWAIT, "a", 0);
  int32_t after = block_of_event(g, EV_AWAIT, "z", 0);
  assert_true(path_avoiding(g, top, after, then, -1));
  assert_true(reaches(g, then, after));
  lowered_free(&L);
}

/* while (1) without a break never leaves: the code after it is unreachable and the body loops. */
static void while_true_has_no_exit_edge(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  while (1) {\n"
               "    vtask_is_completed(t);\n"
               "  }\n"
               "  vtask_await(t);\n"
               "}\n",
               "f");
  const struct cfg *g = &L.g;
  int32_t body = block_of_event(g, EV_QUERY, "t", 0);
  int32_t after = block_of_event(g, EV_AWAIT, "t", 0);
  assert_true(reachable(g, body));
  assert_true(reaches(g, body, body));
  assert_false(reachable(g, after));
  assert_false(reachable(g, g->exit));
  lowered_free(&L);
}

/* Near miss: with a break, or with a real condition, the loop does end. */
static void while_with_break_or_condition_exits(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  while (1) {\n"
               "    if (vtask_is_completed(t)) break;\n"
               "  }\n"
               "  vtask_get_result(t);\n"
               "}\n",
               "f");
  assert_true(reachable(&L.g, block_of_event(&L.g, EV_GET_RESULT, "t", 0)));
  lowered_free(&L);
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  while (cond()) {\n"
               "    vtask_is_completed(t);\n"
               "  }\n"
               "  vtask_await(t);\n"
               "}\n",
               "f");
  int32_t body = block_of_event(&L.g, EV_QUERY, "t", 0);
  assert_true(reaches(&L.g, body, body));
  assert_true(reachable(&L.g, block_of_event(&L.g, EV_AWAIT, "t", 0)));
  lowered_free(&L);
}

/* do { } while (0) is how macros make one statement: the body runs once, no back edge. */
static void do_while_zero_has_no_back_edge(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0), u = read_async(1);\n"
               "  do {\n"
               "    vtask_await(t);\n"
               "  } while (0);\n"
               "  vtask_await(u);\n"
               "}\n",
               "f");
  const struct cfg *g = &L.g;
  int32_t body = block_of_event(g, EV_AWAIT, "t", 0);
  assert_true(reachable(g, body));
  assert_false(reaches(g, body, body));
  assert_true(reaches(g, body, block_of_event(g, EV_AWAIT, "u", 0)));
  lowered_free(&L);
}

/* Near miss: a do-while with a real condition loops. */
static void do_while_condition_loops(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  do {\n"
               "    vtask_is_completed(t);\n"
               "  } while (cond());\n"
               "  vtask_await(t);\n"
               "}\n",
               "f");
  int32_t body = block_of_event(&L.g, EV_QUERY, "t", 0);
  assert_true(reaches(&L.g, body, body));
  lowered_free(&L);
}

/* find_refined: the edge out of block b carrying refinement `r`, or NULL. */
static const struct edge *find_refined(const struct cfg *g, int32_t b, int r) {
  for (int32_t s = g->blocks.v[b].succ_begin; s < g->blocks.v[b].succ_end; s++)
    if (g->edges.v[g->succ[s]].refine == r)
      return &g->edges.v[g->succ[s]];
  return NULL;
}

/* A completion query as a condition: the true edge says [completed], the false edge
 * [not-completed], both about t and both naming the query event. */
static void query_refines_its_edges(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void *f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  if (vtask_is_completed(t))\n"
               "    return vtask_get_result(t);\n"
               "  return vtask_await(t);\n"
               "}\n",
               "f");
  const struct cfg *g = &L.g;
  int32_t t = var_named(g, "t");
  int32_t q = event_at(g, EV_QUERY, "t", 0);
  int32_t qb = block_of(g, q);
  const struct edge *yes = find_refined(g, qb, REF_COMPLETED);
  const struct edge *no = find_refined(g, qb, REF_NOT_COMPLETED);
  assert_non_null(yes);
  assert_non_null(no);
  assert_int_equal(yes->rvar, t);
  assert_int_equal(no->rvar, t);
  assert_int_equal(yes->rev, q);
  assert_int_equal(no->rev, q);
  int32_t get = block_of_event(g, EV_GET_RESULT, "t", 0);
  int32_t await = block_of_event(g, EV_AWAIT, "t", 0);
  assert_true(yes->to == get || reaches(g, yes->to, get));
  assert_false(reaches(g, yes->to, await));
  assert_true(no->to == await || reaches(g, no->to, await));
  assert_false(reaches(g, no->to, get));
  char *d = dump(g);
  assert_non_null(strstr(d, " [completed](t)"));
  assert_non_null(strstr(d, " [not-completed](t)"));
  free(d);
  lowered_free(&L);
}

/* A negated query swaps the edges: the early return is the not-completed side. */
static void negated_query_swaps_edges(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void *f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  if (!vtask_is_completed(t))\n"
               "    return vtask_await(t);\n"
               "  return vtask_get_result(t);\n"
               "}\n",
               "f");
  const struct cfg *g = &L.g;
  int32_t qb = block_of_event(g, EV_QUERY, "t", 0);
  const struct edge *yes = find_refined(g, qb, REF_COMPLETED);
  const struct edge *no = find_refined(g, qb, REF_NOT_COMPLETED);
  assert_non_null(yes);
  assert_non_null(no);
  int32_t get = block_of_event(g, EV_GET_RESULT, "t", 0);
  int32_t await = block_of_event(g, EV_AWAIT, "t", 0);
  assert_true(yes->to == get || reaches(g, yes->to, get));
  assert_true(no->to == await || reaches(g, no->to, await));
  assert_false(reaches(g, no->to, get));
  lowered_free(&L);
}

/* Near miss: an ordinary call as the condition refines nothing. */
static void ordinary_condition_refines_nothing(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  if (cond())\n"
               "    vtask_get_result(t);\n"
               "}\n",
               "f");
  for (size_t i = 0; i < L.g.edges.n; i++)
    assert_int_equal(L.g.edges.v[i].refine, REF_NONE);
  lowered_free(&L);
}

/* ---- lowering: deep and long code ---- */

/* An else-if chain is walked iteratively: 5000 branches lower whole, the last arm included. */
static void deep_else_if_chain_lowers(void **state) {
  (void)state;
  struct strbuf src = STRBUF_INIT;
  /* a global n: a local scalar is a condition variable with events of its own */
  sb_adds(&src, "int n;\nint f(int x) {\n  vtask_t t = read_async(0);\n  if (x == 0) n += 1;\n");
  for (int k = 1; k < 5000; k++)
    sb_addf(&src, "  else if (x == %d) n += %d;\n", k, k);
  sb_adds(&src, "  else vtask_await(t);\n  return n;\n}\n");
  struct lowered L;
  lower_source(&L, sb_cstr(&src), "f");
  sb_release(&src);
  assert_false(L.g.too_deep);
  expect_events(&L.g, "create(t) await(t)");
  assert_true(reachable(&L.g, block_of_event(&L.g, EV_AWAIT, "t", 0)));
  assert_true(reachable(&L.g, L.g.exit));
  lowered_free(&L);
}

/* A left-deep sum of 20000 terms is walked without recursion. */
static void long_sum_lowers(void **state) {
  (void)state;
  struct strbuf src = STRBUF_INIT;
  sb_adds(&src, "int f(int x) {\n  vtask_t t = read_async(0);\n  int s = x");
  for (int k = 1; k < 20000; k++)
    sb_adds(&src, k % 16 ? " + x" : "\n    + x");
  sb_adds(&src, ";\n  vtask_await(t);\n  return s;\n}\n");
  struct lowered L;
  lower_source(&L, sb_cstr(&src), "f");
  sb_release(&src);
  assert_false(L.g.too_deep);
  expect_events(&L.g, "create(t) cond-kill(s) await(t)"); /* s: a scalar local, known or not */
  lowered_free(&L);
}

/* Nesting beyond LOWER_MAX_DEPTH gives up on the function (too_deep) instead of overflowing
 * the stack. Nested ifs need no brackets, so clang's bracket limit does not stop them first. */
static void nesting_beyond_the_bound_gives_up(void **state) {
  (void)state;
  struct strbuf src = STRBUF_INIT;
  sb_adds(&src, "void f(int x) {\n  vtask_t t = read_async(0);\n");
  for (int k = 0; k < LOWER_MAX_DEPTH + 100; k++)
    sb_adds(&src, "  if (x)\n");
  sb_adds(&src, "  vtask_await(t);\n}\n");
  struct lowered L;
  lower_source(&L, sb_cstr(&src), "f");
  sb_release(&src);
  assert_true(L.g.too_deep);
  lowered_free(&L);
}

/* ---- the solver ---- */

/* What the visitor saw at each event (indexed like cfg.events). */
struct seen {
  const struct cfg *g;
  int *visits;
  bool *consumed, *pending;
  int32_t *first, *origin; /* event indices, -1 */
  bool ended;
  struct solve_stats stats;
  int never_consumed; /* creating events flow_never_consumed says no path consumes */
};

static void record(void *self, struct flow_ctx *fx, const struct event *ev) {
  struct seen *s = self;
  if (!ev) {
    s->ended = true;
    flow_stats(fx, &s->stats);
    for (size_t k = 0; k < s->g->events.n; k++)
      if (s->g->events.v[k].kind == EV_CREATE && flow_never_consumed(fx, &s->g->events.v[k]))
        s->never_consumed++;
    return;
  }
  size_t i = (size_t)(ev - s->g->events.v);
  const struct event *first = NULL, *origin = NULL;
  s->visits[i]++;
  s->consumed[i] = flow_consumed(fx, ev->var, &first);
  s->pending[i] = flow_pending(fx, ev->var, &origin);
  s->first[i] = first ? (int32_t)(first - s->g->events.v) : -1;
  s->origin[i] = origin ? (int32_t)(origin - s->g->events.v) : -1;
}

static void solve(const struct cfg *g, struct seen *s) {
  size_t n = g->events.n + 1;
  s->g = g;
  s->visits = calloc(n, sizeof *s->visits);
  s->consumed = calloc(n, sizeof *s->consumed);
  s->pending = calloc(n, sizeof *s->pending);
  s->first = calloc(n, sizeof *s->first);
  s->origin = calloc(n, sizeof *s->origin);
  s->ended = false;
  s->never_consumed = 0;
  memset(&s->stats, 0, sizeof s->stats);
  assert_true(solve_run(g, record, s));
  assert_true(s->ended);
}

static void seen_free(struct seen *s) {
  free(s->visits);
  free(s->consumed);
  free(s->pending);
  free(s->first);
  free(s->origin);
}

/* The second await sees t consumed, and the first await as the consumer. */
static void second_await_sees_consumed(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  vtask_await(t);\n"
               "  vtask_await(t);\n"
               "}\n",
               "f");
  struct seen s;
  solve(&L.g, &s);
  int32_t a1 = event_at(&L.g, EV_AWAIT, "t", 0), a2 = event_at(&L.g, EV_AWAIT, "t", 1);
  assert_int_equal(s.visits[a1], 1);
  assert_int_equal(s.visits[a2], 1);
  assert_false(s.consumed[a1]);
  assert_true(s.consumed[a2]);
  assert_int_equal(s.first[a2], a1);
  seen_free(&s);
  lowered_free(&L);
}

/* Join is union: consumed on one arm is "may be consumed" after the if; a new value is not. */
static void consumed_on_some_path(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  if (cond())\n"
               "    vtask_await(t);\n"
               "  vtask_await(t);\n"
               "  t = read_async(1);\n"
               "  vtask_await(t);\n"
               "}\n",
               "f");
  struct seen s;
  solve(&L.g, &s);
  assert_true(s.consumed[event_at(&L.g, EV_AWAIT, "t", 1)]);
  assert_false(s.consumed[event_at(&L.g, EV_AWAIT, "t", 2)]); /* reassigned: a fresh operation */
  seen_free(&s);
  lowered_free(&L);
}

/* Inside `if (vtask_is_completed(t))` the result may be taken: t is not pending there. On the
 * false side, or without the check, it is, and the origin says why. */
static void get_result_under_query_is_not_pending(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0), u = read_async(1), w = read_async(2);\n"
               "  if (vtask_is_completed(t))\n"
               "    vtask_get_result(t);\n"
               "  if (vtask_is_completed(w))\n"
               "    use(0);\n"
               "  else\n"
               "    vtask_get_result(w);\n"
               "  vtask_get_result(u);\n"
               "}\n",
               "f");
  struct seen s;
  solve(&L.g, &s);
  int32_t t_get = event_at(&L.g, EV_GET_RESULT, "t", 0);
  assert_false(s.pending[t_get]);
  assert_false(s.consumed[t_get]);
  int32_t w_get = event_at(&L.g, EV_GET_RESULT, "w", 0);
  assert_true(s.pending[w_get]);
  assert_int_equal(s.origin[w_get], event_at(&L.g, EV_QUERY, "w", 0)); /* the query's false edge */
  int32_t u_get = event_at(&L.g, EV_GET_RESULT, "u", 0);
  assert_true(s.pending[u_get]);
  assert_int_equal(s.origin[u_get], event_at(&L.g, EV_CREATE, "u", 0));
  seen_free(&s);
  lowered_free(&L);
}

/* A completed vtask (vtask_from_result) is never pending. */
static void created_completed_is_not_pending(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void *p) {\n"
               "  vtask_t t = vtask_from_result(p);\n"
               "  vtask_get_result(t);\n"
               "}\n",
               "f");
  expect_events(&L.g, "create-completed(t) get-result(t)");
  struct seen s;
  solve(&L.g, &s);
  assert_false(s.pending[event_at(&L.g, EV_GET_RESULT, "t", 0)]);
  seen_free(&s);
  lowered_free(&L);
}

/* A loop back to a label: the await is reached again with t consumed. */
static void goto_loop_consumes_again(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "again:\n"
               "  vtask_await(t);\n"
               "  if (cond())\n"
               "    goto again;\n"
               "}\n",
               "f");
  int32_t await = block_of_event(&L.g, EV_AWAIT, "t", 0);
  assert_true(reachable(&L.g, await));
  assert_true(reaches(&L.g, await, await));
  struct seen s;
  solve(&L.g, &s);
  assert_true(s.consumed[event_at(&L.g, EV_AWAIT, "t", 0)]);
  seen_free(&s);
  lowered_free(&L);
}

/* An irreducible loop (two labels jumping into each other, entered at either): the fixpoint
 * exists and is reached, and the await at b sees t consumed via b -> a -> b. */
static void irreducible_goto_loop_terminates(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  if (cond()) goto b;\n"
               "a:\n"
               "  vtask_is_completed(t);\n"
               "  if (cond()) goto b;\n"
               "  return;\n"
               "b:\n"
               "  vtask_await(t);\n"
               "  if (cond()) goto a;\n"
               "}\n",
               "f");
  struct seen s;
  solve(&L.g, &s); /* returning at all is the first assertion */
  int32_t q = event_at(&L.g, EV_QUERY, "t", 0), aw = event_at(&L.g, EV_AWAIT, "t", 0);
  assert_int_equal(s.visits[q], 1);
  assert_int_equal(s.visits[aw], 1);
  assert_true(reaches(&L.g, block_of(&L.g, aw), block_of(&L.g, q)));
  assert_true(reaches(&L.g, block_of(&L.g, q), block_of(&L.g, aw)));
  assert_true(s.consumed[aw]);
  seen_free(&s);
  lowered_free(&L);
}

/* Two tests of one unassigned condition are two paths, each awaiting once: the second await
 * does not see the first (ESP: the typestates differ, so the states are not merged). */
static void correlated_tests_stay_apart(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(int c) {\n"
               "  vtask_t t = read_async(0);\n"
               "  if (c) vtask_await(t);\n"
               "  if (!c) vtask_await(t);\n"
               "}\n",
               "f");
  struct seen s;
  solve(&L.g, &s);
  assert_false(s.consumed[event_at(&L.g, EV_AWAIT, "t", 1)]);
  assert_int_equal(s.stats.dropped, 0);
  assert_int_equal(s.stats.max_states, 2);
  seen_free(&s);
  lowered_free(&L);
}

/* A switch on a known state takes only its case: the await in `default` is unreachable. */
static void switch_on_known_state_takes_one_case(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L,
               "void f(void) {\n"
               "  vtask_t t = read_async(0);\n"
               "  int s = 2;\n"
               "  switch (s) {\n"
               "  case 1: break;\n"
               "  case 2: vtask_await(t); break;\n"
               "  default: vtask_await(t); break;\n"
               "  }\n"
               "  if (s == 2) return;\n"
               "  vtask_await(t);\n"
               "}\n",
               "f");
  struct seen s;
  solve(&L.g, &s);
  assert_int_equal(s.visits[event_at(&L.g, EV_AWAIT, "t", 0)], 1);
  assert_int_equal(s.visits[event_at(&L.g, EV_AWAIT, "t", 1)], 0); /* default: not reached */
  assert_int_equal(s.visits[event_at(&L.g, EV_AWAIT, "t", 2)], 0); /* s == 2 returned */
  seen_free(&s);
  lowered_free(&L);
}

/* Past the bound, states are dropped, never merged: 2^8 typestates from eight independent
 * conditional awaits overflow 64; nothing is invented, and "no path consumes it" is not
 * answered for the function. */
static void bound_drops_states(void **state) {
  (void)state;
  struct strbuf src = STRBUF_INIT;
  sb_adds(&src, "void f(int c) {\n");
  for (int k = 0; k < 8; k++)
    sb_addf(&src, "  vtask_t t%d = read_async(%d);\n", k, k);
  for (int k = 0; k < 8; k++)
    sb_addf(&src, "  if (c > %d) vtask_await(t%d);\n", k, k);
  sb_adds(&src, "}\n");
  struct lowered L;
  lower_source(&L, sb_cstr(&src), "f");
  sb_release(&src);
  struct seen s;
  solve(&L.g, &s);
  assert_int_equal(s.stats.max_states, SOLVE_MAX_STATES);
  assert_true(s.stats.dropped > 0);
  assert_int_equal(s.never_consumed, 0);
  for (size_t i = 0; i < L.g.events.n; i++)
    assert_false(s.consumed[i]);
  seen_free(&s);
  lowered_free(&L);
}

/* A getopt loop (`switch (c)` over 80 cases) before any vtask exists: its state variable's
 * values do not keep states apart while no operation lives, so nothing is dropped. */
static void option_loop_states_merge(void **state) {
  (void)state;
  struct strbuf src = STRBUF_INIT;
  sb_adds(&src, "int next(void);\nvoid f(void) {\n  int c, x = 0;\n  while ((c = next()) != -1) {\n    switch (c) {\n");
  for (int k = 0; k < 80; k++)
    sb_addf(&src, "    case %d: x = %d; break;\n", k, k);
  sb_adds(&src, "    }\n  }\n  vtask_t t = read_async(x);\n  vtask_await(t);\n}\n");
  struct lowered L;
  lower_source(&L, sb_cstr(&src), "f");
  sb_release(&src);
  struct seen s;
  solve(&L.g, &s);
  assert_int_equal(s.stats.dropped, 0);
  assert_true(s.stats.max_states <= 2);
  seen_free(&s);
  lowered_free(&L);
}

/* A body whose events only track scalars is not solved at all. */
static void scalar_only_body_is_not_solved(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L, "int f(int x) { int y = 0; if (x) y = 1; return y; }\n", "f");
  struct seen s = {0};
  s.g = &L.g;
  assert_true(L.g.events.n > 0);
  assert_false(solve_run(&L.g, record, &s));
  lowered_free(&L);
}

/* Nothing to track: solve_run says so and never calls the visitor. */
static void solve_without_events(void **state) {
  (void)state;
  struct lowered L;
  lower_source(&L, "int f(int x) { return x + 1; }\n", "f");
  struct seen s = {0};
  s.g = &L.g;
  assert_false(solve_run(&L.g, record, &s));
  assert_false(s.ended);
  lowered_free(&L);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(straight_line_events),
      cmocka_unit_test(parameter_copy_and_return),
      cmocka_unit_test(declaration_has_no_body),
      cmocka_unit_test(if_else_is_a_diamond),
      cmocka_unit_test(if_without_else_skips_the_arm),
      cmocka_unit_test(while_true_has_no_exit_edge),
      cmocka_unit_test(while_with_break_or_condition_exits),
      cmocka_unit_test(do_while_zero_has_no_back_edge),
      cmocka_unit_test(do_while_condition_loops),
      cmocka_unit_test(query_refines_its_edges),
      cmocka_unit_test(negated_query_swaps_edges),
      cmocka_unit_test(ordinary_condition_refines_nothing),
      cmocka_unit_test(deep_else_if_chain_lowers),
      cmocka_unit_test(long_sum_lowers),
      cmocka_unit_test(nesting_beyond_the_bound_gives_up),
      cmocka_unit_test(second_await_sees_consumed),
      cmocka_unit_test(consumed_on_some_path),
      cmocka_unit_test(get_result_under_query_is_not_pending),
      cmocka_unit_test(created_completed_is_not_pending),
      cmocka_unit_test(goto_loop_consumes_again),
      cmocka_unit_test(irreducible_goto_loop_terminates),
      cmocka_unit_test(solve_without_events),
      cmocka_unit_test(correlated_tests_stay_apart),
      cmocka_unit_test(switch_on_known_state_takes_one_case),
      cmocka_unit_test(bound_drops_states),
      cmocka_unit_test(option_loop_states_merge),
      cmocka_unit_test(scalar_only_body_is_not_solved),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
