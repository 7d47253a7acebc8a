/* lower_int.h: the lowering's private header (SQLite's btreeInt.h way). lower.h is what the
 * rest of the analyzer sees; this is what the rooms of the lowering share with each other.
 *
 * The grammar handled, in libclang's cursor shapes (shared/reference/libclang.md section 4):
 *   stmt   = compound | decl-stmt | if | switch | case | default | while | do | for | range-for
 *          | break | continue | return | goto | label | try/catch | co_return | expr-stmt
 *   cond   = "!" cond | cond "&&" cond | cond "||" cond | cond "?" cond ":" cond
 *          | cond ("=="|"!=") literal | query-call | flag-var | expr
 *   expr   = call | assignment | co_await expr | "&" expr | "?:" | "," | ({ stmt... }) | ...
 * Values flow through `struct val` so that the context decides the event: a vtask named in an
 * expression statement is nothing, awaited it is an await, passed by value to an unknown
 * function it is a transfer, its address taken it escapes.
 *
 * The rooms, one job each:
 *   lower_clang.c  the libclang adapter: children, spellings, tokens, operators, wrappers (cx_)
 *   lower_vars.c   variables (var_), value consumers (val_), assignments, discarded values
 *   lower_call.c   calls: roles, summaries, argument passing; the facts a call proves
 *   lower_expr.c   expressions and lambdas (captures)
 *   lower_cond.c   conditions: branch edges and the completion facts they carry (cond_)
 *   lower_stmt.c   statements, one function per kind
 *   lower.c        the entry: lower_function
 *
 * Deep trees: left-deep operator chains (a sum of thousands of terms) and else-if chains are
 * walked iteratively; any other nesting beyond LOWER_MAX_DEPTH gives up on the function. */
#ifndef VTL_FLOW_LOWER_INT_H
#define VTL_FLOW_LOWER_INT_H

#include <string.h>

#include "analyzer/flow/lower.h"

enum val_kind { VAL_NONE, VAL_VAR, VAL_MOVED, VAL_CREATE, VAL_UNKNOWN };

struct val {
  uint8_t kind;
  bool completed;  /* VAL_CREATE: create-completed */
  int32_t var;     /* VAL_VAR, VAL_MOVED */
  CXCursor cur;    /* VAL_CREATE: the creating call */
  const char *name;/* VAL_CREATE: callee name */
};

static const struct val NONE = {VAL_NONE, false, -1, {0}, NULL};

/* What a call proves when it is used as a condition or a flag's initialiser. */
enum { CALL_MORE_QUERIES = 3 };
struct call_facts {
  int32_t query_var; /* a completion query's variable, -1 */
  bool query_neg;    /* ... answering "not completed" when true (a negated same-unit helper) */
  int32_t live_var;  /* a liveness query's variable, -1 */
  bool live_neg;     /* ... answering "already consumed" when true (uv_is_closing) */
  /* A same-unit helper that queries several (`return a.done() && b.done();`): the others, of
   * the same polarity; its answer proves all of them completed one way, none the other. */
  int32_t more[CALL_MORE_QUERIES];
  int nmore;
  bool mixed; /* queries of both polarities: the answer proves nothing */
};

struct vslot {
  CXCursor decl;
  unsigned hash;
  int32_t var; /* -1: empty */
};

struct switch_ctx {
  int32_t dispatch;
  int32_t var;      /* the condition variable switched on, -1 */
  bool has_default;
  struct switch_ctx *outer;
};

struct try_ctx {
  int32_t first_block; /* blocks created since belong to the try body */
  struct try_ctx *outer;
  VEC(int32_t) handlers;
};

struct label {
  const char *name;
  int32_t block;
};

/* An access path's variable (lower_names.c), keyed by the path's text. */
struct path_slot {
  const char *key;
  int32_t var;
  unsigned root; /* clang_hashCursor of the variable the path starts from; 0: this */
  bool by_pointer; /* it ends in an element of a pointer (`*cur`, `p[2]`): any field of the
                      handle's type may be the same storage */
  bool scalar;     /* a number or flag field used as a condition (`if (s->running)`): a
                      condition variable (VAR_COND), which forgets what it knew (cond-kill)
                      where a handle path would be fresh */
};

/* A place where a variable got another value (an assignment, ++ or --, its declaration: in a
 * loop, each round's), or where any call we cannot see may have changed what paths hold (root
 * 0): a path from it is fresh from there (lower_names.c, var_finish_paths). */
struct path_write {
  unsigned root;
  const char *field; /* not NULL: every path through this field instead (of any root) */
  bool call;         /* a call we cannot see, unless var_call_is_inert says otherwise */
  bool numbers;      /* a number written (s->n = 0, *count = 1): only scalar paths forget */
  int32_t block;
  uint32_t pos; /* the number of events the block had then */
  CXCursor at;
};

struct lower {
  struct cfg *g;
  const struct lower_opts *o;
  struct arena *a;
  CXTranslationUnit tu;
  int32_t cur;
  int depth;
  bool cxx;
  int32_t brk, cont;
  struct switch_ctx *sw;
  struct try_ctx *tr;
  struct vslot *vmap;
  size_t vcap, vn;
  VEC(struct label) labels;
  VEC(int32_t) indirect_gotos;
  VEC(struct path_slot) paths;
  VEC(struct path_write) writes;
  CXCursor fn;
  int max_depth;
  /* lower_stmt.c, test-framework assertions: the macro expansion being lowered (statements
   * inside it belong to it), and whether its calls are expected to throw (expect-throw). */
  CXFile tfw_file;
  unsigned tfw_off;
  int expect_throw;
  /* lower_clang.c: each node's children, memoised for the function (the lowering asks for a
   * node's children several times: stripping wrappers, then as a statement, an expression, a
   * condition; each clang_visitChildren costs about a thousand instructions of set-up). */
  struct kids_slot *kids_memo;
  size_t kids_cap, kids_n;
  /* lower_inert_calls.c: the variables the function casts to pointers of other types than
   * characters (a buffer read as a structure), collected on first need. */
  unsigned *punned;
  size_t npunned;
  bool punned_ready;
};

struct kids_slot {
  CXCursor key; /* key.kind == 0 (CXCursor_UnexposedDecl is 1): empty */
  CXCursor *v;
  unsigned n;
};

/* A node's children, in the function's arena; shared by every caller (read-only). */
struct kids {
  CXCursor *v;
  unsigned n, cap;
  struct arena *a;
};

enum op { OP_OTHER, OP_ASSIGN, OP_LAND, OP_LOR, OP_COMMA, OP_EQ, OP_NE, OP_NOT, OP_ADDROF, OP_DEREF, OP_INCDEC,
          OP_LT, OP_LE, OP_GT, OP_GE };

/* ---- building the graph ---- */

static inline int32_t new_block(struct lower *L) { return cfg_block(L->g); }

static inline void goto_block(struct lower *L, int32_t b) {
  cfg_edge(L->g, L->cur, b, REF_NONE, -1, -1);
  L->cur = b;
}

/* jump: control leaves for `to`; what follows is unreachable until a label or join. */
static inline void jump(struct lower *L, int32_t to) {
  if (to >= 0)
    cfg_edge(L->g, L->cur, to, REF_NONE, -1, -1);
  L->cur = new_block(L);
}

static inline int32_t emit(struct lower *L, int kind, int32_t var, int32_t var2, CXCursor cur, const char *name) {
  struct event e;
  memset(&e, 0, sizeof e);
  e.kind = (uint8_t)kind;
  e.var = var;
  e.var2 = var2;
  e.cur = cur;
  e.name = name;
  return cfg_event(L->g, L->cur, &e);
}

/* emit_cond_set: condition variable var := the constant value. */
static inline void emit_cond_set(struct lower *L, int32_t var, long long value, CXCursor cur) {
  int32_t e = emit(L, EV_COND_SET, var, -1, cur, NULL);
  L->g->events.v[e].value = value;
}

static inline struct val var_val(int32_t v) {
  struct val r = NONE;
  r.kind = VAL_VAR;
  r.var = v;
  return r;
}

/* ---- lower_clang.c: the libclang adapter ---- */
struct kids cx_kids(struct lower *L, CXCursor c);
char *cx_spell(struct lower *L, CXCursor c);
bool cx_first_token_is(struct lower *L, CXCursor c, const char *word);
unsigned cx_file_offset(CXSourceLocation loc);
enum op cx_binop(struct lower *L, CXCursor c);
enum op cx_unop(struct lower *L, CXCursor c);
bool cx_is_wrapper(struct lower *L, CXCursor c, CXCursor *inner);
bool cx_is_void_cast(CXCursor c);
bool cx_is_conversion(CXCursor cast, CXCursor operand);
CXCursor cx_strip(struct lower *L, CXCursor c);
bool cx_is_function_kind(enum CXCursorKind k);
bool cx_const_value(struct lower *L, CXCursor c, long long *out);

/* ---- lower_vars.c: variables, value consumers, assignments ---- */
int32_t var_find(struct lower *L, CXCursor decl, bool insert, int32_t var);
int32_t var_add(struct lower *L, CXCursor decl, const char *name, uint16_t flags, const struct vtype *type);
bool var_is_local(CXCursor decl);
int32_t var_of(struct lower *L, CXCursor ref);
bool var_is_scalar(CXType t);
int32_t var_pointee(struct lower *L, CXCursor e);
bool val_is_vtask(struct lower *L, CXCursor c);
int32_t val_temp(struct lower *L, const struct val *v);
int32_t val_consume(struct lower *L, struct val v, int kind, CXCursor c, const char *name);
void val_bind(struct lower *L, struct val v, int32_t var, CXCursor c);
void val_escape(struct lower *L, struct val v, CXCursor c);
void lower_discard(struct lower *L, CXCursor c);
void lower_assign(struct lower *L, CXCursor lhs, struct val v, CXCursor at);

/* ---- lower_names.c: references, handle pointers, access paths ---- */
/* var_tracked_type: the tracked type a declaration of type t names, with its var flags: a
 * vtask (VAR_VTASK), a reference to one (| VAR_REF), a pointer to a by-address handle
 * (| VAR_HANDLE_PTR); NULL: none. */
const struct vtype *var_tracked_type(struct lower *L, CXType t, uint16_t *flags);
/* var_path: the variable of access path e (s->bio, t[2], a global handle); -1 when e is no
 * path of a handle type. With create, a path met for the first time gets a variable. */
int32_t var_path(struct lower *L, CXCursor e, bool create);
/* var_path_pointee: the path variable of *e, for a pointer e to a thread ID that names a path
 * (pthread_create(p, ...) of a `pthread_t *p` parameter creates p[0]); -1 otherwise. */
int32_t var_path_pointee(struct lower *L, CXCursor e);
/* var_reset_paths: a call we cannot see may have changed what every path holds. */
void var_reset_paths(struct lower *L, CXCursor at);
/* var_scalar_path: the condition variable of scalar field e (`s->running`, `p->ws[1].busy`), a
 * path as handles have, met first in a condition (create) and then bound by assignments; -1
 * when e is no such path. */
int32_t var_scalar_path(struct lower *L, CXCursor e, bool create);
/* var_forget_pointee: something was written through a pointer that may point anywhere: every
 * path forgets what it held (not a call: var_call_is_inert has no say). */
void var_forget_pointee(struct lower *L, CXCursor at);
/* var_forget_paths_of: variable decl is given another value here (assigned, stepped, declared:
 * again in a loop's next round): the paths that start from it (w->tid with w) name other
 * handles from here, also those the lowering meets only later in the text (the loop's back
 * edge brings them here): var_finish_paths puts their fresh values in. */
void var_forget_paths_of(struct lower *L, CXCursor decl, CXCursor at);
/* var_forget_written: e (the left of an assignment, the operand of ++ or --) gets another
 * value here. A variable: as var_forget_paths_of. A field (`p->next = o`): every path through
 * a field of that name, whatever its base, since another pointer may name the same structure.
 * Through a pointer or a subscript that names no field (`*pp = o`, `ws[i] = w`): every path.
 * A field or element that can lead to no handle (an int, a char) changes no path. */
void var_forget_written(struct lower *L, CXCursor e, CXCursor at);
/* var_call_is_inert (lower_inert_calls.c): call is one of a system header's functions that
 * can change no path (printf, pthread_mutex_lock(&s->mu)). */
bool var_call_is_inert(struct lower *L, CXCursor call);
/* var_free_paths_in: e (free's argument) is a structure holding handles on paths already met
 * (free(xhd) after uv_close(&xhd->timer, NULL)): an EV_FREE of each, at at. */
void var_free_paths_in(struct lower *L, CXCursor e, CXCursor at, const char *name);
/* var_finish_paths: at the end of the function's lowering, each path's fresh value at each
 * place its base was written and each call that reset every path; at such a call, when the
 * function has handles whose memory waits for their close to finish, an EV_FINISH too. */
void var_finish_paths(struct lower *L);

/* ---- lower_call.c ---- */
/* lower_call: the call's events; facts (may be NULL) receives what the call proves. */
struct val lower_call(struct lower *L, CXCursor c, struct call_facts *facts);

/* ---- lower_expr.c ---- */
struct val lower_expr(struct lower *L, CXCursor c);

/* ---- lower_cond.c ---- */
void lower_cond(struct lower *L, CXCursor c, int32_t t, int32_t f);
void cond_branch(struct lower *L, int32_t t, int32_t f, uint8_t rt, uint8_t rf, int32_t var, int32_t ev);
int32_t cond_var(struct lower *L, CXCursor lhs, bool create);
int32_t cond_implied_query(struct lower *L, CXCursor e);

/* ---- lower_stmt.c, lower_decl.c, lower_testfw.c ---- */
void lower_stmt(struct lower *L, CXCursor c);
void lower_vardecl(struct lower *L, CXCursor d);
/* lower_assertion: c is a test framework's assertion, lowered as one (true), or not (false). */
bool lower_assertion(struct lower *L, CXCursor c, enum CXCursorKind k);

#endif
