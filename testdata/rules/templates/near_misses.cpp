// Templates get the same events as their non-template twins: the near misses of
// template_static_cast_bool.cpp, template_discard_move_construct.cpp and
// template_wait_in_coroutine.cpp. A query inside a template does not hide a real double get,
// a construction from a value is not a creation, a creating call dropped inside a template is
// still dropped, and a blocking get outside a coroutine is not blocking one.
#include <asio/awaitable.hpp>
#include <concurrencpp/concurrencpp.h>
#include <utility>

void assert_true(bool);

template <class type> type get_twice(concurrencpp::result<type> result) {
  assert_true(static_cast<bool>(result));
  type a = result.get();
  return a + result.get(); // expect: vtask-double-await
}

template <class type> type get_once(concurrencpp::result<type> result) {
  if (static_cast<bool>(result))
    return result.get();
  return type();
}

template <class Executor> asio::awaitable<int, Executor> read_one(int fd);

template <class Executor> void drop_created(int fd) {
  read_one<Executor>(fd); // expect: vtask-discarded
}

template <class Executor> asio::awaitable<int, Executor> pass_on(asio::awaitable<int, Executor> x) {
  return asio::awaitable<int, Executor>(std::move(x));
}

template <class type> type blocking_outside_coroutine(concurrencpp::result<type> &res) {
  return res.get();
}
