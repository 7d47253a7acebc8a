// Function templates are analysed in their generic form: a dependent `co_await t` (operand plus
// an unresolved operator co_await) is still one await of t.
#include <utility>
#include <vtask.hpp>

template <class T> vt::vtask<T> twice(vt::vtask<T> t) {
  T a = co_await t;
  T b = co_await t; // expect: vtask-double-await
  co_return a + b;
}

template <class T> vt::vtask<T> once_each(vt::vtask<T> t, vt::vtask<T> u) {
  T a = co_await t; /* quiet: two distinct operations */
  T b = co_await u;
  co_return a + b;
}

template <class T> vt::vtask<T> moved_on(vt::vtask<T> t) {
  vt::vtask<T> u = std::move(t);
  co_return co_await u; /* quiet: t was moved, u awaited once */
}

vt::vtask<int> instantiate(vt::vtask<int> a, vt::vtask<int> b) { return once_each(std::move(a), std::move(b)); }
