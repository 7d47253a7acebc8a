// vtask-stored-in-field, C++ data members: a vt::vtask member (also through an alias, const,
// vtask<void>, an array), and a member whose type has a vtask as a template argument, however
// deep (optional, vector, array, pair, map, a user template, nested). Near misses: pointers,
// vt::task (multi-use), std::function and function pointers returning a vtask, std::future and
// std::shared_future (fields allowed by their profile), member functions and nested type aliases
// that mention vtask, a pointer as the template argument, static and local variables.
#include <array>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>
#include <vtask.hpp>

using pending_t = vt::vtask<int>;
template <class T> struct box {
  T value; /* quiet: a dependent type in the template itself; the user of box<vtask> is flagged */
};

struct direct {
  vt::vtask<int> t; // expect: vtask-stored-in-field
  vt::vtask<void> v; // expect: vtask-stored-in-field
  const vt::vtask<int> c; // expect: vtask-stored-in-field
  pending_t aliased; // expect: vtask-stored-in-field
  vt::vtask<int> arr[3]; // expect: vtask-stored-in-field
};

class with_access {
public:
  int id;

private:
  vt::vtask<int> pending_; // expect: vtask-stored-in-field
};

struct template_arguments {
  std::optional<vt::vtask<int>> maybe; // expect: vtask-stored-in-field
  std::vector<vt::vtask<int>> many; // expect: vtask-stored-in-field
  std::array<vt::vtask<int>, 2> fixed; // expect: vtask-stored-in-field
  std::pair<int, vt::vtask<int>> tagged; // expect: vtask-stored-in-field
  std::map<int, vt::vtask<void>> by_id; // expect: vtask-stored-in-field
  std::vector<std::optional<vt::vtask<int>>> nested; // expect: vtask-stored-in-field
  box<vt::vtask<int>> boxed; // expect: vtask-stored-in-field
  std::optional<pending_t> via_alias; // expect: vtask-stored-in-field
};

template <class T> struct generic_holder {
  vt::vtask<T> op; // expect: vtask-stored-in-field
};

/* ---- near misses ---- */

struct pointers {
  vt::vtask<int> *p;       /* quiet: a pointer does not hold the vtask */
  const pending_t *cp;     /* quiet */
  std::vector<vt::vtask<int> *> borrowed; /* quiet: pointers as the template argument */
};

struct multi_use {
  vt::task<int> task;                        /* quiet: vt::task is multi-use */
  std::shared_ptr<vt::task<int>> shared_task; /* quiet */
};

struct factories {
  std::function<vt::vtask<int>()> make;      /* quiet: a function that returns a vtask */
  std::function<void(vt::vtask<int>)> sink;  /* quiet: a function that takes a vtask */
  vt::vtask<int> (*make_ptr)(int);           /* quiet: function pointer */
  vt::vtask<int> (*table[2])(int);           /* quiet: array of function pointers */
};

struct futures {
  std::future<int> f;        /* quiet: the std-future profile allows fields */
  std::shared_future<int> s; /* quiet: multi-use */
};

struct api {
  vt::vtask<int> read(int n);                  /* quiet: a member function, not a field */
  static vt::vtask<int> open(const char *h);   /* quiet */
  using result_type = vt::vtask<int>;          /* quiet: a type alias, not a field */
  void consume(vt::vtask<int> t);              /* quiet: a parameter */
  int count;
};

/* Quiet: the same names as vt::vtask's members, on an unrelated type. */
struct lookalike {
  bool completed;
  int result;
};

/* Quiet: locals and parameters. */
int locals(vt::vtask<int> param) {
  vt::vtask<int> local = std::move(param);
  std::vector<vt::vtask<int>> pending;
  pending.push_back(std::move(local));
  return static_cast<int>(pending.size());
}

/* A static data member is storage in the class too (one per program). */
struct registry {
  static vt::vtask<int> current; // expect: vtask-stored-in-field
  static std::vector<vt::vtask<int>> queued; // expect: vtask-stored-in-field
  static vt::vtask<int> *borrowed; /* quiet: a pointer */
  static int count;                /* quiet: not a vtask */
};
