// async_simple/coro/Lazy.h: a stand-in for async_simple's lazy coroutine API
// (async_simple::coro::Lazy, RescheduleLazy, syncAwait), for the `async-simple` profile's fixtures.
// Declarations only, mimicking the shape of the real API closely enough for `co_await`, via(),
// start() and syncAwait() to type-check; it is not the library.
#ifndef VTL_STANDIN_ASYNC_SIMPLE_CORO_LAZY_H
#define VTL_STANDIN_ASYNC_SIMPLE_CORO_LAZY_H

#include <coroutine>
#include <exception>
#include <type_traits>

namespace async_simple {

class Executor {
public:
  virtual ~Executor();
  virtual bool schedule(void (*func)(void *), void *arg) = 0;
};

template <typename T> class Try {
public:
  bool available() const noexcept;
  bool hasError() const;
  const std::exception_ptr &getException() const;
  T &value() &;
  T &&value() &&;
};
template <> class Try<void> {
public:
  bool available() const noexcept;
  bool hasError() const;
  const std::exception_ptr &getException() const;
  void value();
};

namespace coro {

template <typename T = void> class Lazy;
template <typename T = void> class RescheduleLazy;

namespace detail {
template <typename T> class LazyPromiseBase {
public:
  Lazy<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception() noexcept;
};
template <typename T> class LazyPromise : public LazyPromiseBase<T> {
public:
  template <typename V> void return_value(V &&value) noexcept(std::is_nothrow_constructible_v<T, V &&>);
};
template <> class LazyPromise<void> : public LazyPromiseBase<void> {
public:
  void return_void() noexcept;
};

template <typename T> struct ValueAwaiter {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> continuation) noexcept;
  T await_resume();
};
template <typename T> struct TryAwaiter {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> continuation) noexcept;
  Try<T> await_resume();
};
} // namespace detail

// Single-use: move-only; `co_await lazy` (an lvalue too) steals the coroutine handle, and
// via()/start() are rvalue-qualified.
template <typename T> class [[nodiscard]] Lazy {
public:
  using promise_type = detail::LazyPromise<T>;
  using Handle = std::coroutine_handle<promise_type>;
  using ValueType = T;

  Lazy(Lazy &&other) noexcept;
  Lazy(const Lazy &) = delete;
  Lazy &operator=(const Lazy &) = delete;
  Lazy &operator=(Lazy &&other) noexcept;
  ~Lazy();

  bool isReady() const;
  RescheduleLazy<T> via(Executor *ex) &&;
  // Bodies only because a lambda's type has no linkage (a declaration alone would not compile).
  template <typename F> void start(F &&callback) && { (void)callback; }
  template <typename F> void directlyStart(F &&callback, Executor *executor) && { (void)callback, (void)executor; }

  detail::TryAwaiter<T> coAwaitTry();
  detail::ValueAwaiter<T> operator co_await() &;
  detail::ValueAwaiter<T> operator co_await() &&;
};

template <typename T> class [[nodiscard]] RescheduleLazy {
public:
  RescheduleLazy(RescheduleLazy &&other) noexcept;
  RescheduleLazy(const RescheduleLazy &) = delete;
  ~RescheduleLazy();

  template <typename F> void start(F &&callback) && { (void)callback; }
  detail::ValueAwaiter<T> operator co_await() &&;
};

// Blocks the calling thread until the Lazy completes and returns its value.
template <typename LazyType>
typename std::remove_cvref_t<LazyType>::ValueType syncAwait(LazyType &&lazy);
template <typename LazyType>
typename std::remove_cvref_t<LazyType>::ValueType syncAwait(LazyType &&lazy, Executor *ex);

} // namespace coro
} // namespace async_simple

#endif
