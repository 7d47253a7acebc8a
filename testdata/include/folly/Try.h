// folly/Try.h: a stand-in for folly::Try<T> (a value or an exception), for the `folly` profile's
// fixtures. Declarations only; not the library.
#ifndef VTL_STANDIN_FOLLY_TRY_H
#define VTL_STANDIN_FOLLY_TRY_H

#include <folly/Unit.h>

namespace folly {
template <class T> class Try {
public:
  using element_type = T;
  bool hasValue() const;
  bool hasException() const;
  T &value() &;
  T &&value() &&;
  const T &value() const &;
};
} // namespace folly

#endif
