// vtask-blocking-unfinished after a same-file helper that answers with constants: one that
// returns true only where its vtask has completed (`if (vtask_is_completed(t)) return true;
// return false;`) is a query, one that returns false only there a negated query, so the
// get_result they guard is quiet. Flagged: the branch where the answer said "not completed", a
// helper whose answer does not depend on completion, one that also returns something else (a
// query's answer too: its "no" is not the constants' "no"), one whose "yes" is about another
// vtask it put in its own copy.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
bool urgent(int fd);

static bool ready(vtask_t t) {
  if (vtask_is_completed(t))
    return true;
  return false;
}
static bool still_running(vtask_t t) {
  if (vtask_is_completed(t))
    return false;
  return true;
}
static bool always(vtask_t t) {
  (void)t;
  return true;
}
static bool succeeded(vtask_t t) {
  if (vtask_is_canceled(t))
    return false;
  return vtask_is_completed_successfully(t);
}
static bool placeholder(vtask_t t) {
  if (!t.source) {
    t = vtask_completed();
    (void)t;
    return true;
  }
  return false;
}
static bool ready_or_urgent(vtask_t t, int fd) {
  if (vtask_is_completed(t))
    return true;
  return urgent(fd);
}

void *guarded(int fd) {
  vtask_t t = read_async(fd);
  if (ready(t))
    return vtask_get_result(t);
  return vtask_await(t);
}

void *guarded_negated(int fd) {
  vtask_t t = read_async(fd);
  if (still_running(t))
    return vtask_await(t);
  return vtask_get_result(t);
}

/* ---- flagged ---- */

void *wrong_branch(int fd) {
  vtask_t t = read_async(fd);
  if (still_running(t))
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

void *answer_ignores_it(int fd) {
  vtask_t t = read_async(fd);
  if (always(t))
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

void *answer_mixed(int fd) {
  vtask_t t = read_async(fd);
  if (ready_or_urgent(t, fd))
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}

void *not_succeeded(int fd) {
  vtask_t t = read_async(fd);
  if (!succeeded(t))
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return NULL;
}

void *placeholder_answer(int fd) {
  vtask_t t = read_async(fd);
  if (placeholder(t))
    return vtask_get_result(t); // expect: vtask-blocking-unfinished
  return vtask_await(t);
}
