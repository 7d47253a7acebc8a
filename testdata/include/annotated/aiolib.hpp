// annotated/aiolib.hpp: a third-party-style C++ API whose single-use classes are described by
// annotations (spec section 4): [[clang::annotate("vtask::single_use")]] on the class, and on a
// method the role applies to the object it is called on (*this). Declarations only; fixtures
// under testdata/rules/annotations/ include this header.
#ifndef ANNOTATED_AIOLIB_HPP
#define ANNOTATED_AIOLIB_HPP

namespace aio {

class [[clang::annotate("vtask::single_use")]] op {
public:
  op(op &&) noexcept;
  op &operator=(op &&) noexcept;
  ~op();
  [[clang::annotate("vtask::await")]] int wait();
  [[clang::annotate("vtask::get_result")]] int result();
  [[clang::annotate("vtask::query")]] bool done() const;
  [[clang::annotate("vtask::transfer")]] void detach();
};

op start(int n);
[[clang::annotate("vtask::returns_completed")]] op ready(int value);
int await_op(op &&o [[clang::annotate("vtask::await")]]);

// A single-use class template: every specialisation is single-use.
template <class T> class [[clang::annotate("vtask::single_use")]] future {
public:
  future(future &&) noexcept;
  ~future();
  [[clang::annotate("vtask::await")]] T wait();
  [[clang::annotate("vtask::get_result")]] T result();
  [[clang::annotate("vtask::query")]] bool done() const;
};
template <class T> future<T> spawn(T value);

// Kept in members as a matter of course.
class [[clang::annotate("vtask::single_use")]]
[[clang::annotate("vtask::fields_allowed")]] stream_op {
public:
  stream_op(stream_op &&) noexcept;
  ~stream_op();
  [[clang::annotate("vtask::await")]] int wait();
};
stream_op open_stream(int fd);

// A look-alike: the same shape without annotations.
class plain_op {
public:
  plain_op(plain_op &&) noexcept;
  ~plain_op();
  int wait();
  int result();
  bool done() const;
};
plain_op plain_start(int n);

} // namespace aio

#endif
