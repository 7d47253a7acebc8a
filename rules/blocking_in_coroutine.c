/* vtask-blocking-in-coroutine: a blocking wait inside a coroutine body. */
#include "rules/rule.h"

static void on_event(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev) {
  if (!ev || ev->kind != EV_WAIT || (ev->flags & EVF_COMPLETES))
    return;
  const struct cfg *g = flow_cfg(fx);
  if (!g->is_coroutine)
    return;
  rule_report(rc, ev->cur,
              "'%s' blocks the thread inside coroutine '%s'; co_await the operation instead",
              ev->name ? ev->name : "wait", g->fn_name ? g->fn_name : "?");
}

const struct rule rule_blocking_in_coroutine = {
    .id = "vtask-blocking-in-coroutine",
    .summary = "a blocking wait (future::get, sync_wait, blockingWait, syncAwait) inside a coroutine",
    .on_event = on_event,
};
