/* vtask-double-await: a vtask consumed when, on some path, it (or an alias) already was. The
 * words are the library's (the model's profile record through struct vtype and event.word):
 * "thread 'th' is joined twice", "handle 'srv' is closed twice". */
#include <string.h>

#include "rules/rule.h"

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
  bool after_move = vt && vt->double_await == DA_AFTER_MOVE;
  if (after_move) {
    if (!flow_moved(fx, var, &first))
      return;
  } else if (!flow_consumed(fx, var, &first)) {
    return;
  }
  if (!flow_claim(fx, first))
    return;
  const struct vwords *w = rule_words(vt);
  const char *name = rule_var_name(fx, var);
  const char *label = w->label ? w->label : "", *sep = w->label ? " " : "";
  char b1[160], b2[160];
  const char *now = rule_consumed_word(ev, b1, sizeof b1);
  /* what the first consumption did; for a type that only a move ends, that it moved it */
  const char *before = !first                                                  ? "consumed"
                       : after_move && !first->word && first->kind != EV_MOVE ? "moved from"
                                                                              : rule_consumed_word(first, b2, sizeof b2);
  bool later = first && first->order >= ev->order; /* reached again over a back edge */
  struct diag *d;
  if (later)
    d = rule_report(rc, ev->cur, "%s%s'%s' is %s again in a later loop iteration; %s", label, sep, name, now, w->once);
  else if (first && strcmp(now, before) == 0)
    d = rule_report(rc, ev->cur, "%s%s'%s' is %s twice; %s", label, sep, name, now, w->once);
  else
    d = rule_report(rc, ev->cur, "%s%s'%s' is %s after it was already %s; %s", label, sep, name, now, before, w->once);
  if (d && first) {
    if (later)
      rule_note(rc, d, first->cur, "%s here in an earlier iteration", before);
    else
      rule_note(rc, d, first->cur, "first %s here", before);
  }
}

const struct rule rule_double_await = {
    .id = "vtask-double-await",
    .summary = "a vtask consumed (awaited, result taken, transferred) when it may already have been consumed",
    .on_event = on_event,
};
