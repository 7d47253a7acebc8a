// Captures by reference escape, also when the lambda is itself a coroutine (its body is an
// unexposed coroutine-body statement, not a CompoundStmt): a regression for a missed escape that
// made the later capture by copy look like a use after await.
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);

vt::vtask<int> by_ref_coroutine_lambda(int fd) {
  auto t = read_async(fd);
  auto l = [&t]() -> vt::vtask<int> { co_return co_await t; };
  co_await t; /* quiet: the lambda may have awaited it, or not: t escaped */
  auto l2 = [t]() mutable { return t.is_completed(); }; /* quiet: escaped */
  (void)l;
  (void)l2;
  co_return 0;
}

vt::vtask<int> by_copy_after_await(int fd) {
  auto t = read_async(fd);
  co_await t;
  auto l = [t]() mutable { return t.is_completed(); }; // expect: vtask-use-after-await
  (void)l;
  co_return 0;
}

vt::vtask<int> init_capture_moves(int fd) {
  auto t = read_async(fd);
  auto l = [u = std::move(t)]() mutable { return u.is_completed(); };
  co_await t; // expect: vtask-double-await
  (void)l;
  co_return 0;
}
