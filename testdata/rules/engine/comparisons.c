// Comparisons between scalar locals, parameters and constants correlate branches as a flag
// does: `n > 0` and `n <= 0` are one condition and its negation (operand order and negation
// do not matter), so a vtask awaited on exactly one of the two is awaited once. A write to an
// operand forgets what the comparison said; comparisons that merely overlap do not correlate.
#include <stdbool.h>
#include <stddef.h>
#include <vtask.h>

vtask_t op(void);
int next(void);

void complementary(int n) {
  vtask_t t = op();
  if (n > 0)
    vtask_await(t);
  if (n <= 0)
    vtask_await(t);
}

void swapped_operands(int n) {
  vtask_t t = op();
  if (0 < n)
    vtask_await(t);
  if (n <= 0)
    vtask_await(t);
}

void two_variables(size_t len, size_t cap) {
  vtask_t t = op();
  if (len < cap)
    vtask_await(t);
  else if (len >= cap)
    vtask_await(t);
}

void equal_variables(int a, int b) {
  vtask_t t = op();
  if (a == b)
    vtask_await(t);
  if (b != a)
    vtask_await(t);
}

/* ---- still reported ---- */

void overlapping(int n) {
  vtask_t t = op();
  if (n > 0)
    vtask_await(t);
  if (n >= 0)
    vtask_await(t); // expect: vtask-double-await
}

void written_between(int n) {
  vtask_t t = op();
  if (n > 0)
    vtask_await(t);
  n = next();
  if (n <= 0)
    vtask_await(t); // expect: vtask-double-await
}

void incremented_between(int n) {
  vtask_t t = op();
  if (n < 1)
    vtask_await(t);
  n++;
  if (n >= 1)
    vtask_await(t); // expect: vtask-double-await
}

void address_taken_between(int n, void (*set)(int *)) {
  vtask_t t = op();
  if (n > 0)
    vtask_await(t);
  set(&n);
  if (n <= 0)
    vtask_await(t); // expect: vtask-double-await
}

/* A parameter written in a loop before its test in the text: each iteration's test is new. */
void loop_written_before_test(int n) {
  vtask_t t = op();
  for (int i = 0; i < 2; i++) {
    n = next();
    if (n > 0)
      vtask_await(t); // expect: vtask-double-await
  }
}
