/* model_int.h: the model's private header (SQLite's btreeInt.h way). model.h is what the rest
 * of the analyzer sees; this is what the model's rooms share:
 *
 *   profiles.c     the profile records: every library's types, calls and words (data only)
 *   model.c        the model: its cache, type lookup, callee lookup, call shapes
 *   annotations.c  __attribute__((annotate("vtask::..."))) on types, functions, parameters
 *   configured.c   the configuration's Awaitables
 *
 * Adding a profile is one record in profiles.c (plus a stand-in header and a fixture under
 * testdata/): nothing outside the model names a library. */
#ifndef VTL_MODEL_MODEL_INT_H
#define VTL_MODEL_MODEL_INT_H

#include "analyzer/model/model.h"
#include "analyzer/support/strbuf.h"

/* ---- the records (profiles.c) ---- */

/* A call's role, by name: qualified for free functions, unqualified for methods. */
struct role_entry {
  const char *name;
  uint8_t role;        /* enum vt_role */
  int8_t arg;          /* the operand: -1 *this (methods), k the k-th argument */
  uint16_t flags;      /* RF_* */
  const char *verb;    /* the consumption's word in messages ("joined"); NULL: the rule's */
  const char *dropped; /* RF_DROP_REPORTED: why dropping the call's result is a bug */
};

enum {
  RF_CONSUMES = 1,       /* a ROLE_WAIT that also consumes: future::get */
  RF_BY_POINTER = 2,     /* the operand is a pointer to the tracked object: uv_close(&h) */
  RF_RELEASES = 4,       /* the consumption leaves the value valid while it runs: pthread_detach */
  RF_POLL_IF_ZERO = 8,   /* the first argument is a timeout; zero makes the wait a poll */
  RF_CONDITION_ARG = 16, /* the call is as true as its first argument: __builtin_expect */
  RF_DROP_REPORTED = 32, /* dropping its result is a bug, whatever its type says: std::async */
};

/* One tracked type of a profile, by qualified name (C handles by typedef name). */
struct type_entry {
  const char *name;
  uint8_t double_await;         /* enum da_mode */
  bool fields_allowed, discard_local, drop_reported, by_address, plain_handle;
  const struct vwords *words;   /* NULL: the profile's */
};

/* One profile: everything the analysis knows of one library. Lists end with a NULL name. */
struct profile {
  const char *name;        /* the configuration's name ("std-future"); NULL: always on, not
                              configurable (the language and its standard library) */
  bool internal;           /* not named by the configuration: annotated and configured types */
  const struct vwords *words;
  const struct type_entry *types;
  const struct role_entry *functions; /* free functions, by qualified name */
  const struct role_entry *methods;   /* methods of its types, on *this */
  const char *const *waits;           /* other calls that block, by qualified name (std::shared_future::get) */
  const char *const *noreturns;       /* functions that never return, by qualified name */
  const char *const *hands_over;      /* functions during which other code may run and write the
                                         program's structures (another thread a wait waits for, a
                                         signal handler, a library's constructors): never inert */
  const char *const *carrier_members; /* a class declaring one of these members carries
                                         awaitables to their consumer (model_carries_awaitables) */
};

extern const struct profile model_profiles[];
extern const int model_nprofiles;
extern const int model_custom_profile; /* the index of the internal `custom` profile */

/* ---- the model ---- */

/* A small cache keyed by declaration cursor. */
struct slot {
  CXCursor key;
  unsigned hash;
  bool used;
  bool type_done;
  int8_t fields_allowed;      /* typedefs: -1 not computed, else carries vtask::fields_allowed */
  int8_t carrier;             /* records: -1 not computed, else model_carries_awaitables */
  const struct vtype *type;   /* type cache */
  struct callee_info *callee; /* callee cache */
};

struct model {
  struct arena *arena;
  const struct model_settings *settings;
  struct slot *slots;
  size_t cap, n;
  const struct vtype **builtin; /* per profile: its types as vtypes, with the settings applied
                                   (NULL where the profile is off) */
  struct testfw *testfw;        /* test-framework assertions (testfw.c), made on first use */
};

struct slot *model_slot(struct model *m, CXCursor c);
/* model_qualified_name: "ns::cls::name" of a declaration, skipping inline namespaces and
 * extern "C" blocks. */
void model_qualified_name(CXCursor c, struct strbuf *out);
/* model_with_settings: t adjusted by the configuration's Profiles tuning; NULL when off. */
const struct vtype *model_with_settings(struct model *m, const struct vtype *t);
bool model_in_list(const char *const *list, const char *s);

/* ---- annotations.c ---- */
bool annot_has(CXCursor decl, const char *what);
/* annot_role: an annotated function, method or parameter's role into ci; false if none. */
bool annot_role(struct callee_info *ci, CXCursor decl);
/* annot_type: the tracked type an annotated declaration introduces (vtask::single_use), or NULL. */
const struct vtype *annot_type(struct model *m, CXCursor named, const char *qname);

/* ---- configured.c ---- */
/* conf_custom_type: a type of the custom profile named name. */
const struct vtype *conf_custom_type(struct model *m, const char *name, int custom, bool fields_allowed);
/* conf_type: the configuration's awaitable whose Type names this declaration, or NULL. */
const struct vtype *conf_type(struct model *m, CXCursor decl, const char *qname);
/* conf_role: the configuration's role for a call named ci->name (a method of vt, or a free
 * function when vt is NULL); false if none. */
bool conf_role(struct model *m, struct callee_info *ci, CXCursor decl, const struct vtype *vt);

#endif
