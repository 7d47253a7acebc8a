/* vtask-blocking-unfinished: get-result on a vtask not proven completed on every path. */
#include "rules/rule.h"

static void on_event(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev) {
  if (!ev || ev->kind != EV_GET_RESULT)
    return;
  const struct event *origin = NULL;
  if (flow_consumed(fx, ev->var, NULL)) /* that is vtask-double-await's bug */
    return;
  if (!flow_pending(fx, ev->var, &origin))
    return;
  const struct cfg *g = flow_cfg(fx);
  const struct var *v = &g->vars.v[ev->var];
  struct diag *d;
  if (v->flags & VAR_TEMP)
    d = rule_report(rc, ev->cur,
                    "result of the %s returned by '%s' is taken before it is known to have completed; "
                    "await it or check a completion query first",
                    rule_words(v->type)->noun, origin && origin->name ? origin->name : "?");
  else
    d = rule_report(rc, ev->cur,
                    "result of '%s' is taken but its completion is not known on this path; "
                    "await it or check a completion query first",
                    v->name);
  if (!d || !origin || (v->flags & VAR_TEMP))
    return;
  if (origin->kind == EV_QUERY)
    rule_note(rc, d, origin->cur, "'%s' is not known to be completed on the path through this check", v->name);
  else if (origin->kind == EV_FRESH && (v->flags & VAR_PARAM))
    rule_note(rc, d, origin->cur, "'%s' comes from the caller; nothing here proves it has completed", v->name);
  else
    rule_note(rc, d, origin->cur, "'%s' is created here; nothing on the way proves it has completed", v->name);
}

const struct rule rule_blocking_unfinished = {
    .id = "vtask-blocking-unfinished",
    .summary = "the result of a vtask taken synchronously before it is known to have completed",
    .on_event = on_event,
};
