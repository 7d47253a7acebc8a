/* No finding: each vtask consumed once (the failing mode builds this target). */
#include <vtask.h>

vtask_t ok_read_async(int fd);

void *ok_read(int fd) {
  vtask_t t = ok_read_async(fd);
  return vtask_await(t);
}
