// Library note: a class whose job is to carry awaitables to the one place that consumes them may
// hold them in fields: an awaiter (await_ready/await_suspend/await_resume), a type with operator
// co_await or async_simple's coAwait, a coroutine promise type. An ordinary class that keeps one
// is still reported. From ../shared/repro/awaiter_machinery_fields.cpp (async_simple's
// Collect.h, asio's awaitable.hpp and co_spawn.hpp), with its near misses.
#include <async_simple/coro/Lazy.h>
#include <coroutine>
#include <optional>
#include <utility>
#include <vector>
#include <vtask.hpp>

using async_simple::coro::Lazy;

template <typename T> struct CollectAwaiter { // an awaiter: consumes _input in await_suspend
  std::vector<Lazy<T>> _input;
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<> continuation);
  std::vector<T> await_resume();
};

template <typename T> struct CollectAwaitable { // async_simple's coAwait protocol
  std::vector<Lazy<T>> _input;
  CollectAwaiter<T> coAwait(async_simple::Executor *) { return CollectAwaiter<T>{std::move(_input)}; }
};

struct Session { // an ordinary object keeping a single-use task: reported
  Lazy<int> pending_; // expect: vtask-stored-in-field
  void start();
};

/* Quiet: a one-shot adapter with operator co_await. */
struct timeout_awaitable {
  vt::vtask<int> inner;
  int ms;
  auto operator co_await() &&;
};

/* Quiet: an awaiter that is not a template. */
struct join_awaiter {
  std::optional<vt::vtask<int>> pending;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() { return 0; }
};

/* Quiet: an awaiter that takes its awaitable in a method: assigning it is its job. */
struct rearmable_awaiter {
  vt::vtask<int> inner;
  void arm(vt::vtask<int> next) { inner = std::move(next); }
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() { return 0; }
};

/* Quiet: a coroutine promise type keeps the continuation it will hand back. */
struct chained_promise {
  vt::vtask<void> continuation;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void get_return_object();
  void unhandled_exception();
};

/* ---- still reported ---- */

/* A method merely named like the protocol's words is not the protocol. */
struct job_queue {
  std::vector<vt::vtask<int>> jobs; // expect: vtask-stored-in-field
  void resume();
  void await_all();
};

/* Assigned into an ordinary object's field. */
struct holder {
  vt::vtask<int> slot; // expect: vtask-stored-in-field
  void put(vt::vtask<int> next) { slot = std::move(next); } // expect: vtask-stored-in-field
};

/* A class nested in an awaiter is its own class. */
struct outer_awaiter {
  struct state {
    vt::vtask<int> kept; // expect: vtask-stored-in-field
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume();
};
