// folly/Executor.h: a stand-in for folly::Executor and its KeepAlive token, for the `folly`
// profile's fixtures. Declarations only; not the library.
#ifndef VTL_STANDIN_FOLLY_EXECUTOR_H
#define VTL_STANDIN_FOLLY_EXECUTOR_H

namespace folly {
class Executor {
public:
  virtual ~Executor();
  virtual void add(void (*func)(void *), void *arg) = 0;

  template <typename ExecutorT = Executor> class KeepAlive {
  public:
    KeepAlive() = default;
    KeepAlive(const KeepAlive &other) noexcept;
    KeepAlive(KeepAlive &&other) noexcept;
    KeepAlive &operator=(const KeepAlive &other);
    KeepAlive &operator=(KeepAlive &&other);
    ~KeepAlive();
    ExecutorT *get() const;
  };

  template <typename ExecutorT> static KeepAlive<ExecutorT> getKeepAliveToken(ExecutorT *executor);
};
} // namespace folly

#endif
