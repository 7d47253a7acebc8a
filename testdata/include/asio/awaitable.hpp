// asio/awaitable.hpp: a stand-in for standalone Asio's coroutine API (asio::awaitable, co_spawn,
// use_awaitable, detached), for the `asio` profile's fixtures. Declarations only, mimicking the
// shape of the real API closely enough for `co_await` and co_spawn calls to type-check; it is not
// the library. boost/asio/awaitable.hpp declares the same in boost::asio.
#ifndef VTL_STANDIN_ASIO_AWAITABLE_HPP
#define VTL_STANDIN_ASIO_AWAITABLE_HPP

#include <coroutine>
#include <type_traits>

namespace asio {
#include "detail/awaitable_decls.inc"
} // namespace asio

#endif
