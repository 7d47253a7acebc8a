/* lower.h: libclang cursors of one function body -> struct cfg of vtask events. The only
 * libclang-heavy code of the analyzer (design.md). */
#ifndef VTL_FLOW_LOWER_H
#define VTL_FLOW_LOWER_H

#include <clang-c/Index.h>

#include "analyzer/flow/cfg.h"
#include "analyzer/model/model.h"

/* A same-unit callee's effect on each vtask parameter (spec section 1, "summary"). */
enum summary_role {
  SUM_NONE,       /* does nothing we can see: passing it is a plain use */
  SUM_USE,        /* only reads it */
  SUM_QUERY,      /* returns a completion query's result: a query */
  SUM_QUERY_NOT,  /* returns a negated query's result: true means not completed */
  SUM_AWAIT,      /* consumes it (await or transfer) on some path */
  SUM_GET_RESULT, /* takes its result synchronously */
  SUM_ESCAPE,     /* stores it or takes its address */
  SUM_COMPLETES,  /* only reads it, and every path to the exit has seen it complete (a loop
                     polling until it has, a wait): the caller knows it completed */
  SUM_PARTIAL,    /* consumes it on some paths only (a try_push that takes it when there is
                     room): an escape, also where the caller gave it up with std::move */
};

struct summary {
  unsigned nparams;
  uint8_t *role; /* enum summary_role per parameter */
};

/* Summaries are computed on demand by the caller's provider (which lowers and solves the
 * callee); NULL means "use the by-value default". */
struct summary_provider {
  const struct summary *(*get)(void *self, CXCursor definition);
  void *self;
  /* Optional: told of a call passing a tracked value to a function with no definition in the
   * unit (another unit's text could define it: driver/group.c needs to know). */
  void (*undefined)(void *self, CXCursor callee);
};

struct lower_opts {
  struct model *model;
  const struct summary_provider *summaries; /* may be NULL */
  /* Lambdas met in the body: the caller analyses each as a function of its own. */
  void (*on_lambda)(void *self, CXCursor lambda);
  /* Types defined inside the body (struct local { vtask_t t; }): for the declaration rules. */
  void (*on_record)(void *self, CXCursor record);
  int max_depth; /* nesting bound (0: LOWER_MAX_DEPTH); raise it only on a large stack */
  void *self;
};

/* lower_function: builds g (whose arena must outlive it) from a function-like cursor:
 * FunctionDecl, CXXMethod, Constructor, Destructor, ConversionFunction, FunctionTemplate or
 * LambdaExpr. Returns false when the cursor has no body. */
bool lower_function(struct cfg *g, CXCursor fn, const struct lower_opts *o);
/* lower_is_default_init: `T t;` of a class type (an argument-less constructor call), which
 * initialises nothing the rules care about. */
bool lower_is_default_init(CXCursor init);
/* lower_max_depth: nesting beyond this gives up on the function (g->too_deep). */
enum { LOWER_MAX_DEPTH = 2000, LOWER_BIG_STACK_DEPTH = 100000 };

#endif
