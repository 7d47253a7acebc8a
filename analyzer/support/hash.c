/* hash.c: see hash.h. */
#include "analyzer/support/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

uint64_t hash_bytes(const void *p, size_t n) { return XXH3_64bits(p, n); }

int hash_file(const char *path, uint64_t *out) {
  /* O_NONBLOCK: opening a FIFO must not wait for a writer; only regular files are hashed. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return 0;
  }
  XXH3_state_t *xs = XXH3_createState();
  XXH3_64bits_reset(xs);
  char buf[65536];
  int ok = 1;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      ok = 0;
    if (n <= 0)
      break;
    XXH3_64bits_update(xs, buf, (size_t)n);
  }
  close(fd);
  *out = XXH3_64bits_digest(xs);
  XXH3_freeState(xs);
  return ok;
}
