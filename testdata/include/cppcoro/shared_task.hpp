// cppcoro/shared_task.hpp: a stand-in for cppcoro::shared_task<T>, for the fixtures: a copyable,
// multi-consumer task that any number of awaiters may await. Declarations only; not the library.
#ifndef VTL_STANDIN_CPPCORO_SHARED_TASK_HPP
#define VTL_STANDIN_CPPCORO_SHARED_TASK_HPP

#include <coroutine>
#include <exception>

#include <cppcoro/task.hpp>

namespace cppcoro {

template <typename T = void> class shared_task;

namespace detail {
template <typename T> struct shared_result_ref {
  using type = T &;
};
template <> struct shared_result_ref<void> {
  using type = void;
};
template <typename T> class shared_task_promise_base {
public:
  shared_task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception() noexcept;
};
template <typename T> class shared_task_promise : public shared_task_promise_base<T> {
public:
  template <typename VALUE> void return_value(VALUE &&value);
};
template <> class shared_task_promise<void> : public shared_task_promise_base<void> {
public:
  void return_void() noexcept;
};
} // namespace detail

template <typename T> class shared_task {
public:
  using promise_type = detail::shared_task_promise<T>;
  using value_type = T;

  shared_task() noexcept;
  shared_task(const shared_task &other) noexcept;
  shared_task(shared_task &&other) noexcept;
  shared_task &operator=(const shared_task &other) noexcept;
  shared_task &operator=(shared_task &&other) noexcept;
  ~shared_task();

  bool is_ready() const noexcept;

  detail::task_awaitable<typename detail::shared_result_ref<T>::type> operator co_await() const noexcept;
  detail::task_awaitable<void> when_ready() const noexcept;
};

template <typename T> shared_task<T> make_shared_task(task<T> t);

} // namespace cppcoro

#endif
