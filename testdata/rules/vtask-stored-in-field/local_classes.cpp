// Types defined inside a function body: their fields are checked like any other; their member
// functions (and lambdas inside them) must not disturb the lowering of the enclosing function.
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);

int with_local_class(int fd) {
  struct local {
    vt::vtask<int> pending; // expect: vtask-stored-in-field
    int ready() const {
      auto probe = [this] { return pending.is_completed(); };
      return probe() ? 1 : 0;
    }
  };
  struct plain {
    int n;
    int twice() const { return 2 * n; }
  };
  plain p{fd};
  return p.twice();
}

template <class T> int generic_local(T value) {
  struct holder {
    T v;
    auto get() const { return [&] { return v; }(); }
  };
  return holder{value}.get() ? 1 : 0;
}

int instantiate() { return generic_local(3) + with_local_class(1); }
