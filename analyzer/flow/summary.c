/* summary.c: see summary.h. */
#include "analyzer/flow/summary.h"

#include "analyzer/flow/solve.h"

struct sum_slot {
  CXCursor def;
  unsigned hash;
  bool busy;
  const struct summary *sum;
};

struct summaries {
  struct arena *arena;
  VEC(struct sum_slot) slots;
  int depth;
  struct summary_provider provider;
  struct lower_opts lopts; /* no lambda or record hooks: a callee's are the walk's business */
  void (*watch_get)(void *self, CXCursor def);       /* summaries_watch */
  void (*watch_undefined)(void *self, CXCursor callee);
  void *watch_self;
};

struct sum_visit {
  struct summary *s;
  int32_t *param_of_var;
  bool *rebound; /* per parameter: the body gave it another value (`t = vtask_completed();`):
                    what it knows of it later is not of the caller's vtask */
};

static bool is_ref_param(struct flow_ctx *fx, int32_t var) { return var_is_ref_param(&flow_cfg(fx)->vars.v[var]); }

/* constant_query: a function whose every return is a constant (lower_return: not a query's
 * answer either, whose polarity would be the opposite one's) and that returns
 * true only where var has completed (`if (vtask_is_completed(t)) return true; return false;`)
 * is a query of var; one that returns false only there, a negated query. Otherwise role,
 * unchanged. (Like a query the function returns, it is then taken to answer both ways: false
 * says not completed.) */
static uint8_t constant_query(struct flow_ctx *fx, int32_t var, uint8_t role) {
  const struct cfg *g = flow_cfg(fx);
  if (g->returns_other || g->ret_consts.n == 0)
    return role;
  bool all[2] = {true, true}, any[2] = {false, false};
  for (size_t i = 0; i < g->ret_consts.n; i++) {
    bool reached, done = flow_completed_in(fx, g->ret_consts.v[i].block, var, &reached);
    int t = g->ret_consts.v[i].truth;
    if (reached) {
      any[t] = true;
      all[t] = all[t] && done;
    }
  }
  bool when_true = any[1] && all[1], when_false = any[0] && all[0];
  if (when_true == when_false) /* neither, or completed wherever it returns */
    return role;
  return when_true ? SUM_QUERY : SUM_QUERY_NOT;
}

static void sum_event(void *self, struct flow_ctx *fx, const struct event *ev) {
  struct sum_visit *sv = self;
  if (!ev) {
    /* A consumption on some paths only (`if (wait) pthread_join(t, 0);`, a fast path that takes
     * the result only once it has completed) is not a consumption at the call: the caller's own
     * await on the other paths would be reported as a second one. Such a parameter escapes
     * at the call instead: nothing is reported of it afterwards, as for an unknown callee. */
    for (size_t v = 0; v < flow_cfg(fx)->vars.n; v++) {
      int32_t p = sv->param_of_var[v];
      if (p < 0)
        continue;
      uint8_t *r = &sv->s->role[p];
      if ((*r == SUM_AWAIT || *r == SUM_GET_RESULT) && flow_unconsumed_at_exit(fx, (int32_t)v))
        *r = SUM_PARTIAL;
      if (sv->rebound[p]) /* what the body knows at its end is of another vtask */
        continue;
      /* `while (!vtask_is_completed(t)) spin();`: it completed before the call returned, and
       * the caller's get_result after it is guarded */
      if ((*r == SUM_USE || *r == SUM_NONE) && flow_completed_at_exit(fx, (int32_t)v))
        *r = SUM_COMPLETES;
      if (*r == SUM_USE || *r == SUM_NONE)
        *r = constant_query(fx, (int32_t)v, *r);
    }
    return;
  }
  /* A reference parameter is the caller's own variable: its escape at the exit only says so
   * (the body's effect on it is the summary), and anything the body binds to it (a fresh vtask,
   * another one moved in, nothing) is what the caller's variable holds after the call: nothing
   * we can tell, so it escapes. */
  if (ev->flags & EVF_BOUNDARY) {
    if (ev->kind == EV_ESCAPE && ev->var >= 0 && sv->param_of_var[ev->var] >= 0 && is_ref_param(fx, ev->var))
      return;
  } else if (ev->var >= 0 && sv->param_of_var[ev->var] >= 0 &&
             (ev_has(ev->kind, EVP_REBINDS) || ev->kind == EV_FRESH)) {
    sv->rebound[sv->param_of_var[ev->var]] = true;
    if (is_ref_param(fx, ev->var))
      sv->s->role[sv->param_of_var[ev->var]] = SUM_ESCAPE;
  }
  int32_t var = ev->kind == EV_COPY || ev->kind == EV_MOVE ? ev->var2 : ev->var;
  if (var < 0 || sv->param_of_var[var] < 0)
    return;
  uint8_t *r = &sv->s->role[sv->param_of_var[var]];
  /* The event table (cfg.c) says which kinds consume; a move consumes its source. */
  uint8_t want;
  if (ev->kind == EV_GET_RESULT)
    want = SUM_GET_RESULT;
  else if (ev_has(ev->kind, EVP_CONSUMES) || ev->kind == EV_MOVE)
    want = SUM_AWAIT;
  else if (ev->kind == EV_ESCAPE)
    want = SUM_ESCAPE;
  else if (ev->kind == EV_QUERY || ev->kind == EV_USE || ev->kind == EV_COPY)
    want = SUM_USE;
  else
    return;
  /* Strongest effect wins: escape > await > get-result > use. */
  static const uint8_t rank[] = {[SUM_NONE] = 0,       [SUM_USE] = 1,   [SUM_QUERY] = 1,  [SUM_QUERY_NOT] = 1,
                                 [SUM_COMPLETES] = 1, [SUM_GET_RESULT] = 2, [SUM_AWAIT] = 3, [SUM_ESCAPE] = 4,
                                 [SUM_PARTIAL] = 4};
  if (rank[want] > rank[*r])
    *r = want;
}

/* summarize: lowers and solves def, whose parameters number np. NULL when it has no body or
 * nests too deeply. */
static struct summary *summarize(struct summaries *ss, CXCursor def, int np) {
  struct cfg g;
  cfg_init(&g, ss->arena);
  if (!lower_function(&g, def, &ss->lopts)) {
    /* A definition without a body (`= default`, or one the parse skipped: a language server's
     * preamble) says nothing of its parameters, as a function defined nowhere. */
    if (ss->watch_undefined)
      ss->watch_undefined(ss->watch_self, def);
    return NULL;
  }
  if (g.too_deep)
    return NULL;
  struct summary *s = ARENA_NEW(ss->arena, struct summary);
  s->nparams = (unsigned)np;
  s->role = ARENA_ARRAY(ss->arena, uint8_t, np);
  struct sum_visit sv = {s, ARENA_ARRAY(ss->arena, int32_t, g.vars.n + 1), ARENA_ARRAY(ss->arena, bool, np + 1)};
  for (size_t v = 0; v < g.vars.n; v++) {
    sv.param_of_var[v] = -1;
    for (int i = 0; i < np; i++)
      if ((g.vars.v[v].flags & VAR_PARAM) && clang_equalCursors(g.vars.v[v].decl, clang_Cursor_getArgument(def, (unsigned)i)))
        sv.param_of_var[v] = i;
  }
  solve_run(&g, sum_event, &sv);
  /* Every return answers whether the parameter completed (`return q(t);`,
   * `return q(t) && !f(t);`, `bool d = q(t); return d;`, `return !q(t);`): a query, if the
   * body does nothing else to it. */
  if (g.returns_query >= 0 && (size_t)g.returns_query < g.vars.n) {
    int32_t p = sv.param_of_var[g.returns_query];
    if (p >= 0 && (s->role[p] == SUM_USE || s->role[p] == SUM_NONE))
      s->role[p] = g.returns_query_neg ? SUM_QUERY_NOT : SUM_QUERY;
  }
  /* A reference parameter the body only reads may still have been waited for or polled to
   * completion, which a use cannot tell the caller: a non-const one escapes, as passing it to
   * a function whose body we cannot see does (a const one is a use either way). Consumed on
   * every path, or a query's answer, the summary says so: `int take(std::future<int> &f) {
   * return f.get(); }` called twice is a second get. */
  for (size_t v = 0; v < g.vars.n; v++) {
    int32_t p = sv.param_of_var[v];
    CXType t = clang_getCursorType(g.vars.v[v].decl);
    if (p >= 0 && var_is_ref_param(&g.vars.v[v]) && (s->role[p] == SUM_USE || s->role[p] == SUM_NONE) &&
        !(t.kind == CXType_LValueReference && clang_isConstQualifiedType(clang_getPointeeType(t))))
      s->role[p] = SUM_ESCAPE;
  }
  return s;
}

static const struct summary *get_summary(void *self, CXCursor def) {
  struct summaries *ss = self;
  if (ss->watch_get)
    ss->watch_get(ss->watch_self, def);
  unsigned h = clang_hashCursor(def);
  for (size_t i = 0; i < ss->slots.n; i++)
    if (ss->slots.v[i].hash == h && clang_equalCursors(ss->slots.v[i].def, def))
      return ss->slots.v[i].busy ? NULL : ss->slots.v[i].sum;
  if (ss->depth > 16)
    return NULL;
  struct sum_slot slot = {def, h, true, NULL};
  vec_push(ss->arena, &ss->slots, slot);
  size_t idx = ss->slots.n - 1;

  struct summary *s = NULL;
  int np = clang_Cursor_getNumArguments(def);
  bool any = false;
  /* A reference parameter is summarised in the project's own code only: a library's body
   * (libstdc++'s swap, a container's push_back(T&&)) is deep machinery whose effect the
   * parameter's type already says (lower_call.c, pass_args). */
  bool system = clang_Location_isInSystemHeader(clang_getCursorLocation(def));
  for (int i = 0; i < np; i++) {
    CXType t = clang_getCursorType(clang_Cursor_getArgument(def, (unsigned)i));
    if ((t.kind == CXType_LValueReference || t.kind == CXType_RValueReference) && !system)
      t = clang_getPointeeType(t);
    any |= model_is_vtask_type(ss->lopts.model, t);
  }
  if (any) {
    ss->depth++;
    s = summarize(ss, def, np);
    ss->depth--;
  }
  ss->slots.v[idx].busy = false;
  ss->slots.v[idx].sum = s;
  return s;
}

struct summaries *summaries_new(struct arena *a, struct model *model, int max_depth) {
  struct summaries *ss = ARENA_NEW(a, struct summaries);
  ss->arena = a;
  ss->provider.get = get_summary;
  ss->provider.self = ss;
  ss->lopts.model = model;
  ss->lopts.summaries = &ss->provider;
  ss->lopts.max_depth = max_depth;
  ss->lopts.self = ss;
  return ss;
}

const struct summary_provider *summaries_provider(struct summaries *s) { return &s->provider; }

static void undefined(void *self, CXCursor callee) {
  struct summaries *ss = self;
  ss->watch_undefined(ss->watch_self, callee);
}

void summaries_watch(struct summaries *s, void (*get)(void *self, CXCursor def),
                     void (*undef)(void *self, CXCursor callee), void *self) {
  s->watch_get = get;
  s->watch_undefined = undef;
  s->watch_self = self;
  s->provider.undefined = undef ? undefined : NULL;
}
