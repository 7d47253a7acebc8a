// vtask-double-await with range-based for: a vtask declared outside the loop and consumed in the
// body is consumed again on the next iteration; a move followed by break still reaches the code
// after the loop. Near misses: the loop variable itself is fresh each iteration; break right
// after the consumption.
#include <utility>
#include <vector>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
void take(vt::vtask<int> t);

vt::vtask<int> outer_consumed_in_body(int fd, const std::vector<int> &xs) {
  auto t = read_async(fd);
  int sum = 0;
  for (int x : xs)
    sum += x + co_await t; // expect: vtask-double-await
  co_return sum;
}

vt::vtask<int> moved_then_break_then_after(int fd, const std::vector<int> &xs) {
  auto t = read_async(fd);
  for (int x : xs) {
    if (x == 0) {
      take(std::move(t));
      break;
    }
  }
  co_return co_await t; // expect: vtask-double-await
}

vt::vtask<int> loop_variable_twice(std::vector<vt::vtask<int>> tasks) {
  int sum = 0;
  for (vt::vtask<int> t : tasks) {
    sum += co_await t;
    sum += co_await t; // expect: vtask-double-await
  }
  co_return sum;
}

/* ---- near misses ---- */

/* Quiet: the loop variable is a new copy each iteration, awaited once. */
vt::vtask<int> loop_variable_once(std::vector<vt::vtask<int>> tasks) {
  int sum = 0;
  for (vt::vtask<int> t : tasks)
    sum += co_await t;
  co_return sum;
}

/* Quiet: break right after the only consumption. */
vt::vtask<int> break_after_consume(int fd, const std::vector<int> &xs) {
  auto t = read_async(fd);
  int sum = 0;
  for (int x : xs) {
    if (x < 0) {
      sum += co_await t;
      break;
    }
  }
  co_return sum;
}

/* Quiet: a fresh vtask per element. */
vt::vtask<int> fresh_per_element(const std::vector<int> &fds) {
  int sum = 0;
  for (int fd : fds) {
    auto t = read_async(fd);
    sum += co_await t;
  }
  co_return sum;
}
