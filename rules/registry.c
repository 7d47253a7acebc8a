/* registry.c: the table of every rule, sorted by id (clang-tidy's registry, ruff's codes.rs). */
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"

extern const struct rule rule_blocking_in_coroutine;
extern const struct rule rule_blocking_unfinished;
extern const struct rule rule_discarded;
extern const struct rule rule_double_await;
extern const struct rule rule_stored_in_field;
extern const struct rule rule_use_after_await;

const struct rule *const rule_registry[] = {
    &rule_blocking_in_coroutine, &rule_blocking_unfinished, &rule_discarded,
    &rule_double_await,          &rule_stored_in_field,     &rule_use_after_await,
};
const unsigned rule_registry_count = sizeof rule_registry / sizeof rule_registry[0];

const struct rule *rule_find(const char *id) {
  for (unsigned i = 0; i < rule_registry_count; i++)
    if (strcmp(rule_registry[i]->id, id) == 0)
      return rule_registry[i];
  return NULL;
}

const char *rule_var_name(const struct flow_ctx *fx, int32_t var) {
  const struct cfg *g = flow_cfg(fx);
  return var >= 0 && (size_t)var < g->vars.n ? g->vars.v[var].name : "?";
}

static const struct vwords generic_words = {
    .noun = "single-use awaitable",
    .a_noun = "a single-use awaitable",
    .once = "a single-use awaitable may be consumed only once",
    .reuse = "its operation's source may already be reused",
    .dropped = "its operation is never awaited and its result never taken",
};

const struct vwords *rule_words(const struct vtype *vt) { return vt && vt->words ? vt->words : &generic_words; }

const char *rule_consumed_word(const struct event *ev, char *buf, size_t n) {
  if (ev->word)
    return ev->word;
  switch (ev->kind) {
  case EV_AWAIT:
    return "awaited";
  case EV_GET_RESULT:
    return "read with get-result";
  case EV_MOVE:
    return "moved from";
  case EV_PASS:
    return "passed on";
  default:
    if (ev->name && *ev->name) {
      snprintf(buf, n, "handed to '%s'", ev->name);
      return buf;
    }
    return "transferred";
  }
}
