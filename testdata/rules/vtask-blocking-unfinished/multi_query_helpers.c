// vtask-blocking-unfinished after a same-file helper that asks about several vtasks at once:
// `return vtask_is_completed(a) && vtask_is_completed(b);` answers "both completed" when
// true, so both results it guards are quiet (only the first was proven before), and so is its
// negation's "false". Flagged: an `||` helper's "true" (one of them may still run), the "false"
// way of an `&&` helper, a helper that also asks something else of one of them only on one
// side, and a helper whose answer is about one vtask and a number.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

static bool both_done(vtask_t a, vtask_t b) { return vtask_is_completed(a) && vtask_is_completed(b); }
static bool either_done(vtask_t a, vtask_t b) { return vtask_is_completed(a) || vtask_is_completed(b); }
static bool not_both(vtask_t a, vtask_t b) { return !(vtask_is_completed(a) && vtask_is_completed(b)); }
static bool three_done(vtask_t a, vtask_t b, vtask_t c) {
  return vtask_is_completed(a) && vtask_is_completed(b) && vtask_is_completed(c);
}
static bool done_and_positive(vtask_t a, int n) { return n > 0 && vtask_is_completed(a); }

void use(void *x, void *y);

void both(vtask_t a, vtask_t b) {
  if (both_done(a, b))
    use(vtask_get_result(a), vtask_get_result(b));
}

void three(vtask_t a, vtask_t b, vtask_t c) {
  if (!three_done(a, b, c))
    return;
  use(vtask_get_result(a), vtask_get_result(b));
  use(vtask_get_result(c), NULL);
}

void negated(vtask_t a, vtask_t b) {
  if (!not_both(a, b))
    use(vtask_get_result(a), vtask_get_result(b));
}

void *with_a_number(vtask_t a, int n) {
  if (done_and_positive(a, n))
    return vtask_get_result(a);
  return NULL;
}

void *either(vtask_t a, vtask_t b) {
  if (either_done(a, b))
    return vtask_get_result(b); // expect: vtask-blocking-unfinished
  return NULL;
}

void *both_false_way(vtask_t a, vtask_t b) {
  if (both_done(a, b))
    return NULL;
  return vtask_get_result(a); // expect: vtask-blocking-unfinished
}
