// vtask-use-after-await in C++: a query, a copy or a by-value pass of a vtask after it was
// consumed by std::move, as_task() or co_await. Near misses: re-initialisation by assignment
// (including move-assignment from another vtask), queries before the move, a moved-to variable.
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
void take(vt::vtask<int> t);

bool query_after_move_into_parameter(int fd) {
  auto t = read_async(fd);
  take(std::move(t));
  return t.is_completed(); // expect: vtask-use-after-await
}

bool query_after_move_into_variable(int fd) {
  auto t = read_async(fd);
  auto u = std::move(t);
  (void)u.as_task();
  return t.is_canceled(); // expect: vtask-use-after-await
}

void copy_after_as_task(int fd) {
  auto t = read_async(fd);
  (void)t.as_task();
  vt::vtask<int> u = t; // expect: vtask-use-after-await
  (void)u;
}

vt::vtask<int> copy_pass_after_co_await(int fd) {
  auto t = read_async(fd);
  int r = co_await t;
  take(t); // expect: vtask-use-after-await
  co_return r;
}

vt::vtask<int> query_after_co_await(int fd) {
  auto t = read_async(fd);
  int r = co_await t;
  if (t.is_faulted()) // expect: vtask-use-after-await
    co_return -1;
  co_return r;
}

bool query_after_pass_by_copy(int fd) {
  auto t = read_async(fd);
  take(t);
  return t.is_completed_successfully(); // expect: vtask-use-after-await
}

/* ---- near misses ---- */

/* Quiet: queried before the move. */
void query_before_move(int fd) {
  auto t = read_async(fd);
  if (t.is_completed())
    (void)t.get_result();
  else
    take(std::move(t));
}

/* Quiet: assigned a new operation after the move. */
bool reassigned_after_move(int fd) {
  auto t = read_async(fd);
  take(std::move(t));
  t = read_async(fd);
  bool r = t.is_completed();
  take(std::move(t));
  return r;
}

/* Quiet: move-assigned from another vtask after the move. */
bool move_assigned_after_move(int fd) {
  auto t = read_async(fd);
  auto u = read_async(fd + 1);
  take(std::move(t));
  t = std::move(u);
  bool r = t.is_completed();
  take(std::move(t));
  return r;
}

/* Quiet: the moved-to variable is fine to use. */
bool use_new_owner(int fd) {
  auto t = read_async(fd);
  auto u = std::move(t);
  bool r = u.is_completed();
  take(std::move(u));
  return r;
}

/* Quiet: decltype and sizeof do not evaluate their operands. */
unsigned long unevaluated_after_move(int fd) {
  auto t = read_async(fd);
  take(std::move(t));
  using R = decltype(t.is_completed());
  return sizeof(R) + sizeof(t.is_completed()) + sizeof t;
}
