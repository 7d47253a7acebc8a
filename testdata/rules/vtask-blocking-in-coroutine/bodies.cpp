// vtask-blocking-in-coroutine: what counts as a coroutine body. A function is a coroutine if its
// own body contains co_await, co_return or co_yield: co_return alone or co_yield alone is enough,
// member functions and lambdas count. A lambda or a local class inside a coroutine is a separate
// function: a blocking call there is judged by that function alone.
#include <coroutine>
#include <future>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
namespace cppcoro {
template <class A> auto sync_wait(A &&) -> int;
}
struct job {};
job make_job();

// A minimal generator so that co_yield type-checks.
struct generator {
  struct promise_type {
    generator get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    std::suspend_always yield_value(int) noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
  };
};

#define BLOCK_ON(f) ((f).get())

vt::vtask<int> only_co_return(std::future<int> f) {
  co_return f.get(); // expect: vtask-blocking-in-coroutine
}

generator only_co_yield(std::future<int> f) {
  co_yield f.get(); // expect: vtask-blocking-in-coroutine
}

struct service {
  std::future<int> f;
  vt::vtask<int> member_coroutine(int fd) {
    co_await read_async(fd);
    co_return f.get(); // expect: vtask-blocking-in-coroutine
  }
  int member_ordinary() { return f.get(); } /* quiet: not a coroutine */
};

int coroutine_lambda_in_ordinary_function(std::future<int> &f) {
  auto co = [&f]() -> vt::vtask<int> {
    co_await read_async(1);
    co_return f.get(); // expect: vtask-blocking-in-coroutine
  };
  (void)co;
  return 0;
}

vt::vtask<int> coroutine_lambda_in_coroutine(std::future<int> &f) {
  auto co = []() -> vt::vtask<int> { co_return cppcoro::sync_wait(make_job()); }; // expect: vtask-blocking-in-coroutine
  (void)co;
  co_return co_await read_async(0);
}

vt::vtask<int> through_macro(std::future<int> f) {
  co_await read_async(0);
  co_return BLOCK_ON(f); // expect: vtask-blocking-in-coroutine
}

/* ---- near misses ---- */

/* Quiet: a non-coroutine lambda inside a coroutine is a separate function. */
vt::vtask<int> plain_lambda_in_coroutine(std::future<int> &f) {
  auto blocking = [&f] { return f.get(); };
  auto sync = [] { return cppcoro::sync_wait(make_job()); };
  (void)blocking;
  (void)sync;
  co_return co_await read_async(0);
}

/* Quiet: a member function of a local class is a separate function. */
vt::vtask<int> local_class_in_coroutine(std::future<int> &f) {
  struct helper {
    static int run(std::future<int> &g) { return g.get(); }
  };
  (void)&helper::run;
  (void)f;
  co_return co_await read_async(0);
}

/* Quiet: the lambda is a coroutine, but the blocking call is in the enclosing ordinary function. */
int ordinary_function_with_coroutine_lambda(std::future<int> &f) {
  auto co = []() -> vt::vtask<int> { co_return co_await read_async(2); };
  (void)co;
  return f.get();
}
