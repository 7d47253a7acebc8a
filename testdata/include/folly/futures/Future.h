// folly/futures/Future.h: a stand-in for folly's futures (folly::SemiFuture<T>, folly::Future<T>),
// for the `folly` profile's fixtures. Declarations only, mimicking the shape of the real API
// (rvalue-qualified consumers, `get() &` deleted) closely enough to type-check; not the library.
#ifndef VTL_STANDIN_FOLLY_FUTURES_FUTURE_H
#define VTL_STANDIN_FOLLY_FUTURES_FUTURE_H

#include <chrono>
#include <type_traits>

#include <folly/Executor.h>
#include <folly/Try.h>
#include <folly/Unit.h>

namespace folly {

template <class T> class Future;

using HighResDuration = std::chrono::nanoseconds;

// Single-use: move-only; via() and get() are rvalue-qualified and invalidate it.
template <class T> class [[nodiscard]] SemiFuture {
public:
  using value_type = T;

  static SemiFuture<T> makeEmpty();
  SemiFuture(SemiFuture &&other) noexcept;
  SemiFuture(const SemiFuture &) = delete;
  SemiFuture &operator=(const SemiFuture &) = delete;
  SemiFuture &operator=(SemiFuture &&other) noexcept;
  ~SemiFuture();

  bool valid() const noexcept;
  bool isReady() const;
  bool hasValue() const;
  bool hasException() const;

  T &value() &;
  const T &value() const &;
  T &&value() &&;
  Try<T> &result() &;
  const Try<T> &result() const &;
  Try<T> &&result() &&;

  Future<T> via(Executor::KeepAlive<> executor) &&;

  T get() &&;
  T get(HighResDuration dur) &&;
  T get() & = delete;
  Try<T> getTry() &&;

  SemiFuture<T> &wait() &;
  SemiFuture<T> &&wait() &&;
  SemiFuture<T> &wait(HighResDuration dur) &;
};

// Single-use: move-only; then*(), semi() and get() are rvalue-qualified and invalidate it.
template <class T> class [[nodiscard]] Future {
public:
  using value_type = T;

  static Future<T> makeEmpty();
  Future(Future &&other) noexcept;
  Future(const Future &) = delete;
  Future &operator=(const Future &) = delete;
  Future &operator=(Future &&other) noexcept;
  ~Future();

  bool valid() const noexcept;
  bool isReady() const;
  bool hasValue() const;
  bool hasException() const;

  T &value() &;
  const T &value() const &;
  T &&value() &&;
  Try<T> &result() &;
  const Try<T> &result() const &;
  Try<T> &&result() &&;

  // Bodies only because a lambda's type has no linkage (a declaration alone would not compile).
  template <typename F> Future<std::invoke_result_t<F, T &&>> thenValue(F &&func) && {
    (void)func;
    return Future<std::invoke_result_t<F, T &&>>::makeEmpty();
  }
  template <typename F> Future<std::invoke_result_t<F, Try<T> &&>> thenTry(F &&func) && {
    (void)func;
    return Future<std::invoke_result_t<F, Try<T> &&>>::makeEmpty();
  }
  Future<T> via(Executor::KeepAlive<> executor) &&;
  SemiFuture<T> semi() &&;

  T get() &&;
  T get(HighResDuration dur) &&;
  T get() & = delete;
  Try<T> getTry() &&;

  Future<T> &wait() &;
  Future<T> &&wait() &&;
  Future<T> &wait(HighResDuration dur) &;
};

template <class T> SemiFuture<std::decay_t<T>> makeSemiFuture(T &&t);
template <class T> Future<std::decay_t<T>> makeFuture(T &&t);

} // namespace folly

#endif
