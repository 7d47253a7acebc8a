// cppcoro/sync_wait.hpp: a stand-in for cppcoro::sync_wait, for the `cppcoro` profile's fixtures.
// Declarations only; not the library. Blocks the calling thread until the awaitable completes.
#ifndef VTL_STANDIN_CPPCORO_SYNC_WAIT_HPP
#define VTL_STANDIN_CPPCORO_SYNC_WAIT_HPP

#include <utility>

namespace cppcoro {

template <typename AWAITABLE> struct awaitable_traits {
  using await_result_t = decltype(std::declval<AWAITABLE>().operator co_await().await_resume());
};

template <typename AWAITABLE>
auto sync_wait(AWAITABLE &&awaitable) -> typename awaitable_traits<AWAITABLE &&>::await_result_t;

} // namespace cppcoro

#endif
