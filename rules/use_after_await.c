/* vtask-use-after-await: any other use of a vtask that may already be consumed. A consumption
 * that only released the operation (EVF_RELEASES: pthread_detach) leaves the value usable
 * (flow_spent); the words are the library's (struct vtype's, event.word). And the memory of one
 * released while its consumption may not have finished (free(h) after uv_close(h, NULL), before
 * the loop ran the close callback: flow_finishing), where the library's words say why. */
#include <stdio.h>

#include "rules/rule.h"

/* how_used: this rule's word for a use (buf holds one that names the callee), or NULL when ev
 * is not a use. */
static const char *how_used(const struct event *ev, char *buf, size_t n) {
  switch (ev->kind) {
  case EV_QUERY:
    return "queried";
  case EV_USE:
    if (ev->name && *ev->name) {
      snprintf(buf, n, "used by '%s'", ev->name);
      return buf;
    }
    return "used";
  case EV_PASS:
    if (ev->name && *ev->name) {
      snprintf(buf, n, "passed to '%s'", ev->name);
      return buf;
    }
    return "passed on";
  case EV_COPY:
    return "copied";
  case EV_WAIT: /* a wait that does not consume (future::wait after get); a helper's
                   completion (EVF_COMPLETES) follows its use, which is the finding */
    return ev->var >= 0 && !(ev->flags & EVF_COMPLETES) ? "waited on" : NULL;
  case EV_RUN:
    return "resumed";
  default:
    return NULL;
  }
}

/* freed_early: EV_FREE of a handle whose close may not have finished. */
static void freed_early(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev) {
  const struct vtype *vt = ev->var >= 0 ? flow_cfg(fx)->vars.v[ev->var].type : NULL;
  const struct vwords *w = rule_words(vt);
  const struct event *first = NULL;
  if (!vt || !w->early_free || !flow_finishing(fx, ev->var, &first) || !flow_claim(fx, first))
    return;
  const char *label = w->label ? w->label : "", *sep = w->label ? " " : "";
  char b2[160];
  const char *before = first ? rule_consumed_word(first, b2, sizeof b2) : "consumed";
  struct diag *d = rule_report(rc, ev->cur, "%s%s'%s' is %s while it is being %s; %s", label, sep,
                               rule_var_name(fx, ev->var), ev->word ? ev->word : "freed", before, w->early_free);
  if (d && first)
    rule_note(rc, d, first->cur, "%s here", before);
}

static void on_event(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev) {
  if (!ev)
    return;
  if (ev->kind == EV_FREE) {
    freed_early(rc, fx, ev);
    return;
  }
  char buf[160];
  const char *how = how_used(ev, buf, sizeof buf);
  if (!how)
    return;
  /* `pthread_t &s = th_;` binds a name to it: no copy is made */
  if (ev->kind == EV_COPY && ev->var >= 0 && (flow_cfg(fx)->vars.v[ev->var].flags & VAR_REF))
    return;
  int32_t var = ev->kind == EV_COPY ? ev->var2 : ev->var;
  const struct event *first = NULL;
  const struct vtype *vt = var >= 0 ? flow_cfg(fx)->vars.v[var].type : NULL;
  if (vt && vt->double_await == DA_OFF)
    return;
  bool after_move = vt && vt->double_await == DA_AFTER_MOVE;
  if (after_move) {
    if (!flow_moved(fx, var, &first))
      return;
  } else if (!flow_spent(fx, var, &first)) {
    return;
  }
  if (!flow_claim(fx, first))
    return;
  const struct vwords *w = rule_words(vt);
  const char *label = w->label ? w->label : "", *sep = w->label ? " " : "";
  char b2[160];
  const char *before = after_move ? "moved from" : first ? rule_consumed_word(first, b2, sizeof b2) : "consumed";
  struct diag *d = rule_report(rc, ev->cur, "%s%s'%s' is %s after it was %s; %s", label, sep, rule_var_name(fx, var),
                               how, before, w->reuse);
  if (d && first)
    rule_note(rc, d, first->cur, "%s here", before);
}

const struct rule rule_use_after_await = {
    .id = "vtask-use-after-await",
    .summary = "a vtask queried, copied or passed on after it may have been consumed",
    .on_event = on_event,
};
