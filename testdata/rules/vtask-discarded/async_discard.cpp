// Library note (std-future): a dropped std::future is reported only when its destructor blocks,
// that is a future from std::async: dropping it runs the call synchronously, a known pitfall. A
// future from a pool (submit, taskflow's executor.async) dropped on purpose, the work awaited
// another way, is not a bug. From ../shared/repro/async_discard.cpp, with its near misses.
#include <future>
#include <taskflow/taskflow.hpp>

void work();
int compute(int n);
std::future<void> submit(void (*f)());  // a pool's submit: its futures do not block when destroyed
void wait_all();

void fire_and_forget() {
  std::async(std::launch::async, work); // expect: vtask-discarded
}

void fire_and_forget_void_cast(int n) {
  (void)std::async(std::launch::async, compute, n); // expect: vtask-discarded
}

void fire_and_forget_in_loop(int n) {
  for (int i = 0; i < n; i++)
    std::async(std::launch::async, compute, i); // expect: vtask-discarded
}

/* ---- near misses ---- */

/* Quiet: a pool's futures, dropped on purpose; wait_all() is the join. */
void pool_style() {
  submit(work);
  submit(work);
  wait_all();
}

/* Quiet: taskflow's executor.async, joined by wait_for_all(). */
void taskflow_style(tf::Executor &executor) {
  executor.async([] { work(); });
  (void)executor.async([] { work(); });
  executor.wait_for_all();
}

/* Quiet: the std::async future is kept; its destructor joins at the end of the scope, after the
   other work ran concurrently. */
void kept_until_scope_end() {
  auto f = std::async(std::launch::async, work);
  work();
}

/* Quiet: the result is taken. */
int result_taken(int n) {
  return std::async(std::launch::async, compute, n).get();
}

/* Quiet: a member named async on another class is not std::async. */
struct pool {
  std::future<void> async(void (*f)());
};
void member_named_async(pool &p) {
  p.async(work);
}
