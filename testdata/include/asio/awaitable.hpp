// asio/awaitable.hpp: a stand-in for standalone Asio's coroutine API (asio::awaitable, co_spawn,
// use_awaitable, detached), for the `asio` profile's fixtures. Declarations only, mimicking the
// shape of the real API closely enough for `co_await` and co_spawn calls to type-check; it is not
// the library. boost/asio/awaitable.hpp declares the same in boost::asio.
#ifndef VTL_STANDIN_ASIO_AWAITABLE_HPP
#define VTL_STANDIN_ASIO_AWAITABLE_HPP

#include <coroutine>
#include <type_traits>

namespace asio {

class any_io_executor {
public:
  any_io_executor() noexcept;
  any_io_executor(const any_io_executor &) noexcept;
  any_io_executor &operator=(const any_io_executor &) noexcept;
};

class io_context {
public:
  using executor_type = any_io_executor;
  io_context();
  executor_type get_executor() noexcept;
  unsigned long run();
  void stop();
};

template <class T, class Executor = any_io_executor> class awaitable;

namespace detail {
template <class T, class Executor> class awaitable_frame_base {
public:
  awaitable<T, Executor> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
};
template <class T, class Executor> class awaitable_frame : public awaitable_frame_base<T, Executor> {
public:
  void return_value(T value);
};
template <class Executor> class awaitable_frame<void, Executor> : public awaitable_frame_base<void, Executor> {
public:
  void return_void();
};
} // namespace detail

// Single-use: move-only; awaiting it consumes the coroutine frame. (The real library's promise
// takes the awaitable by value in await_transform, so there only `co_await std::move(a)` and
// `co_await f()` compile; this stand-in has no await_transform and also accepts `co_await a`.)
template <class T, class Executor> class [[nodiscard]] awaitable {
public:
  using value_type = T;
  using executor_type = Executor;
  using promise_type = detail::awaitable_frame<T, Executor>;

  constexpr awaitable() noexcept;
  awaitable(awaitable &&other) noexcept;
  awaitable(const awaitable &) = delete;
  awaitable &operator=(const awaitable &) = delete;
  awaitable &operator=(awaitable &&other) noexcept;
  ~awaitable();

  bool valid() const noexcept;

  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<> h);
  T await_resume();
};

struct detached_t {
  constexpr detached_t() noexcept {}
};
inline constexpr detached_t detached;

template <class Executor = any_io_executor> struct use_awaitable_t {
  constexpr use_awaitable_t() noexcept {}
};
inline constexpr use_awaitable_t<> use_awaitable;

namespace detail {
template <class Token, class T> struct co_spawn_result {
  using type = void;
};
template <class Executor, class T> struct co_spawn_result<use_awaitable_t<Executor>, T> {
  using type = awaitable<T, Executor>;
};
} // namespace detail

// co_spawn takes the awaitable by value: `co_spawn(ex, std::move(a), token)` transfers it.
template <class Executor, class T, class AwaitableExecutor, class CompletionToken>
auto co_spawn(const Executor &ex, awaitable<T, AwaitableExecutor> a, CompletionToken &&token) ->
    typename detail::co_spawn_result<std::remove_cvref_t<CompletionToken>, T>::type;

} // namespace asio

#endif
