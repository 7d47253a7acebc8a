/* model.h: which types are single-use awaitables (vtasks) and which calls play which role
 * (spec sections 1-4). All library knowledge lives here, as one record per profile
 * (profiles.c): its types with their per-rule behaviour, its free functions and methods with
 * their roles, and the words messages use. Annotations read from the code (annotations.c) and
 * the user's own awaitables from the configuration (configured.c) make types of the `custom`
 * profile. Data plus lookup: the lowering asks; rules read only the per-type behaviour and
 * words (struct vtype, struct vwords), never a profile's identity. One model per translation
 * unit; its caches live in that unit's arena.
 *
 * The rooms: model.c (the model, its cache, types and callees), profiles.c (the records),
 * annotations.c, configured.c; model_int.h is what they share. */
#ifndef VTL_MODEL_MODEL_H
#define VTL_MODEL_MODEL_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/model/profiles.h"
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
  ROLE_RUN,              /* runs the operation by hand without consuming or completing it: libcoro's t.resume() */
  ROLE_USE,              /* an ordinary use of the object, neither consuming nor blocking: f.wait_for(0s) */
  ROLE_FREE,             /* releases the object's memory: free(h) of a libuv handle, allowed once its
                            consumption has finished (vwords.early_free) */
  ROLE_FINISH,           /* finishes what the profile's consumptions left to do: uv_run runs the
                            close callbacks of the handles uv_close closed */
};

enum da_mode { DA_ERROR, DA_OFF, DA_AFTER_MOVE };

/* The words messages use for one kind of tracked value: the library's, not the reference
 * API's ("thread 'th' is joined twice", "the std::future returned by 'std::async'"). */
struct vwords {
  const char *noun;    /* "vtask", "std::future", "thread", "handle", "task" */
  const char *a_noun;  /* with its article: "a vtask", "an awaitable" */
  const char *label;   /* put before a variable's name ("thread 'th'"); NULL: the name alone */
  const char *once;    /* why consuming it again is a bug: "a thread may be joined or detached only once" */
  const char *reuse;   /* why using it after its consumption is a bug */
  const char *dropped; /* why dropping a created one is a bug */
  const char *early_free; /* why releasing its memory before its consumption finished is a bug
                             (ROLE_FREE, ROLE_FINISH); NULL: the profile has no such rule */
};

/* How the rules treat one tracked type. */
struct vtype {
  const char *name;     /* "std::future", "pthread_t", the config's Type */
  uint8_t profile;      /* the profile's index (model_profile_name); for settings, not for rules */
  uint8_t double_await; /* enum da_mode: cppcoro re-awaits a completed task legally */
  bool fields_allowed;  /* keeping one in a field is normal (futures, thread handles) */
  bool discard_local;   /* a local never consumed is a bug (not for futures, threads, handles) */
  bool by_address;      /* used through &h (libuv): taking the address is neither use nor escape */
  bool plain_handle;    /* an integer-like handle (pthread_t): passing it by value is a use, not a transfer */
  bool drop_reported;   /* a created one dropped at once is a bug, whatever made it (not for
                           std::future: only std::async's blocks, callee_info.drop) */
  int custom;           /* index in model_settings.custom, or -1 */
  const struct vwords *words;
};

/* What dropping a call's result at once is (callee_info.drop). */
enum drop_kind {
  DROP_BY_TYPE,  /* the type decides (vtype.drop_reported) */
  DROP_REPORTED, /* always a bug, with callee_info.dropped saying why: std::async */
};

/* What a callee is to the analysis. `arg` says where the vtask is: -1 the object of a member
 * call (*this), k >= 0 the k-th argument. */
struct callee_info {
  uint8_t role;        /* enum vt_role */
  int8_t arg;
  bool noreturn;       /* abort, exit, [[noreturn]], __attribute__((noreturn)), ... */
  bool hands_over;     /* other code may run during it and write the program's structures:
                          pthread_cond_wait, sem_wait, raise, dlopen (profile.hands_over) */
  bool wait;           /* a blocking wait: std::future::get, sync_wait, blockingWait, ... */
  bool consumes;       /* ROLE_WAIT also consumes (future::get, syncAwait, blockingWait) */
  bool by_pointer;     /* the argument is a pointer to the tracked object (uv_close(&h)) */
  bool releases;       /* the consumption releases the operation, but the value stays valid
                          while it runs: after pthread_detach, pthread_cancel is fine, a second
                          join or detach is not */
  int8_t poll_if_zero_arg; /* -1; else a zero duration in this argument makes the wait a poll
                              (model_call_args): f.wait_for(0s) */
  int8_t condition_arg;    /* -1; else the call is as true as this argument: __builtin_expect(c, 1) */
  uint8_t drop;        /* enum drop_kind */
  const char *verb;    /* the library's word for the consumption ("joined", "closed"); NULL: the
                          rule's word for the event */
  const char *dropped; /* DROP_REPORTED: why, for the message */
  const char *name;    /* unqualified spelling, in the unit's arena */
  const char *qname;   /* qualified spelling ("std::async"), for messages */
};

/* The user's own single-use types (configuration file); names live with the caller. */
enum custom_role { CR_AWAIT, CR_GET_RESULT, CR_WAIT, CR_QUERY, CR_TRANSFER, CR_CREATE_COMPLETED, CR_COUNT };

struct model_custom {
  const char *type; /* 'struct job' (C tag), 'job_t' (typedef), 'ns::task' (C++, templates by name) */
  const char *const *names[CR_COUNT];
  size_t nnames[CR_COUNT];
  int fields_allowed; /* -1 unset, 0, 1 */
};

/* Per-profile switches and tuning (configuration `Profiles:`), indexed by model_profile_index.
 * Zero means the default. */
struct model_settings {
  uint8_t off[MODEL_MAX_PROFILES];          /* 1: profile switched off */
  uint8_t double_await[MODEL_MAX_PROFILES]; /* 0 default, else enum da_mode + 1 */
  uint8_t fields[MODEL_MAX_PROFILES];       /* 0 default, 1 flagged, 2 allowed */
  const struct model_custom *custom;
  size_t ncustom;
  /* Test-framework assertions named in the configuration (`Assertions:`), macro or function
   * names, indexed by enum assert_kind (analyzer/model/testfw.h): Fatal, FatalFalse, ExpectThrow. */
  const char *const *assert_names[3];
  size_t nassert_names[3];
};

struct model;

/* model_testfw: the unit's test-framework assertion tables (testfw.h), made on first use. */
struct testfw *model_testfw(struct model *m);
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
/* model_call_args: what callee ci is with these argument expressions: a wait whose timeout
 * is zero (f.wait_for(0s), wait_for(std::chrono::seconds(0))) only polls, a use. Returns ci
 * itself when the arguments change nothing. */
const struct callee_info *model_call_args(struct model *m, const struct callee_info *ci, const CXCursor *args,
                                          unsigned nargs);
/* model_dropped: whether dropping the result of `call` (a call expression whose value is a
 * fresh vt) at once is a bug. If so, *why says why (for the message) and *callee how to name
 * the callee; both may be NULL when unknown. */
bool model_dropped(struct model *m, CXCursor call, const struct vtype *vt, const char **why, const char **callee);
/* model_carries_awaitables: record is the machinery that carries awaitables to their one
 * consumer (an awaiter with await_ready/await_suspend/await_resume, a type with operator
 * co_await or async_simple's coAwait, a coroutine promise type), so its fields may hold them. */
bool model_carries_awaitables(struct model *m, CXCursor record);

/* model_words: every identifier C code can name a tracked type or a call with a role by (the
 * last part of a C name: "job" for the configuration's 'struct job'; C++'s qualified names and
 * methods are left out), with type true for the names of types. C code that spells none of
 * these, nor a name declared with one, holds no vtask (flow/mentions.h). Settings may be NULL. */
void model_words(const struct model_settings *s, void (*add)(void *self, const char *word, size_t len, bool type),
                 void *self);

#endif
