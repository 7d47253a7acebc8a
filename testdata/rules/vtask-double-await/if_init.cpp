// vtask-double-await with C++17 if / switch init-statements: the init-statement runs before the
// condition and both branches. Near misses: a vtask declared in the init-statement is scoped to
// that if, so two ifs declaring 't' hold two operations.
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
bool ready();

vt::vtask<int> consumed_in_init_then_branch(int fd) {
  auto t = read_async(fd);
  if (int r = co_await t; r > 0)
    co_return co_await t; // expect: vtask-double-await
  co_return 0;
}

vt::vtask<int> consumed_in_init_then_else(int fd) {
  auto t = read_async(fd);
  if (auto task = t.as_task(); ready())
    co_return 1;
  else
    co_return co_await t; // expect: vtask-double-await
}

vt::vtask<int> switch_init_then_case(int fd) {
  auto t = read_async(fd);
  switch (int r = co_await t; r) { /* libclang never shows a switch init statement */
  case 0:
    co_return co_await t; // expect-fixme: vtask-double-await
  default:
    co_return r;
  }
}

vt::vtask<int> init_declared_twice_in_body(int fd) {
  if (auto t = read_async(fd); ready()) {
    int a = co_await t;
    co_return a + co_await t; // expect: vtask-double-await
  }
  co_return 0;
}

/* ---- near misses ---- */

/* Quiet: each if declares its own 't'. */
vt::vtask<int> two_ifs_two_variables(int fd) {
  int sum = 0;
  if (auto t = read_async(fd); ready())
    sum += co_await t;
  if (auto t = read_async(fd); ready())
    sum += co_await t;
  co_return sum;
}

/* Quiet: the init-statement only queries; each branch consumes once. */
vt::vtask<int> init_queries(int fd) {
  auto t = read_async(fd);
  if (bool done = t.is_completed(); done)
    co_return t.get_result();
  else
    co_return co_await t;
}

/* Quiet: the variable declared in the init-statement is consumed once, in one branch. */
int init_declares_vtask(int fd) {
  if (auto t = read_async(fd); t.is_completed())
    return t.get_result();
  else
    return (void)t.as_task(), -1;
}
