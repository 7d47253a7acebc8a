// An unmatched begin-comment is itself reported (an error of vtasklint-nolint), so suppressions
// never rot silently; the region it opened still suppresses nothing it should not.
#include <vtask.h>

vtask_t read_async(int fd);

void f(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // expect: vtask-double-await
  // NOLINTBEGIN(vtask-discarded) // expect: vtasklint-nolint
}
