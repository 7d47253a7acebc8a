// taskflow/taskflow.hpp: a stand-in for Taskflow's tf::Executor, for the std-future profile's
// fixtures. Declarations only; not the library. Executor::async runs a callable on the pool and
// returns a future that does not block when destroyed (the real one is tf::Future, a
// std::future); the work is waited for with wait_for_all().
#ifndef VTL_STANDIN_TASKFLOW_HPP
#define VTL_STANDIN_TASKFLOW_HPP

#include <functional>
#include <future>

namespace tf {

class Executor {
public:
  explicit Executor(unsigned workers = 4);
  std::future<void> async(std::function<void()> work);
  void wait_for_all();
};

} // namespace tf

#endif
