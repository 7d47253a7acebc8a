// vtask.hpp: the reference C++ API of single-use awaitables (spec section 2).
// Declarations plus just enough of the coroutine machinery for `co_await t` to type-check.
#ifndef VTASK_HPP
#define VTASK_HPP

#include <coroutine>

namespace vt {

template <class T> class task; // multi-use task: never tracked

template <class T> class [[nodiscard]] vtask {
public:
  bool is_completed() const noexcept;              // query
  bool is_completed_successfully() const noexcept; // query
  bool is_faulted() const noexcept;                // query
  bool is_canceled() const noexcept;               // query
  T get_result();                                  // get-result
  task<T> as_task();                               // transfer

  struct awaiter {
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<>) noexcept;
    T await_resume();
  };
  awaiter operator co_await() &&; // `co_await t` is await
  awaiter operator co_await() &;

  // A coroutine returning vt::vtask<T> needs a promise type.
  struct promise_type {
    vtask get_return_object() noexcept;
    std::suspend_never initial_suspend() noexcept;
    std::suspend_never final_suspend() noexcept;
    void return_value(T) noexcept;
    void unhandled_exception() noexcept;
  };
};

template <> class [[nodiscard]] vtask<void> {
public:
  bool is_completed() const noexcept;
  bool is_completed_successfully() const noexcept;
  bool is_faulted() const noexcept;
  bool is_canceled() const noexcept;
  void get_result();
  task<void> as_task();

  struct awaiter {
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume();
  };
  awaiter operator co_await() &&;
  awaiter operator co_await() &;

  struct promise_type {
    vtask get_return_object() noexcept;
    std::suspend_never initial_suspend() noexcept;
    std::suspend_never final_suspend() noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
  };
};

template <class T> class task {
public:
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
};

template <class T> vtask<T> from_result(T value); // create-completed

} // namespace vt

#endif
