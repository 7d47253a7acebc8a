/* vtask-double-await: a vtask consumed when, on some path, it (or an alias) already was. */
#include "rules/rule.h"

static const char *verb(int kind) {
  switch (kind) {
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
  const struct event *first = NULL;
  if (!flow_consumed(fx, var, &first) || !flow_claim(fx, first))
    return;
  const char *name = rule_var_name(fx, var);
  bool later = first && first->order >= ev->order; /* reached again over a back edge */
  struct diag *d;
  if (later)
    d = rule_report(rc, ev->cur, "'%s' is %s again in a later loop iteration; a vtask may be consumed only once",
                    name, verb(ev->kind));
  else if (first && first->kind == ev->kind && ev->kind == EV_AWAIT)
    d = rule_report(rc, ev->cur, "'%s' is awaited twice; a vtask may be consumed only once", name);
  else
    d = rule_report(rc, ev->cur, "'%s' is %s after it was already consumed; a vtask may be consumed only once",
                    name, verb(ev->kind));
  if (d && first)
    rule_note(rc, d, first->cur, later ? "consumed here in an earlier iteration" : "first consumed here");
}

const struct rule rule_double_await = {
    .id = "vtask-double-await",
    .summary = "a vtask consumed (awaited, result taken, transferred) when it may already have been consumed",
    .on_event = on_event,
};
