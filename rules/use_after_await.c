/* vtask-use-after-await: any other use of a vtask that may already be consumed. */
#include "rules/rule.h"

static void on_event(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev) {
  if (!ev)
    return;
  int32_t var = ev->var;
  const char *how;
  switch (ev->kind) {
  case EV_QUERY:
    how = "queried";
    break;
  case EV_USE:
    how = "used";
    break;
  case EV_PASS:
    how = "passed on";
    break;
  case EV_COPY:
    var = ev->var2;
    how = "copied";
    break;
  default:
    return;
  }
  const struct event *first = NULL;
  const struct vtype *vt = var >= 0 ? flow_cfg(fx)->vars.v[var].type : NULL;
  if (vt && vt->double_await == DA_OFF)
    return;
  if (vt && vt->double_await == DA_AFTER_MOVE) {
    if (!flow_moved(fx, var, &first))
      return;
  } else if (!flow_consumed(fx, var, &first)) {
    return;
  }
  if (!flow_claim(fx, first))
    return;
  const char *name = rule_var_name(fx, var);
  struct diag *d;
  if (ev->kind == EV_PASS && ev->name)
    d = rule_report(rc, ev->cur, "'%s' is passed to '%s' after it was consumed; its operation's source may already be reused",
                    name, ev->name);
  else
    d = rule_report(rc, ev->cur, "'%s' is %s after it was consumed; its operation's source may already be reused",
                    name, how);
  if (d && first)
    rule_note(rc, d, first->cur, "consumed here");
}

const struct rule rule_use_after_await = {
    .id = "vtask-use-after-await",
    .summary = "a vtask queried, copied or passed on after it may have been consumed",
    .on_event = on_event,
};
