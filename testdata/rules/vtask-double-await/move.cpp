// vtask-double-await with std::move transfers in ordinary C++ functions: moving into a variable
// or a parameter consumes; a later move, as_task() or return is a second consumption. Near
// misses: moving back in (re-initialisation), a move in one exclusive branch, returning once.
#include <utility>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
void take(vt::vtask<int> t);      // no body: a transfer
void take_rref(vt::vtask<int> &&t); // no body: std::move into it is a transfer
struct Sink {
  void push(vt::vtask<int> t);    // no body: a transfer
};

void move_into_variable_then_as_task(int fd) {
  auto t = read_async(fd);
  auto u = std::move(t);
  (void)u.as_task();
  (void)t.as_task(); // expect: vtask-double-await
}

void move_into_parameter_twice(int fd) {
  auto t = read_async(fd);
  take(std::move(t));
  take(std::move(t)); // expect: vtask-double-await
}

void move_into_rvalue_reference_twice(int fd) {
  auto t = read_async(fd);
  take_rref(std::move(t));
  take_rref(std::move(t)); // expect: vtask-double-await
}

void move_into_method_then_as_task(Sink &s, int fd) {
  auto t = read_async(fd);
  s.push(std::move(t));
  (void)t.as_task(); // expect: vtask-double-await
}

vt::vtask<int> as_task_then_return(int fd) {
  auto t = read_async(fd);
  (void)t.as_task();
  return t; // expect: vtask-double-await
}

vt::vtask<int> move_then_return_moved(int fd) {
  auto t = read_async(fd);
  take(std::move(t));
  return std::move(t); // expect: vtask-double-await
}

void move_assign_then_move(int fd) {
  auto t = read_async(fd);
  vt::vtask<int> u = read_async(fd + 1);
  (void)u.as_task();
  u = std::move(t);
  (void)u.as_task();
  take(std::move(t)); // expect: vtask-double-await
}

void two_moves_one_call(int fd) {
  auto t = read_async(fd);
  auto both = [](vt::vtask<int> a, vt::vtask<int> b) { take(std::move(a)); take(std::move(b)); };
  both(std::move(t), std::move(t)); // expect: vtask-double-await
}

/* ---- near misses ---- */

/* Quiet: one move, then the new owner is consumed. */
void single_move(int fd) {
  auto t = read_async(fd);
  auto u = std::move(t);
  (void)u.as_task();
}

/* Quiet: moved out, then a fresh value moved back in before the next use. */
void move_back_in(int fd) {
  auto t = read_async(fd);
  take(std::move(t));
  t = read_async(fd);
  take(std::move(t));
}

/* Quiet: the move happens in one of two exclusive branches. */
void exclusive_moves(int fd, bool c) {
  auto t = read_async(fd);
  if (c)
    take(std::move(t));
  else
    (void)t.as_task();
}

/* Quiet: returned once. */
vt::vtask<int> return_once(int fd, bool c) {
  auto t = read_async(fd);
  if (c)
    return t;
  return std::move(t);
}

/* Quiet: a temporary passed straight on. */
void pass_temporary(int fd) {
  take(read_async(fd));
  take(read_async(fd));
}
