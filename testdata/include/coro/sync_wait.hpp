// coro/sync_wait.hpp: a stand-in for libcoro's coro::sync_wait, for the `libcoro` profile's
// fixtures. Declarations only; not the library. Blocks the calling thread until the awaitable
// completes and returns its result.
#ifndef VTL_STANDIN_CORO_SYNC_WAIT_HPP
#define VTL_STANDIN_CORO_SYNC_WAIT_HPP

#include <utility>

namespace coro {

template <typename awaitable_type>
auto sync_wait(awaitable_type &&a) -> decltype(std::declval<awaitable_type &&>().operator co_await().await_resume());

} // namespace coro

#endif
