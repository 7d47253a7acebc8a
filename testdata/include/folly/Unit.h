// folly/Unit.h: a stand-in for folly::Unit (the value type of a future of "nothing"), for the
// `folly` profile's fixtures. Not the library.
#ifndef VTL_STANDIN_FOLLY_UNIT_H
#define VTL_STANDIN_FOLLY_UNIT_H

namespace folly {
struct Unit {
  constexpr bool operator==(const Unit &) const { return true; }
};
inline constexpr Unit unit{};
} // namespace folly

#endif
