/* cfg.c: construction helpers for struct cfg (see cfg.h). */
#include "analyzer/flow/cfg.h"

#include <stdio.h>
#include <string.h>

void cfg_init(struct cfg *g, struct arena *a) {
  memset(g, 0, sizeof *g);
  g->arena = a;
  g->returns_query = -1;
  g->entry = cfg_block(g);
  g->exit = cfg_block(g);
}

int32_t cfg_block(struct cfg *g) {
  struct block b;
  memset(&b, 0, sizeof b);
  vec_push(g->arena, &g->blocks, b);
  return (int32_t)g->blocks.n - 1;
}

int32_t cfg_event(struct cfg *g, int32_t block, const struct event *ev) {
  struct event e = *ev;
  e.order = (uint32_t)g->events.n;
  vec_push(g->arena, &g->events, e);
  int32_t id = (int32_t)g->events.n - 1;
  vec_push(g->arena, &g->blocks.v[block].evs, id);
  return id;
}

void cfg_edge(struct cfg *g, int32_t from, int32_t to, uint8_t refine, int32_t rvar, int32_t rev) {
  struct edge e = {from, to, refine, rvar, rev, 0};
  vec_push(g->arena, &g->edges, e);
}

void cfg_edge_value(struct cfg *g, int32_t from, int32_t to, uint8_t refine, int32_t rvar, int64_t value) {
  struct edge e = {from, to, refine, rvar, -1, value};
  vec_push(g->arena, &g->edges, e);
}

const uint8_t ev_props[EV_COUNT] = {
    [EV_CREATE] = EVP_CREATES | EVP_REBINDS,
    [EV_CREATE_COMPLETED] = EVP_CREATES | EVP_REBINDS,
    [EV_FRESH] = EVP_CREATES | EVP_REBINDS,
    [EV_AWAIT] = EVP_CONSUMES | EVP_USES_OP,
    [EV_GET_RESULT] = EVP_CONSUMES | EVP_USES_OP,
    [EV_TRANSFER] = EVP_CONSUMES | EVP_MOVES | EVP_USES_OP,
    [EV_PASS] = EVP_CONSUMES | EVP_MOVES | EVP_USES_OP,
    [EV_COPY] = EVP_REBINDS,
    [EV_MOVE] = EVP_CREATES | EVP_REBINDS | EVP_MOVES | EVP_USES_OP,
    [EV_ESCAPE] = EVP_USES_OP | EVP_VALUE,
    [EV_CLEAR] = EVP_REBINDS,
    [EV_FLAG_SET] = EVP_VALUE,
    [EV_FLAG_CLEAR] = EVP_VALUE,
    [EV_WAIT] = EVP_USES_OP, /* sync_wait(t) runs it to completion */
    [EV_COND_KILL] = EVP_VALUE,
    [EV_COND_SET] = EVP_VALUE,
    [EV_RUN] = EVP_USES_OP, /* t.resume() runs it by hand: not a dropped task */
};

void cfg_finish(struct cfg *g) {
  size_t nb = g->blocks.n, ne = g->edges.n;
  int32_t *cs = ARENA_ARRAY(g->arena, int32_t, nb + 1);
  int32_t *cp = ARENA_ARRAY(g->arena, int32_t, nb + 1);
  for (size_t i = 0; i < ne; i++) {
    cs[g->edges.v[i].from + 1]++;
    cp[g->edges.v[i].to + 1]++;
  }
  for (size_t b = 0; b < nb; b++) {
    cs[b + 1] += cs[b];
    cp[b + 1] += cp[b];
  }
  g->succ = ARENA_ARRAY(g->arena, int32_t, ne + 1);
  g->pred = ARENA_ARRAY(g->arena, int32_t, ne + 1);
  for (size_t b = 0; b < nb; b++) {
    g->blocks.v[b].succ_begin = g->blocks.v[b].succ_end = cs[b];
    g->blocks.v[b].pred_begin = g->blocks.v[b].pred_end = cp[b];
  }
  for (size_t i = 0; i < ne; i++) {
    struct edge *e = &g->edges.v[i];
    g->succ[g->blocks.v[e->from].succ_end++] = (int32_t)i;
    g->pred[g->blocks.v[e->to].pred_end++] = (int32_t)i;
  }
}

const char *cfg_event_name(int kind) {
  static const char *const names[] = {
      "create", "create-completed", "fresh", "await", "get-result", "transfer", "pass", "query", "use",
      "copy", "move", "escape", "clear", "flag-set", "flag-clear", "wait", "discard", "store", "cond-kill", "cond-set", "run",
      "free", "finish",
  };
  return kind >= 0 && (size_t)kind < sizeof names / sizeof *names ? names[kind] : "?";
}

void cfg_dump(const struct cfg *g, void *file) {
  FILE *f = file;
  static const char *const rnames[REF_COUNT] = {"", " [completed]", " [not-completed]", " [true]", " [false]", " [live]",
                                                " [==]", " [!=]", " [default]"};
  fprintf(f, "function %s%s\n", g->fn_name ? g->fn_name : "?", g->is_coroutine ? " (coroutine)" : "");
  for (size_t b = 0; b < g->blocks.n; b++) {
    const struct block *bl = &g->blocks.v[b];
    fprintf(f, "  B%zu%s%s:", b, (int32_t)b == g->entry ? " (entry)" : "", (int32_t)b == g->exit ? " (exit)" : "");
    for (size_t i = 0; i < bl->evs.n; i++) {
      const struct event *e = &g->events.v[bl->evs.v[i]];
      fprintf(f, " %s", cfg_event_name(e->kind));
      if (e->var >= 0)
        fprintf(f, "(%s", g->vars.v[e->var].name);
      if (e->var2 >= 0)
        fprintf(f, "%s%s", e->var >= 0 ? "," : "(", g->vars.v[e->var2].name);
      if (e->kind == EV_COND_SET)
        fprintf(f, "=%lld", (long long)e->value);
      if (e->var >= 0 || e->var2 >= 0)
        fputc(')', f);
    }
    fprintf(f, " ->");
    for (int32_t s = bl->succ_begin; s < bl->succ_end; s++) {
      const struct edge *e = &g->edges.v[g->succ[s]];
      fprintf(f, " B%d%s", e->to, rnames[e->refine]);
      if (e->refine != REF_NONE && e->rvar >= 0) {
        if (e->refine == REF_EQ || e->refine == REF_NE)
          fprintf(f, "(%s,%lld)", g->vars.v[e->rvar].name, (long long)e->value);
        else
          fprintf(f, "(%s)", g->vars.v[e->rvar].name);
      }
    }
    fputc('\n', f);
  }
}
