/* model.h: which types are single-use awaitables (vtasks) and which calls play which role
 * (spec sections 1-4): the built-in profiles as data tables, annotations read from the code,
 * and the user's own awaitables from the configuration. Data plus lookup: the lowering asks;
 * rules read only the per-type behaviour (struct vtype). One model per translation unit; its
 * caches live in that unit's arena. */
#ifndef VTL_MODEL_MODEL_H
#define VTL_MODEL_MODEL_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/support/arena.h"

enum vt_role {
  ROLE_NONE,             /* no role: an ordinary call */
  ROLE_CREATE,           /* returns a fresh vtask (any call whose type is a vtask) */
  ROLE_CREATE_COMPLETED, /* returns an already completed vtask: vtask_from_result */
  ROLE_AWAIT,            /* consumes asynchronously (or joins, closes: the profile's consume) */
  ROLE_GET_RESULT,       /* consumes synchronously; needs completion */
  ROLE_QUERY,            /* true implies completed */
  ROLE_TRANSFER,         /* hands ownership on: vtask_as_task, then(), via() */
  ROLE_MOVE,             /* std::move / std::forward: yields its argument as an xvalue */
  ROLE_WAIT,             /* blocks until completed; consumes when callee_info.consumes */
  ROLE_LIVENESS,         /* true means not consumed yet: future::valid() */
  ROLE_CLOSED_QUERY,     /* true means already consumed: uv_is_closing() */
  ROLE_CREATE_OUT,       /* makes a fresh one in *arg: pthread_create(&t, ...), uv_tcp_init(loop, &h) */
  ROLE_PROXY,            /* returns a view of the same operation: libcoro's t.promise() */
};

enum profile_id {
  PROF_VTASK,
  PROF_STD_FUTURE,
  PROF_ASIO,
  PROF_ASYNC_SIMPLE,
  PROF_CONCURRENCPP,
  PROF_FOLLY,
  PROF_CPPCORO,
  PROF_LIBCORO,
  PROF_PTHREAD,
  PROF_LIBUV,
  PROF_CUSTOM, /* annotated types and the configuration's Awaitables */
  PROF_COUNT
};

enum da_mode { DA_ERROR, DA_OFF, DA_AFTER_MOVE };

/* How the rules treat one tracked type. */
struct vtype {
  const char *name;     /* "std::future", "pthread_t", the config's Type */
  uint8_t profile;      /* enum profile_id */
  uint8_t double_await; /* enum da_mode: cppcoro re-awaits a completed task legally */
  bool fields_allowed;  /* keeping one in a field is normal (futures, thread handles) */
  bool discard_local;   /* a local never consumed is a bug (not for futures, threads, handles) */
  bool by_address;      /* used through &h (libuv): taking the address is neither use nor escape */
  bool plain_handle;    /* an integer-like handle (pthread_t): passing it by value is a use, not a transfer */
  int custom;           /* index in model_settings.custom, or -1 */
};

/* What a callee is to the analysis. `arg` says where the vtask is: -1 the object of a member
 * call (*this), k >= 0 the k-th argument. */
struct callee_info {
  uint8_t role;        /* enum vt_role */
  int8_t arg;
  bool noreturn;       /* abort, exit, [[noreturn]], __attribute__((noreturn)), ... */
  bool wait;           /* a blocking wait: std::future::get, sync_wait, blockingWait, ... */
  bool consumes;       /* ROLE_WAIT also consumes (future::get, syncAwait, blockingWait) */
  bool by_pointer;     /* the argument is a pointer to the tracked object (uv_close(&h)) */
  const char *name;    /* unqualified spelling, in the unit's arena */
};

/* The user's own single-use types (configuration file); names live with the caller. */
enum custom_role { CR_AWAIT, CR_GET_RESULT, CR_WAIT, CR_QUERY, CR_TRANSFER, CR_CREATE_COMPLETED, CR_COUNT };

struct model_custom {
  const char *type; /* 'struct job' (C tag), 'job_t' (typedef), 'ns::task' (C++, templates by name) */
  const char *const *names[CR_COUNT];
  size_t nnames[CR_COUNT];
  int fields_allowed; /* -1 unset, 0, 1 */
};

/* Per-profile switches and tuning (configuration `Profiles:`). Zero means the default. */
struct model_settings {
  uint8_t off[PROF_COUNT];          /* 1: profile switched off */
  uint8_t double_await[PROF_COUNT]; /* 0 default, else enum da_mode + 1 */
  uint8_t fields[PROF_COUNT];       /* 0 default, 1 flagged, 2 allowed */
  const struct model_custom *custom;
  size_t ncustom;
};

struct model;

/* model_new: a model whose caches live in `a` (released with it); settings may be NULL and
 * must outlive the model. */
struct model *model_new(struct arena *a, const struct model_settings *settings);
/* model_vtype: the tracked type t is (through typedefs, const, elaborated types and template
 * specialisations), or NULL. References and pointers to vtasks are not vtasks. */
const struct vtype *model_vtype(struct model *m, CXType t);
bool model_is_vtask_type(struct model *m, CXType t);
/* model_type_holds_vtask: t is a vtask, an array of them, or a class template specialisation
 * with a vtask among its template arguments (std::optional<vt::vtask<int>>), recursively; the
 * tracked type found, or NULL. */
const struct vtype *model_type_holds(struct model *m, CXType t);
bool model_type_holds_vtask(struct model *m, CXType t);
/* model_callee: the role table entry of a called declaration (FunctionDecl, CXXMethod, ...).
 * Never NULL; cached per declaration. */
const struct callee_info *model_callee(struct model *m, CXCursor decl);
/* model_method: the role of method `decl` called on an object of tracked type vt (a method
 * may be declared in a base class: libstdc++'s future::wait lives in __basic_future). Never
 * NULL. */
const struct callee_info *model_method(struct model *m, const struct vtype *vt, CXCursor decl);
/* model_method_named: the same, by the member's name alone (a call that depends on a template
 * parameter has no declaration). Never NULL. */
const struct callee_info *model_method_named(struct model *m, const struct vtype *vt, const char *name);
/* model_profile_name: "vtask", "std-future", ... */
const char *model_profile_name(int profile);

#endif
