// coro/task.hpp: a stand-in for libcoro's coro::task<T>, for the `libcoro` profile's fixtures.
// Declarations only, mimicking the shape of the real API closely enough for `co_await`,
// is_ready() and promise().result() to type-check; not the library. As in cppcoro, a completed
// task may be awaited again; `co_await std::move(t)` moves the result out. For convenience this
// header also brings in coro::sync_wait (coro/sync_wait.hpp), as the real coro/coro.hpp does.
#ifndef VTL_STANDIN_CORO_TASK_HPP
#define VTL_STANDIN_CORO_TASK_HPP

#include <coroutine>
#include <exception>

namespace coro {

template <typename return_type = void> class task;

namespace detail {
struct promise_base {
  std::suspend_always initial_suspend() noexcept;
  struct final_awaitable {
    bool await_ready() const noexcept;
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> coroutine) noexcept;
    void await_resume() noexcept;
  };
  final_awaitable final_suspend() noexcept;
  void unhandled_exception();
};
template <typename return_type> struct promise final : public promise_base {
  using task_type = task<return_type>;
  task_type get_return_object() noexcept;
  template <typename value_type> void return_value(value_type &&value);
  // Throws if the task has not completed (never run, or still running).
  return_type &result() &;
  const return_type &result() const &;
  return_type &&result() &&;
};
template <> struct promise<void> : public promise_base {
  using task_type = task<void>;
  task_type get_return_object() noexcept;
  void return_void() noexcept;
  void result();
};
template <typename R> struct awaitable {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting_coroutine) noexcept;
  R await_resume();
};
} // namespace detail

template <typename return_type> class [[nodiscard]] task {
public:
  using task_type = task<return_type>;
  using promise_type = detail::promise<return_type>;
  using coroutine_handle = std::coroutine_handle<promise_type>;

  task() noexcept;
  explicit task(coroutine_handle handle);
  task(const task &) = delete;
  task(task &&other) noexcept;
  ~task();
  task &operator=(const task &) = delete;
  task &operator=(task &&other) noexcept;

  bool is_ready() const noexcept;
  bool resume();
  bool destroy();

  detail::awaitable<return_type &> operator co_await() const & noexcept;
  detail::awaitable<return_type &&> operator co_await() const && noexcept;

  promise_type &promise() &;
  const promise_type &promise() const &;
  promise_type &&promise() &&;

  coroutine_handle handle();
};

template <> class [[nodiscard]] task<void> {
public:
  using task_type = task<void>;
  using promise_type = detail::promise<void>;
  using coroutine_handle = std::coroutine_handle<promise_type>;

  task() noexcept;
  explicit task(coroutine_handle handle);
  task(const task &) = delete;
  task(task &&other) noexcept;
  ~task();
  task &operator=(const task &) = delete;
  task &operator=(task &&other) noexcept;

  bool is_ready() const noexcept;
  bool resume();
  bool destroy();

  detail::awaitable<void> operator co_await() const & noexcept;
  detail::awaitable<void> operator co_await() const && noexcept;

  promise_type &promise() &;
  const promise_type &promise() const &;
  promise_type &&promise() &&;

  coroutine_handle handle();
};

} // namespace coro

#include <coro/sync_wait.hpp>

#endif
