/* cfg.h: a function body as a control-flow graph of vtask events (design.md, "The one idea
 * that keeps it simple"). The lowering (lower.c) is the only code that knows libclang's cursor
 * kinds; the solver (solve.c) and the rules read only what is declared here. */
#ifndef VTL_FLOW_CFG_H
#define VTL_FLOW_CFG_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

#include "analyzer/model/model.h"
#include "analyzer/support/arena.h"

enum ev_kind {
  EV_CREATE,           /* var := a fresh operation from a creating call (site = this event) */
  EV_CREATE_COMPLETED, /* var := a fresh, completed operation (vtask_from_result) */
  EV_FRESH,            /* var := an operation of unknown origin (parameter, field read, ...) */
  EV_AWAIT,            /* consume asynchronously */
  EV_GET_RESULT,       /* consume synchronously; completion required */
  EV_TRANSFER,         /* consume by handing on: vtask_as_task, return, std::move into a sink */
  EV_PASS,             /* consume implicitly: passed by value to a function we cannot see */
  EV_QUERY,            /* completion query (the refinement is on the branch edges) */
  EV_USE,              /* any other read: method call, const reference, capture by copy */
  EV_COPY,             /* var := var2, the same operation under two names (C struct copy) */
  EV_MOVE,             /* var := var2's operation, var2 consumed (C++ move construction) */
  EV_ESCAPE,           /* address taken, stored away: no further diagnostics on it */
  EV_CLEAR,            /* var no longer denotes an operation (end of its scope) */
  EV_FLAG_SET,         /* boolean var := query(var2) */
  EV_FLAG_CLEAR,       /* boolean var assigned something else */
  EV_WAIT,             /* a blocking wait (var may be -1) */
  EV_DISCARD,          /* a creating call's vtask dropped unused (var -1) */
  EV_STORE,            /* a vtask assigned into a field, global or static (var may be -1) */
  EV_COND_KILL,        /* a condition variable (VAR_COND) assigned: what branches knew of it is gone */
  EV_COND_SET,         /* a condition variable assigned a constant: event.value */
  EV_RUN,              /* the operation is run by hand (libcoro's t.resume()): it is used up for
                          "never consumed", but neither consumed nor completed */
  EV_FREE,             /* var's memory is released: free(h) of a libuv handle (ROLE_FREE) */
  EV_FINISH,           /* what consumptions left to do has run (var -1): uv_run ran the close
                          callbacks; so may a call we cannot see (lower_names.c) */
  EV_COUNT
};

/* What each event kind does, in one place: the solver, the rules and the summaries read it. */
enum ev_prop {
  EVP_CONSUMES = 1,  /* consumes var's operation (await, get-result, transfer, pass) */
  EVP_MOVES = 2,     /* the consumption moves the value away (transfer, pass, move) */
  EVP_CREATES = 4,   /* var := a new operation (the event is its site) */
  EVP_REBINDS = 8,   /* changes what var denotes (create, move, copy, clear) */
  EVP_USES_OP = 16,  /* counts as the operation being used up for "never consumed" */
  EVP_VALUE = 32,    /* changes what is known of a scalar variable's value */
};
extern const uint8_t ev_props[EV_COUNT];
static inline bool ev_has(int kind, unsigned prop) { return kind >= 0 && kind < EV_COUNT && (ev_props[kind] & prop); }

/* EV_STORE's flags: where the vtask went. */
enum store_kind { STORE_FIELD = 1, STORE_GLOBAL = 2, STORE_STATIC = 3 };
/* Consuming events' flags. */
enum { EVF_MOVED = 0x10 /* the consumed value was std::move'd: co_await std::move(t) */,
       EVF_NEGATED = 0x20 /* EV_FLAG_SET: the flag holds a negated query (true: not completed) */,
       EVF_RELEASES = 0x40 /* a consumption that releases the operation but leaves the value valid
                              while it runs (pthread_detach): consuming it again is a bug, using it
                              is not (flow_spent) */,
       EVF_COMPLETES = 0x08 /* EV_WAIT: a same-file helper saw it complete on every path
                               (summary.c, SUM_COMPLETES): what the caller learns, not a wait
                               of its own (no blocking call, no use) */,
       EVF_BOUNDARY = 0x80 /* EV_FRESH of a parameter at entry, EV_ESCAPE at the exit of what
                              outlives the call (a reference parameter is the caller's again):
                              the function's edges, not its body (summary.c) */ };

struct event {
  uint8_t kind;    /* enum ev_kind */
  uint8_t flags;
  int32_t var;     /* tracked variable, -1 none */
  int32_t var2;    /* COPY/MOVE source, FLAG_SET's vtask */
  uint32_t order;  /* lowering order: source order of events in the function */
  CXCursor cur;    /* the expression (location, caret range) */
  const char *name;   /* callee or target name, for messages (may be NULL) */
  const char *word;   /* the library's word for this event, from the model: a consumption's verb
                         ("joined", "closed"), a discard's consequence; NULL: the rule's own */
  const struct vtype *type; /* EV_STORE, EV_DISCARD: the stored or dropped type */
  int64_t value;      /* EV_COND_SET: the constant assigned */
};

/* What an edge tells about the variable rvar on the paths that take it. An edge that
 * contradicts what a path knows is not taken by that path (solve.c). */
enum refine_kind {
  REF_NONE,
  REF_COMPLETED,     /* on this edge var's operation has completed */
  REF_NOT_COMPLETED, /* the false edge of a query: the path's start for notes */
  REF_TRUE,          /* the scalar var (a condition variable or a query flag) is non-zero */
  REF_FALSE,         /* ... zero */
  REF_LIVE,          /* on this edge var's operation is not consumed (future::valid()) */
  REF_EQ,            /* the scalar var equals edge.value (`x == 3`, a `case 3:` edge) */
  REF_NE,            /* ... differs from edge.value */
  REF_DEFAULT,       /* a switch's default edge: var equals none of the REF_EQ values on the
                        other edges leaving the same block */
  REF_COUNT
};
/* Older names: a query flag and a condition variable are both scalars with known values. */
enum { REF_FLAG_TRUE = REF_TRUE, REF_FLAG_FALSE = REF_FALSE, REF_COND_TRUE = REF_TRUE, REF_COND_FALSE = REF_FALSE };

struct edge {
  int32_t from, to;
  uint8_t refine;  /* enum refine_kind */
  int32_t rvar;    /* variable the refinement is about */
  int32_t rev;     /* the query event that produced it, -1 none */
  int64_t value;   /* REF_EQ, REF_NE */
};

struct block {
  VEC(int32_t) evs; /* event indices in order */
  int32_t succ_begin, succ_end; /* range in cfg.succ (after cfg_finish) */
  int32_t pred_begin, pred_end; /* range in cfg.pred */
};

enum var_flags {
  VAR_PARAM = 1,   /* starts as a fresh operation at entry */
  VAR_TEMP = 2,    /* a materialised temporary: vtask_get_result(read_async()) */
  VAR_FLAG = 4,    /* a boolean holding a query result */
  VAR_VTASK = 8,   /* holds a vtask */
  VAR_PTR = 16,    /* a local pointer designating a by-address handle (uv_tcp_t *p = &h) */
  VAR_COND = 32,   /* a scalar local tested as a condition: `if (c)` correlates branches */
  VAR_STATE = 64,  /* a condition variable compared with constants (`switch (s)`, `s == 3`): a
                      state machine's state, whose known value is part of the typestate */
  VAR_REF = 128,   /* VAR_VTASK: a reference, denoting its referent's operation (target: the
                      referent's variable, -1 unknown) */
  VAR_HANDLE_PTR = 256, /* VAR_VTASK: a pointer to a by-address handle, denoting the handle */
  VAR_PATH = 512,  /* VAR_VTASK: an access path to a handle (s->bio, t[2], a global) */
  VAR_CMP = 1024,  /* VAR_COND: the truth of `a < b` between condition variables or constants
                      (dep: the variables; each write to one forgets it) */
};

struct var {
  const char *name;
  CXCursor decl;   /* VarDecl / ParmDecl; null cursor for temporaries */
  uint16_t flags;  /* enum var_flags */
  const struct vtype *type; /* VAR_VTASK: its profile's behaviour */
  int32_t target;  /* VAR_PTR: the variable it points to; VAR_FLAG: the vtask its last query was
                      about (for summaries); -1 unknown */
  int32_t dep[2];  /* VAR_CMP: the condition variables compared, a < b or a == b (-1: the
                      constant cmp_k) */
  int64_t cmp_k;
  uint8_t cmp_eq;  /* VAR_CMP: a == b rather than a < b */
};

/* var_is_ref_param: a reference parameter, the caller's own variable (`std::future<int> &f`). */
static inline bool var_is_ref_param(const struct var *v) { return (v->flags & VAR_REF) && (v->flags & VAR_PARAM); }

struct cfg {
  struct arena *arena;
  VEC(struct block) blocks;
  VEC(struct event) events;
  VEC(struct edge) edges;
  VEC(struct var) vars;
  int32_t *succ, *pred;   /* edge indices, grouped per block (cfg_finish) */
  int32_t entry, exit;
  bool is_coroutine;
  bool too_deep;          /* lowering gave up: nesting beyond the bound */
  int32_t returns_query;  /* every return yields a completion query of this variable; -1 none,
                             -2 returns disagree */
  bool returns_query_neg; /* ... negated: `return !vtask_is_completed(t);` */
  /* `return true;` and `return false;` (any constant): the block each leaves from, and its
   * truth. With returns_other unset, every return is a constant, so a parameter known
   * completed wherever the function returns true makes it a query (summary.c). */
  VEC(struct ret_const { int32_t block; bool truth; }) ret_consts;
  bool returns_other;
  const char *fn_name;
  CXCursor fn;
};

void cfg_init(struct cfg *g, struct arena *a);
int32_t cfg_block(struct cfg *g);
int32_t cfg_event(struct cfg *g, int32_t block, const struct event *ev);
void cfg_edge(struct cfg *g, int32_t from, int32_t to, uint8_t refine, int32_t rvar, int32_t rev);
/* cfg_edge_value: an edge saying rvar == value (REF_EQ) or != value (REF_NE). */
void cfg_edge_value(struct cfg *g, int32_t from, int32_t to, uint8_t refine, int32_t rvar, int64_t value);
/* cfg_finish: builds the successor and predecessor lists. */
void cfg_finish(struct cfg *g);
/* cfg_dump: a readable listing, for tests and --dump-cfg. */
void cfg_dump(const struct cfg *g, void *file);
const char *cfg_event_name(int kind);

#endif
