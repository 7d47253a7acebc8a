// cppcoro/task.hpp: a stand-in for cppcoro::task<T>, for the `cppcoro` profile's fixtures.
// Declarations only, mimicking the shape of the real API closely enough for `co_await` (of an
// lvalue and of an rvalue) to type-check; not the library. A completed task caches its result,
// so awaiting it again sequentially is legal; `co_await std::move(t)` moves the result out.
#ifndef VTL_STANDIN_CPPCORO_TASK_HPP
#define VTL_STANDIN_CPPCORO_TASK_HPP

#include <coroutine>
#include <exception>

namespace cppcoro {

template <typename T = void> class task;

namespace detail {
class task_promise_base {
public:
  std::suspend_always initial_suspend() noexcept;
  struct final_awaitable {
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<> coroutine) noexcept;
    void await_resume() noexcept;
  };
  final_awaitable final_suspend() noexcept;
};
template <typename T> class task_promise final : public task_promise_base {
public:
  task<T> get_return_object() noexcept;
  void unhandled_exception() noexcept;
  template <typename VALUE> void return_value(VALUE &&value);
  T &result() &;
  T &&result() &&;
};
template <> class task_promise<void> final : public task_promise_base {
public:
  task<void> get_return_object() noexcept;
  void unhandled_exception() noexcept;
  void return_void() noexcept;
  void result();
};

template <typename R> struct task_awaitable {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaitingCoroutine) noexcept;
  R await_resume();
};
} // namespace detail

template <typename T> class [[nodiscard]] task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task() noexcept;
  task(task &&t) noexcept;
  task(const task &) = delete;
  task &operator=(const task &) = delete;
  task &operator=(task &&other) noexcept;
  ~task();

  bool is_ready() const noexcept;

  detail::task_awaitable<T &> operator co_await() const & noexcept;
  detail::task_awaitable<T &&> operator co_await() const && noexcept;
  detail::task_awaitable<void> when_ready() const noexcept;
};

template <> class [[nodiscard]] task<void> {
public:
  using promise_type = detail::task_promise<void>;
  using value_type = void;

  task() noexcept;
  task(task &&t) noexcept;
  task(const task &) = delete;
  task &operator=(const task &) = delete;
  task &operator=(task &&other) noexcept;
  ~task();

  bool is_ready() const noexcept;

  detail::task_awaitable<void> operator co_await() const & noexcept;
  detail::task_awaitable<void> operator co_await() const && noexcept;
  detail::task_awaitable<void> when_ready() const noexcept;
};

} // namespace cppcoro

#endif
