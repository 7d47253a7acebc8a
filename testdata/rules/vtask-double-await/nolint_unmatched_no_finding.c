// An unmatched begin-comment is reported even in a file where no finding lands: the
// suppression's problems do not wait for a diagnostic to look at the file's comments.
#include <vtask.h>

vtask_t read_async(int fd);

void f(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t); // consumed once: nothing to report
  // NOLINTBEGIN(vtask-double-await) // expect: vtasklint-nolint
}
