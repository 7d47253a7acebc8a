/* decls.h: the declaration walk of one translation unit. It visits the unit's top-level
 * declarations (namespaces, records and linkage blocks recursively; system headers skipped),
 * turns declarations that hold a tracked type into decl facts for the declaration rules, and
 * hands every function definition with a body, then each lambda its lowering met, to the
 * caller (which lowers and solves it). Sits before lower.c in the pipeline. */
#ifndef VTL_FLOW_DECLS_H
#define VTL_FLOW_DECLS_H

#include <clang-c/Index.h>

#include "analyzer/model/model.h"
#include "analyzer/support/arena.h"

/* Facts of the declaration walk. */
enum decl_kind {
  DECL_FIELD,       /* a field whose type holds a vtask */
  DECL_GLOBAL_INIT, /* a namespace-scope variable of vtask type with an initialiser */
  DECL_STATIC_MEMBER, /* a static data member whose type holds a vtask: one per program */
};

struct decl_fact {
  int kind;         /* enum decl_kind */
  const char *name; /* the field or variable */
  const char *type; /* its type as written */
  CXCursor cur;     /* where to report (opaque to rules) */
  const struct vtype *vtype; /* the tracked type it holds */
};

/* The caller fills the first five fields (and skip, if wanted) and zeroes the rest. Strings of facts live in arena. */
struct decls {
  struct arena *arena;
  struct model *model;
  void (*function)(void *self, CXCursor fn);              /* a definition, or a lambda */
  void (*fact)(void *self, const struct decl_fact *f);
  void *self;
  /* Optional: a top-level declaration for which it returns true is not walked (a later unit
   * of a preamble group leaves the preamble's headers to the first: driver/group.c). */
  bool (*skip)(void *self, CXCursor c);
  VEC(CXCursor) lambdas; /* met while lowering the current function */
  /* what the model said of each field type met (records repeat their field types) */
  struct decls_memo {
    const void *type; /* CXType's data[0] (the type), 0 when free */
    const struct vtype *holds;
  } *memo;
  size_t memo_cap, memo_n;
};

/* decls_walk: walks every declaration under the translation unit's cursor. */
void decls_walk(struct decls *d, CXTranslationUnit tu);
/* The lowering's hooks (lower_opts.on_lambda, .on_record, with self = the struct decls):
 * a lambda is queued and analysed after the function that contains it; a type defined in a
 * body gives the decl facts of its fields. */
void decls_on_lambda(void *decls, CXCursor lambda);
void decls_on_record(void *decls, CXCursor record);

#endif
