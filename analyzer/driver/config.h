/* config.h: the .vtasklint.yaml configuration file (spec section 4b), read with libyaml:
 *
 *   Checks: '*,-vtask-discarded'          # globs, last match wins
 *   WarningsAsErrors: 'vtask-double-await'
 *   HeaderFilter: '^(src|include)/'       # POSIX extended regex over the shown header path
 *   Profiles:                             # built-in profiles: on / off, and per-rule tuning
 *     std-future: on
 *     cppcoro: { double-await: after-move }
 *   Awaitables:                           # the user's own single-use types
 *     - Type: 'struct job'
 *       Await: [job_wait]
 *       GetResult: [job_result]
 *       Wait: [job_join]
 *       Query: [job_done]
 *       Transfer: [job_detach]
 *       CreateCompleted: [job_ready]
 *       FieldsAllowed: false
 *   Assertions:                           # test-framework assertions besides the built-in ones
 *     Fatal: [MY_REQUIRE, require_ok]     # the test stops when the (first) argument is false
 *     FatalFalse: [MY_REQUIRE_NOT]        # ... when it is true
 *     ExpectThrow: [assert_throws]        # the call (or the lambda passed) is expected to throw
 *
 *   InheritParentConfig: true             # the next .vtasklint.yaml above applies first
 *
 * The nearest file found upward from the analysed file applies (--config FILE overrides). */
#ifndef VTL_DRIVER_CONFIG_H
#define VTL_DRIVER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "analyzer/support/strbuf.h"

enum cfg_tristate { CFG_UNSET = 0, CFG_ON, CFG_OFF };

/* A profile's per-rule tuning. */
enum cfg_double_await { CFG_DA_UNSET = 0, CFG_DA_ERROR, CFG_DA_OFF, CFG_DA_AFTER_MOVE };
enum cfg_fields { CFG_FIELDS_UNSET = 0, CFG_FIELDS_FLAGGED, CFG_FIELDS_ALLOWED };

struct cfg_profile {
  char *name;                   /* "std-future", "cppcoro", ... as written */
  enum cfg_tristate enabled;    /* `name: on|off|true|false`, or `enabled:` in a mapping */
  enum cfg_double_await double_await; /* `double-await: error|off|after-move` */
  enum cfg_fields fields;       /* `fields: flagged|allowed` */
  unsigned line, col;           /* where it was written, for messages */
};

struct cfg_names {
  char **v;
  size_t n;
};

struct cfg_awaitable {
  char *type;                   /* 'struct job', 'job_t', 'ns::task' (templates by name) */
  struct cfg_names await, get_result, wait, query, transfer, create_completed;
  enum cfg_tristate fields_allowed;
  unsigned line, col;
};

struct vtl_config {
  char *path;                   /* the file read; NULL for the built-in defaults */
  char *checks;                 /* NULL: not set */
  char *warnings_as_errors;
  char *header_filter;
  struct cfg_profile *profiles;
  size_t nprofiles;
  struct cfg_awaitable *awaitables;
  size_t nawaitables;
  /* Assertions: test-framework macro or function names, besides the built-in ones */
  struct cfg_names assert_fatal;       /* `Fatal:` the test stops when the condition is false */
  struct cfg_names assert_fatal_false; /* `FatalFalse:` ... when it is true */
  struct cfg_names assert_expect_throw;/* `ExpectThrow:` the call, or the callable passed, throws */
  enum cfg_tristate inherit_parent;    /* `InheritParentConfig:` the file above applies first */
};

/* config_load: reads and validates path. 0 on success. On a malformed file, -1 with err set to
 * one line "PATH:LINE:COL: error: what is wrong" (YAML syntax errors, a value of the wrong kind,
 * an unknown profile name, an unknown value such as `double-await: twice`). Unknown keys are not
 * errors: each gives a line "PATH:LINE:COL: warning: unknown key 'X'" through warn (may be NULL). */
int config_load(const char *path, struct vtl_config *out, struct strbuf *err,
                void (*warn)(void *self, const char *line), void *self);
/* config_parse: config_load on text already read (len bytes; path names it in messages). */
int config_parse(const char *path, const char *text, size_t len, struct vtl_config *out, struct strbuf *err,
                 void (*warn)(void *self, const char *line), void *self);
/* config_check_header_filter: 0 when pattern may be a HeaderFilter (also --header-filter); -1
 * with why ("is refused: ...", "is not a valid extended regular expression: ...") when glibc's
 * regcomp could blow up on it or rejects it. */
int config_check_header_filter(const char *pattern, struct strbuf *why);
/* config_merge_parent: child becomes parent with child applied on top, as clang-tidy merges
 * under InheritParentConfig: Checks and WarningsAsErrors are joined (parent's, then child's: the
 * last match wins), HeaderFilter is the child's when set, a profile the child names takes the
 * settings the child gives, Awaitables and Assertions are the parent's followed by the child's.
 * parent is only read (deep copies). */
void config_merge_parent(struct vtl_config *child, const struct vtl_config *parent);
/* config_release: frees everything config_load allocated; *c is zeroed. */
void config_release(struct vtl_config *c);
/* config_find: the nearest .vtasklint.yaml in dir or one of its parents (heap string the
 * caller frees), or NULL. A file owned by another user, writable by others or in a directory
 * others can write is skipped with a warning line through warn (may be NULL). */
char *config_find(const char *dir, void (*warn)(void *self, const char *line), void *self);
/* config_dump: the effective configuration as YAML that config_load reads back unchanged. */
void config_dump(const struct vtl_config *c, FILE *out);

#endif
