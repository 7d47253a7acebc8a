/* rule.h: what a rule sees (style.md: "rules are data plus one small function"). A rule
 * decides; rule_report() formats. Rules read the solver's state at each event of a function's
 * cfg (analyzer/flow), and facts from the declaration walk; they never walk cursors. */
#ifndef VTL_RULES_RULE_H
#define VTL_RULES_RULE_H

#include <stdarg.h>

#include "analyzer/flow/cfg.h"
#include "analyzer/flow/decls.h" /* struct decl_fact */
#include "analyzer/flow/solve.h"
#include "analyzer/report/diag.h"

struct rule_ctx; /* the current rule in its unit (rules/context.c): locations, filter, output */

struct rule {
  const char *id;
  const char *summary; /* one line, for --list-rules */
  /* Called for every event of every reachable block with the state before it, and once with
   * ev == NULL at the end of each function. */
  void (*on_event)(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev);
  void (*on_decl)(struct rule_ctx *rc, const struct decl_fact *f);
};

/* rule_report: a warning of the current rule at cursor `at` (an event's or a fact's cur).
 * NULL when the location is filtered out (a system header, a NOLINT comment, HeaderFilter).
 * Its severity is the report filter's (WarningsAsErrors). */
struct diag *rule_report(struct rule_ctx *rc, CXCursor at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void rule_note(struct rule_ctx *rc, struct diag *d, CXCursor at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* rule_var_name: how messages name a variable: 't', or for a temporary the call that made it. */
const char *rule_var_name(const struct flow_ctx *fx, int32_t var);
/* rule_words: the words messages use for a value of tracked type vt: the library's, from the
 * model's profile record ("thread", "joined twice"), never chosen by the rule; generic ones
 * when vt is NULL. */
const struct vwords *rule_words(const struct vtype *vt);
/* rule_consumed_word: what consuming event ev did, in words: the library's (ev->word: "joined")
 * or the rules' for its kind ("awaited", "moved from", "handed to 'take'", formatted in buf). */
const char *rule_consumed_word(const struct event *ev, char *buf, size_t n);

/* The registry (registry.c): every rule, sorted by id. */
extern const struct rule *const rule_registry[];
extern const unsigned rule_registry_count;
const struct rule *rule_find(const char *id);

#endif
