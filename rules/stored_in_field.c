/* vtask-stored-in-field: a vtask kept in a field, a global or a static. */
#include "rules/rule.h"

static void on_decl(struct rule_ctx *rc, const struct decl_fact *f) {
  if (f->vtype && f->vtype->fields_allowed) /* futures, thread handles: kept to be joined later */
    return;
  const struct vwords *w = rule_words(f->vtype);
  if (f->kind == DECL_STATIC_MEMBER)
    rule_report(rc, f->cur,
                "static member '%s' holds %s ('%s'); a single-use awaitable kept beyond its scope is easily consumed twice or never",
                f->name, w->a_noun, f->type);
  else if (f->kind == DECL_FIELD)
    rule_report(rc, f->cur,
                "field '%s' holds %s ('%s'); a single-use awaitable kept in an object is easily consumed twice or never",
                f->name, w->a_noun, f->type);
  else
    rule_report(rc, f->cur,
                "%s stored in global '%s'; a single-use awaitable kept beyond its scope is easily consumed twice or never",
                w->noun, f->name);
}

static void on_event(struct rule_ctx *rc, struct flow_ctx *fx, const struct event *ev) {
  (void)fx;
  if (!ev || ev->kind != EV_STORE || (ev->type && ev->type->fields_allowed))
    return;
  static const char *const where[] = {"", "field", "global", "static variable"};
  rule_report(rc, ev->cur,
              "%s assigned to %s '%s'; a single-use awaitable kept beyond its scope is easily consumed twice or never",
              rule_words(ev->type)->noun, where[ev->flags <= STORE_STATIC ? ev->flags : 0], ev->name ? ev->name : "?");
}

const struct rule rule_stored_in_field = {
    .id = "vtask-stored-in-field",
    .summary = "a vtask kept in a struct or class field, or assigned into a field, a global or a static",
    .on_event = on_event,
    .on_decl = on_decl,
};
