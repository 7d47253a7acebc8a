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

/* A member call that depends on the template parameter is resolved by the member's name on the
 * tracked type: t.get_result() twice is a double consumption. */
template <class T> T twice_sync(vt::vtask<T> t) {
  if (!t.is_completed())
    return T{};
  T a = t.get_result();
  return a + t.get_result(); // expect: vtask-double-await
}

/* Quiet: the guard on the dependent query proves completion, and the result is taken once. */
template <class T> T guarded_once(vt::vtask<T> t) {
  if (t.is_completed())
    return t.get_result();
  return T{};
}
