/* summary.h: summaries of same-unit callees, the summary_provider the lowering asks when a
 * call has no model role but its callee is defined in the unit and takes a tracked parameter.
 * The callee is lowered and solved on demand, and each parameter gets the strongest effect any
 * path has on it (escape > await > get-result > use), or query / negated query when every
 * return answers whether it completed. An await or get-result counts only when every path to
 * the exit consumes the parameter; one that only some paths take makes it escape. A reference
 * parameter the body rebinds, or a non-const one it only reads, escapes (summary.c says why).
 * Cached per definition; a recursive call, or nesting deeper than 16, gets no summary (the
 * by-value default). */
#ifndef VTL_FLOW_SUMMARY_H
#define VTL_FLOW_SUMMARY_H

#include "analyzer/flow/lower.h"
#include "analyzer/support/arena.h"

struct summaries;

/* summaries_new: a cache in arena a, lowering callees with model and the nesting bound
 * max_depth (lower_opts.max_depth). */
struct summaries *summaries_new(struct arena *a, struct model *model, int max_depth);
/* summaries_provider: for lower_opts.summaries; valid as long as the arena. */
const struct summary_provider *summaries_provider(struct summaries *s);
/* summaries_watch: get is told of every definition a summary is asked for, undef of every
 * call passing a tracked value to a function without a definition (or whose definition has no
 * body), also while lowering the callees themselves (driver/group.c: does a header's analysis
 * depend on the main file? lsp/worker.c: did the analysis need a body the preamble skipped?). */
void summaries_watch(struct summaries *s, void (*get)(void *self, CXCursor def),
                     void (*undef)(void *self, CXCursor callee), void *self);

#endif
