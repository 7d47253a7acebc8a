/* vtask-double-await: a vtask consumed when, on some path, it (or an alias) already was. */
#include "rules/rule.h"

static const char *verb(const struct event *ev) {
  switch (ev->kind) {
  case EV_AWAIT:
    return "awaited";
  case EV_GET_RESULT:
    return "read with get-result";
  case EV_MOVE:
    return "moved from";
  default:
    return "transferred";
  }
}

/* named_call: the reference API reads as verbs ("awaited"); other libraries' consuming calls
 * are named ("consumed by 'pthread_join'"). Language constructs (co_await, return) carry no
 * name. */
static bool named_call(const struct event *ev, const struct vtype *vt) {
  return ev->name && ev->kind != EV_MOVE && !(vt && vt->profile == PROF_VTASK);
}

static void on_event(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev) {
  if (!ev)
    return;
  int32_t var;
  switch (ev->kind) {
  case EV_AWAIT:
  case EV_GET_RESULT:
  case EV_TRANSFER:
    var = ev->var;
    break;
  case EV_MOVE:
    var = ev->var2;
    break;
  default:
    return;
  }
  const struct cfg *g = flow_cfg(fx);
  const struct vtype *vt = var >= 0 ? g->vars.v[var].type : NULL;
  if (vt && vt->double_await == DA_OFF)
    return;
  const struct event *first = NULL;
  if (vt && vt->double_await == DA_AFTER_MOVE) {
    if (!flow_moved(fx, var, &first))
      return;
  } else if (!flow_consumed(fx, var, &first)) {
    return;
  }
  if (!flow_claim(fx, first))
    return;
  const char *name = rule_var_name(fx, var);
  bool later = first && first->order >= ev->order; /* reached again over a back edge */
  struct diag *d;
  if (named_call(ev, vt))
    d = rule_report(rc, ev->cur, "'%s' is consumed by '%s'%s after it was already consumed; it may be consumed only once",
                    name, ev->name, later ? " again in a later loop iteration" : "");
  else if (later)
    d = rule_report(rc, ev->cur, "'%s' is %s again in a later loop iteration; a vtask may be consumed only once",
                    name, verb(ev));
  else if (first && first->kind == ev->kind && ev->kind == EV_AWAIT && !named_call(first, vt))
    d = rule_report(rc, ev->cur, "'%s' is awaited twice; a vtask may be consumed only once", name);
  else
    d = rule_report(rc, ev->cur, "'%s' is %s after it was already consumed; a vtask may be consumed only once",
                    name, verb(ev));
  if (d && first) {
    if (named_call(first, vt))
      rule_note(rc, d, first->cur, later ? "consumed by '%s' here in an earlier iteration" : "first consumed by '%s' here",
                first->name);
    else
      rule_note(rc, d, first->cur, later ? "consumed here in an earlier iteration" : "first consumed here");
  }
}

const struct rule rule_double_await = {
    .id = "vtask-double-await",
    .summary = "a vtask consumed (awaited, result taken, transferred) when it may already have been consumed",
    .on_event = on_event,
};
