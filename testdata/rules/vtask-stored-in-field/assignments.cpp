// vtask-stored-in-field, C++ assignments: into a member (this->, implicit this, obj.), a member
// array element, a namespace-scope global, a static data member, a function-local static
// (initialised or assigned). Near misses: locals, a lambda's by-copy capture (not a declared
// field), reference and pointer out-parameters, a moved-into local, members of non-vtask type.
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);

struct conn {
  vt::vtask<int> pending; // expect: vtask-stored-in-field
  vt::vtask<int> slots[2]; // expect: vtask-stored-in-field
  vt::vtask<int> *borrowed = nullptr;
  int fd = 0;

  void start() {
    pending = read_async(fd); // expect: vtask-stored-in-field
  }
  void start_explicit(vt::vtask<int> t) {
    this->pending = std::move(t); // expect: vtask-stored-in-field
  }
  void start_slot(int i) {
    slots[i] = read_async(fd + i); // expect: vtask-stored-in-field
  }
  void lend(vt::vtask<int> *p) {
    borrowed = p; /* quiet: a pointer member */
  }
};

namespace app {
vt::vtask<int> g_current;
}

void into_object(conn &c, vt::vtask<int> t) {
  c.pending = std::move(t); // expect: vtask-stored-in-field
}

void into_global(int fd) {
  app::g_current = read_async(fd); // expect: vtask-stored-in-field
}

int function_static_initialised(int fd) {
  static vt::vtask<int> cached = read_async(fd); // expect: vtask-stored-in-field
  return cached.is_completed() ? 1 : 0;
}

void function_static_assigned(vt::vtask<int> t) {
  static vt::vtask<int> last;
  last = std::move(t); // expect: vtask-stored-in-field
}

/* ---- near misses ---- */

/* Quiet: locals (declared, assigned, moved into). */
vt::vtask<int> locals(int fd) {
  vt::vtask<int> a = read_async(fd);
  vt::vtask<int> b;
  b = std::move(a);
  co_return co_await b;
}

/* Quiet: a by-copy lambda capture is not a declared field. */
vt::vtask<int> lambda_capture(int fd) {
  auto t = read_async(fd);
  auto probe = [t] { return t.is_completed(); };
  bool early = probe();
  int r = co_await t;
  co_return early ? r : -r;
}

/* Quiet: out-parameters hand the vtask to the caller. */
void out_reference(vt::vtask<int> &out, int fd) {
  out = read_async(fd);
}
void out_pointer(vt::vtask<int> *out, int fd) {
  *out = read_async(fd);
}

/* Quiet: non-vtask members of a struct that also holds a vtask. */
void other_members(conn &c) {
  c.fd = 3;
  c.borrowed = nullptr;
}
