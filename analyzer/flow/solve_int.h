/* solve_int.h: what the engine's rooms share (SQLite's btreeInt.h way): the path state, the
 * value facts, the engine's context. solve.c explains the engine; solve_state.c keeps and
 * merges path states; solve_transfer.c applies events and edges to one of them. */
#ifndef VTL_FLOW_SOLVE_INT_H
#define VTL_FLOW_SOLVE_INT_H

#include <stdint.h>

#include "analyzer/flow/solve.h"

/* An operation's typestate. OP_LIVE: the operation exists on this path (some variable or
 * flag refers to it); a dead operation has no bits, so that paths which differ only in
 * what they have forgotten can merge. */
enum { OP_LIVE = 1, OP_PENDING = 2, OP_CONSUMED = 4, OP_MOVED = 8, OP_ESCAPED = 16,
       OP_RELEASED = 32 /* consumed only by EVF_RELEASES consumptions so far: the value is still
                           valid (flow_spent), though consuming it again is a bug */,
       OP_FINISHED = 64 /* consumed, and what the consumption left to do has run since (EV_FINISH:
                           uv_run ran the close callbacks): its memory may go (flow_finishing) */ };

struct opst {
  uint8_t bits;
  int32_t consumed_at;  /* the first consumption, for "first consumed here"; -1 */
  int32_t moved_at;     /* the first consumption that moved the value away; -1 */
  int32_t pending_from; /* where it was last left pending (creation, a query's false edge); -1 */
};

/* What a path knows of a scalar variable: its value, and what its being true (non-zero) or
 * false says of one operation's completion. A query flag (`done = vtask_is_completed(t)`)
 * starts with both implications; where it meets a path on which it is known false (the
 * `bool done = false;` a polling loop starts with), "if true, then completed" still holds,
 * because on that path it holds vacuously. */
enum vf_kind {
  VF_UNKNOWN,
  VF_CONST,   /* == k */
  VF_NONZERO, /* != 0 */
};
enum implication { IMPL_NONE, IMPL_COMPLETED, IMPL_PENDING };

struct vfact {
  uint8_t kind;     /* enum vf_kind */
  uint8_t if_true;  /* enum implication: what var != 0 says of operation op */
  uint8_t if_false; /* ... what var == 0 says */
  int32_t op;       /* -1: no implications */
  int32_t site;     /* the query event, for notes */
  int64_t k;        /* VF_CONST */
};

#define UNKNOWN ((struct vfact){VF_UNKNOWN, IMPL_NONE, IMPL_NONE, -1, -1, 0})

static inline struct vfact constant(int64_t k) {
  struct vfact f = UNKNOWN;
  f.kind = VF_CONST;
  f.k = k;
  return f;
}

static inline bool known_zero(const struct vfact *f) { return f->kind == VF_CONST && f->k == 0; }
static inline bool known_nonzero(const struct vfact *f) { return f->kind == VF_NONZERO || (f->kind == VF_CONST && f->k != 0); }

struct pstate {
  uint32_t hash;      /* of the typestate: var_op and every operation's bits */
  bool dirty;         /* changed since its successors were last computed */
  int32_t *var_op;    /* per variable: the operation it denotes, -1 none */
  struct vfact *val;  /* per variable: its value facts */
  struct opst *ops;   /* per operation */
};

struct stateset {
  struct pstate **v;
  uint32_t n, cap;
};

struct flow_ctx {
  const struct cfg *g;
  struct arena *a;
  size_t nvars, nops;
  int32_t *op_of_event;   /* the operation each creating event makes, -1 */
  struct stateset *in;    /* per block: the states at its entry */
  struct pstate **cur;    /* during replay: the states before the current event */
  uint32_t ncur;
  uint8_t *used_op;       /* per operation: some reachable event used it up */
  VEC(int64_t) claimed;   /* (first consuming event, operation) pairs already reported */
  int32_t *last_op;       /* the operation the last flow_consumed/flow_moved answer was about
                             (behind a pointer: the questions take a const context) */
  uint8_t *ev_reached;    /* per event: in a reachable block */
  uint32_t max_states;    /* the most states seen at one block entry */
  uint32_t dropped;       /* states dropped at the bound */
  size_t state_bytes;     /* what one path state takes */
  size_t stored_bytes;    /* what the block entries' states take together */
  int32_t *cmp_vars;      /* the VAR_CMP variables, which writes to their operands forget */
  size_t ncmp;
};

/* ---- solve_state.c: path states and their merging ---- */
struct pstate *st_new(struct flow_ctx *fx);
void st_copy(const struct flow_ctx *fx, struct pstate *d, const struct pstate *s);
void st_entry(const struct flow_ctx *fx, struct pstate *s);
uint32_t st_hash(const struct flow_ctx *fx, const struct pstate *s);
/* add_state: s joins block b's entry states (merged with one of the same typestate, added, or
 * dropped at the bounds); whether the set changed. */
bool add_state(struct flow_ctx *fx, int32_t b, const struct pstate *s);

/* ---- solve_transfer.c: what events and edges do to one path state ---- */
void apply_event(struct flow_ctx *fx, struct pstate *s, int32_t ei, uint8_t *scratch);
/* apply_edge: false when the state cannot take the edge. */
bool apply_edge(const struct flow_ctx *fx, struct pstate *s, const struct edge *e);

#endif
