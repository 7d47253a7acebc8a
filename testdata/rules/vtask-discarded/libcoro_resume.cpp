// Library note (libcoro): t.resume() runs a task by hand (libcoro's own tests drive tasks that
// way); a resumed task has run, so it is not discarded. From ../shared/repro/
// libcoro_resume_driven.cpp, with the cases that must still be reported.
#include <coro/task.hpp>
#include <utility>

coro::task<void> make_void();
coro::task<int> make_int();
bool check(bool);

/* Quiet: driven by hand with resume(). */
void drive_by_hand() {
  auto t = make_void();
  t.resume();
  check(t.is_ready());
}

/* Quiet: resumed until it is ready, then its result taken. */
int drive_until_ready() {
  auto t = make_int();
  while (!t.is_ready())
    t.resume();
  return t.promise().result();
}

/* Quiet: resumed on one path, awaited elsewhere on the other: each path uses it. */
coro::task<int> resume_or_await(bool by_hand) {
  auto t = make_int();
  if (by_hand) {
    t.resume();
    co_return 0;
  }
  co_return co_await t;
}

/* ---- still reported ---- */

/* Only queried, never resumed, awaited or waited for: the task never runs. */
void only_queried() {
  auto t = make_void(); // expect: vtask-discarded
  check(t.is_ready());
}

/* Resuming a task that was moved from is a use of an empty task. */
coro::task<int> resume_after_move() {
  auto t = make_int();
  int v = co_await std::move(t);
  t.resume(); // expect: vtask-use-after-await
  co_return v;
}
