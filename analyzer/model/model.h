/* model.h: which types are single-use awaitables (vtasks) and which calls play which role
 * (spec sections 1-3). Data plus lookup: the lowering asks, rules never do. One model per
 * translation unit; its caches live in that unit's arena. */
#ifndef VTL_MODEL_MODEL_H
#define VTL_MODEL_MODEL_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

#include "analyzer/support/arena.h"

enum vt_role {
  ROLE_NONE,             /* no role: an ordinary call */
  ROLE_CREATE,           /* returns a fresh vtask (any call whose type is a vtask) */
  ROLE_CREATE_COMPLETED, /* returns an already completed vtask: vtask_from_result */
  ROLE_AWAIT,            /* consumes asynchronously */
  ROLE_GET_RESULT,       /* consumes synchronously; needs completion */
  ROLE_QUERY,            /* true implies completed */
  ROLE_TRANSFER,         /* hands ownership on: vtask_as_task */
  ROLE_MOVE,             /* std::move / std::forward: yields its argument as an xvalue */
};

/* What a callee is to the analysis. `arg` says where the vtask is: -1 the object of a member
 * call (*this), k >= 0 the k-th argument. */
struct callee_info {
  uint8_t role;        /* enum vt_role */
  int8_t arg;
  bool noreturn;       /* abort, exit, [[noreturn]], __attribute__((noreturn)), ... */
  bool wait;           /* a blocking wait: std::future::get, sync_wait, blockingWait, ... */
  const char *name;    /* unqualified spelling, in the unit's arena */
};

struct model;

/* model_new: a model whose caches live in `a` (released with it). */
struct model *model_new(struct arena *a);
/* model_is_vtask_type: t is a vtask value (through typedefs, const, elaborated types and
 * template specialisations). References and pointers to vtasks are not vtasks. */
bool model_is_vtask_type(struct model *m, CXType t);
/* model_type_holds_vtask: t is a vtask, an array of them, or a class template specialisation
 * with a vtask among its template arguments (std::optional<vt::vtask<int>>), recursively. */
bool model_type_holds_vtask(struct model *m, CXType t);
/* model_callee: the role table entry of a called declaration (FunctionDecl, CXXMethod, ...).
 * Never NULL; the result is cached per declaration. */
const struct callee_info *model_callee(struct model *m, CXCursor decl);

#endif
