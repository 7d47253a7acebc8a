// boost/asio/awaitable.hpp: a stand-in for Boost.Asio's coroutine API (boost::asio::awaitable,
// co_spawn, use_awaitable, detached), for the `asio` profile's fixtures: the same declarations as
// the asio/awaitable.hpp stand-in, in namespace boost::asio. Declarations only; not the library.
#ifndef VTL_STANDIN_BOOST_ASIO_AWAITABLE_HPP
#define VTL_STANDIN_BOOST_ASIO_AWAITABLE_HPP

#include <coroutine>
#include <type_traits>

namespace boost::asio {
#include "../../asio/detail/awaitable_decls.inc"
} // namespace boost::asio

#endif
