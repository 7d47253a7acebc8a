// folly/coro/Task.h: a stand-in for folly's coroutine task (folly::coro::Task<T>,
// TaskWithExecutor<T>) and folly::coro::blockingWait, for the `folly` profile's fixtures.
// Declarations only, mimicking the shape of the real API closely enough to type-check: a Task is
// move-only and awaitable only as an rvalue (`co_await std::move(t)`); semi(), scheduleOn() and
// start() are rvalue-qualified. Not the library (where blockingWait lives in
// folly/coro/BlockingWait.h, which includes this header here).
#ifndef VTL_STANDIN_FOLLY_CORO_TASK_H
#define VTL_STANDIN_FOLLY_CORO_TASK_H

#include <coroutine>
#include <exception>

#include <folly/Executor.h>
#include <folly/Try.h>
#include <folly/futures/Future.h>

namespace folly::coro {

template <typename T = void> class Task;
template <typename T = void> class TaskWithExecutor;

namespace detail {
template <typename T> struct lift_unit {
  using type = T;
};
template <> struct lift_unit<void> {
  using type = Unit;
};
template <typename T> using lift_unit_t = typename lift_unit<T>::type;

template <typename T> class TaskPromiseBase {
public:
  Task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception() noexcept;
};
template <typename T> class TaskPromise : public TaskPromiseBase<T> {
public:
  template <typename U = T> void return_value(U &&value);
};
template <> class TaskPromise<void> : public TaskPromiseBase<void> {
public:
  void return_void() noexcept;
};

template <typename T> struct TaskAwaiter {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> continuation) noexcept;
  T await_resume();
};
} // namespace detail

template <typename T> class [[nodiscard]] TaskWithExecutor {
public:
  TaskWithExecutor(TaskWithExecutor &&t) noexcept;
  TaskWithExecutor(const TaskWithExecutor &) = delete;
  ~TaskWithExecutor();

  Executor::KeepAlive<> getExecutor() const noexcept;
  Future<detail::lift_unit_t<T>> start() &&;
  detail::TaskAwaiter<T> operator co_await() && noexcept;
};

template <typename T> class [[nodiscard]] Task {
public:
  using promise_type = detail::TaskPromise<T>;
  using StorageType = detail::lift_unit_t<T>;

  Task(Task &&t) noexcept;
  Task(const Task &) = delete;
  Task &operator=(Task t) noexcept;
  ~Task();

  SemiFuture<StorageType> semi() &&;
  TaskWithExecutor<T> scheduleOn(Executor::KeepAlive<> executor) && noexcept;
  Future<StorageType> start() &&;

  // Only an rvalue may be awaited: `co_await t` on an lvalue does not compile.
  detail::TaskAwaiter<T> operator co_await() && noexcept;
};

// Blocks the calling thread until the awaitable completes and returns its value.
template <typename T> T blockingWait(Task<T> &&task);
template <typename T> T blockingWait(TaskWithExecutor<T> &&task);
template <typename T> T blockingWait(SemiFuture<T> &&future);
template <typename T> T blockingWait(Future<T> &&future);

} // namespace folly::coro

#endif
