// Escapes: once a vtask's address is taken (passed to a function, stored through a pointer, kept
// in a pointer variable), the analysis cannot follow it and reports nothing more for that variable,
// for any rule. Flagged: the same bugs on a variable whose address is never taken, or a bug that
// happens entirely before the escape.
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <vtask.h>

vtask_t read_async(int fd);
void register_ptr(vtask_t *p);  /* may consume or re-initialise *p */
void reset_vtask(vtask_t *p);   /* may store a fresh vtask into *p */
void publish(vtask_t **slot, vtask_t *p);

/* ---- near misses ---- */

/* Quiet: after register_ptr(&t), t is out of our hands. */
void *address_passed(int fd) {
  vtask_t t = read_async(fd);
  register_ptr(&t);
  vtask_await(t);
  return vtask_await(t);
}

/* Quiet: reset_vtask(&t) may have stored a fresh operation in t. */
void *reinitialised_through_pointer(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  reset_vtask(&t);
  return vtask_await(t);
}

/* Quiet: the address is kept in a pointer; consumptions through it are not tracked. */
void *pointer_variable(int fd) {
  vtask_t t = read_async(fd);
  vtask_t *p = &t;
  vtask_await(*p);
  return vtask_await(t);
}

/* Quiet: the address is stored through a pointer (published to someone else). */
void *stored_through_pointer(int fd, vtask_t **slot) {
  vtask_t t = read_async(fd);
  *slot = &t;
  vtask_await(t);
  return vtask_await(t);
}

/* Quiet: the address goes to a function along with other arguments. */
bool address_among_arguments(int fd, vtask_t **slot) {
  vtask_t t = read_async(fd);
  publish(slot, &t);
  vtask_await(t);
  return vtask_is_completed(t);
}

/* Quiet: memcpy takes both addresses. */
void *memcpy_escape(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u;
  memcpy(&u, &t, sizeof t);
  vtask_await(u);
  return vtask_await(t);
}

/* ---- must be flagged ---- */

/* Another variable escapes; this one does not. */
void *other_variable_escapes(int fd) {
  vtask_t t = read_async(fd);
  vtask_t u = read_async(fd);
  register_ptr(&u);
  vtask_await(t);
  return vtask_await(t); // expect: vtask-double-await
}

/* The double await happens before the address is taken. */
void double_before_escape(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // expect: vtask-double-await
  register_ptr(&t);
}

/* The use after await happens before the address is taken. */
bool use_before_escape(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  bool r = vtask_is_completed(t); // expect: vtask-use-after-await
  reset_vtask(&t);
  return r;
}
