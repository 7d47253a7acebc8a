// concurrencpp/concurrencpp.h: a stand-in for concurrencpp's result types (result, lazy_result,
// shared_result, result_status), for the `concurrencpp` profile's fixtures. Declarations only,
// mimicking the shape of the real API closely enough for `co_await`, get(), wait*(), resolve()
// and run() to type-check; it is not the library.
#ifndef VTL_STANDIN_CONCURRENCPP_H
#define VTL_STANDIN_CONCURRENCPP_H

#include <chrono>
#include <coroutine>
#include <exception>

namespace concurrencpp {

enum class result_status { idle, value, exception };

template <class type> class result;
template <class type> class lazy_result;
template <class type> class shared_result;

namespace details {
template <class type> struct result_awaitable {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<> caller_handle);
  type await_resume();
};
template <class type> struct resolve_awaitable {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<> caller_handle);
  result<type> await_resume() noexcept;
};
template <class type> struct lazy_awaitable {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller_handle);
  type await_resume();
};
template <class type> struct lazy_resolve_awaitable {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller_handle);
  lazy_result<type> await_resume() noexcept;
};
template <class type> struct shared_awaitable {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<> caller_handle);
  const type &await_resume();
};

template <class Result, class type> struct promise_base {
  Result get_return_object() noexcept;
  std::suspend_never initial_suspend() const noexcept;
  std::suspend_never final_suspend() const noexcept;
  void unhandled_exception() noexcept;
  template <class... argument_types> void return_value(argument_types &&...arguments);
};
template <class Result> struct promise_base<Result, void> {
  Result get_return_object() noexcept;
  std::suspend_never initial_suspend() const noexcept;
  std::suspend_never final_suspend() const noexcept;
  void unhandled_exception() noexcept;
  void return_void() noexcept;
};
template <class type> struct lazy_promise : promise_base<lazy_result<type>, type> {
  std::suspend_always initial_suspend() const noexcept;
};
} // namespace details

// Single-use, eager: move-only; get() blocks and empties it, `co_await r` (an lvalue too) and
// resolve() move its state out.
template <class type> class [[nodiscard]] result {
public:
  using value_type = type;
  using promise_type = details::promise_base<result<type>, type>;

  result() noexcept = default;
  result(result &&rhs) noexcept = default;
  result(const result &) = delete;
  result &operator=(const result &) = delete;
  result &operator=(result &&rhs) noexcept;
  ~result() noexcept;

  explicit operator bool() const noexcept;
  result_status status() const;

  void wait();
  template <class duration_unit, class ratio>
  result_status wait_for(std::chrono::duration<duration_unit, ratio> duration);
  template <class clock, class duration>
  result_status wait_until(std::chrono::time_point<clock, duration> timeout_time);

  type get();

  details::result_awaitable<type> operator co_await();
  details::resolve_awaitable<type> resolve();
};

// Single-use, lazy: runs when awaited, resolved or run().
template <class type> class [[nodiscard]] lazy_result {
public:
  using value_type = type;
  using promise_type = details::lazy_promise<type>;

  lazy_result() noexcept = default;
  lazy_result(lazy_result &&rhs) noexcept;
  lazy_result(const lazy_result &) = delete;
  lazy_result &operator=(const lazy_result &) = delete;
  lazy_result &operator=(lazy_result &&rhs) noexcept;
  ~lazy_result() noexcept;

  explicit operator bool() const noexcept;
  result_status status() const;

  details::lazy_awaitable<type> operator co_await();
  details::lazy_resolve_awaitable<type> resolve();
  result<type> run();
};

// Multi-use: copyable; every copy may get()/await the one value.
template <class type> class shared_result {
public:
  shared_result() noexcept = default;
  shared_result(result<type> rhs);
  shared_result(const shared_result &rhs) noexcept = default;
  shared_result(shared_result &&rhs) noexcept = default;
  shared_result &operator=(const shared_result &rhs) noexcept;
  shared_result &operator=(shared_result &&rhs) noexcept;
  ~shared_result() noexcept;

  explicit operator bool() const noexcept;
  result_status status() const;

  void wait();
  template <class duration_type, class ratio_type>
  result_status wait_for(std::chrono::duration<duration_type, ratio_type> duration);
  template <class clock_type, class duration_type>
  result_status wait_until(std::chrono::time_point<clock_type, duration_type> timeout_time);

  const type &get();

  details::shared_awaitable<type> operator co_await();
};

} // namespace concurrencpp

#endif
