// C copies alias: `vtask_t u = t;` gives one operation two names, so consuming one consumes both.
// Covers double-await and use-after-await through aliases (declaration copies, assignment copies,
// chains, a copy in a second declarator). Near misses: re-assigning either name breaks the alias;
// copies of different operations stay different.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t read_async(int fd);
void submit(vtask_t t); /* no body here: a transfer */

void *alias_then_original(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  vtask_await(u);
  return vtask_await(t); // expect: vtask-double-await
}

void *original_then_alias(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  vtask_await(t);
  return vtask_await(u); // expect: vtask-double-await
}

void *assigned_alias(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u;
  u = t;
  vtask_as_task(u);
  return vtask_await(t); // expect: vtask-double-await
}

void *alias_chain(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  vtask_t w = u;
  vtask_await(w);
  return vtask_await(t); // expect: vtask-double-await
}

bool query_through_alias(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  vtask_await(t);
  return vtask_is_completed(u); // expect: vtask-use-after-await
}

void pass_alias_after_await(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  vtask_await(u);
  submit(t); // expect: vtask-use-after-await
}

void *alias_in_branch(int fd, bool c) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  if (c)
    vtask_await(u);
  return vtask_await(t); // expect: vtask-double-await
}

void *alias_in_second_declarator(int fd) {
  vtask_t t = read_async(fd), u = t;
  vtask_await(t);
  return vtask_await(u); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: the alias is re-assigned a new operation before it is awaited. */
void alias_reassigned(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  u = read_async(fd + 1);
  vtask_await(u);
  vtask_await(t);
}

/* Quiet: the original is re-assigned after the alias consumed the shared operation. */
void original_reassigned(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  vtask_await(u);
  t = read_async(fd + 1);
  vtask_await(t);
}

/* Quiet: two copies of two different operations. */
void different_operations(int fd) {
  vtask_t a = read_async(fd);
  vtask_t b = read_async(fd + 1);
  vtask_t a2 = a;
  vtask_t b2 = b;
  vtask_await(a2);
  vtask_await(b2);
}

/* Quiet: the alias is consumed once; the original is only queried BEFORE that. */
void *query_original_before(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  if (vtask_is_completed(t))
    return vtask_get_result(u);
  return vtask_await(u);
}

/* Quiet: exclusive branches consume different names of the same operation. */
void exclusive_names(int fd, bool c) {
  vtask_t t = read_async(fd);
  vtask_t u = t;
  if (c)
    vtask_await(t);
  else
    vtask_await(u);
}
