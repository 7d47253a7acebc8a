/* vtask-discarded: a created vtask dropped, or kept in a local that no path consumes. The
 * lowering emits a discard only where the model says dropping matters (a std::future only
 * from std::async), with the library's reason in event.word. */
#include "rules/rule.h"

static void on_event(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev) {
  if (ev) {
    if (ev->kind == EV_DISCARD) {
      const struct vwords *w = rule_words(ev->type);
      rule_report(rc, ev->cur, "the %s returned by '%s' is discarded; %s", w->noun, ev->name ? ev->name : "?",
                  ev->word ? ev->word : w->dropped);
    }
    return;
  }
  const struct cfg *g = flow_cfg(fx);
  for (size_t i = 0; i < g->events.n; i++) {
    const struct event *e = &g->events.v[i];
    if (e->kind != EV_CREATE || e->var < 0 || (g->vars.v[e->var].flags & VAR_TEMP))
      continue;
    const struct vtype *vt = g->vars.v[e->var].type;
    if (vt && !vt->discard_local) /* futures and handles are often left to destructors or attributes */
      continue;
    if (!flow_reached(fx, e) || !flow_never_consumed(fx, e))
      continue;
    rule_report(rc, e->cur, "'%s' is created here but no path consumes it; the %s's result is lost",
                g->vars.v[e->var].name, rule_words(vt)->noun);
  }
}

const struct rule rule_discarded = {
    .id = "vtask-discarded",
    .summary = "a vtask-creating call whose result is dropped or kept in a local that is never consumed",
    .on_event = on_event,
};
