// A zero-timeout wait_for polls (std-future profile: `wait_for(0s) == std::future_status::ready`
// is a completion query), so it does not block the coroutine; a real timeout does.
#include <chrono>
#include <future>
#include <vtask.hpp>

using namespace std::chrono_literals;

vt::vtask<int> poll_then_await(std::future<int> &f, vt::vtask<int> t) {
  if (f.wait_for(0s) == std::future_status::ready) /* quiet: a poll */
    co_return 1;
  if (f.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) /* quiet */
    co_return co_await t;
  co_return 0;
}

vt::vtask<int> real_timeout(std::future<int> &f) {
  if (f.wait_for(10ms) == std::future_status::ready) // expect: vtask-blocking-in-coroutine
    co_return 1;
  co_return 0;
}
