// Suppression comments, clang-tidy style: NOLINT on the line, NOLINTNEXTLINE on the line before,
// NOLINTBEGIN/NOLINTEND regions; a list names rules by glob, no list means every rule, an empty
// list or another rule's name suppresses nothing.
#include <vtask.h>

vtask_t read_async(int fd);

void same_line(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // NOLINT(vtask-double-await)
}

void same_line_all(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // NOLINT
}

void same_line_glob(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); /* NOLINT(vtask-double-*) */
}

void next_line(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  // NOLINTNEXTLINE(vtask-double-await)
  vtask_await(t);
}

void region(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  // NOLINTBEGIN(vtask-double-await)
  vtask_await(t);
  // NOLINTEND(vtask-double-await)
}

void other_rule(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // NOLINT(vtask-discarded) // expect: vtask-double-await
}

void empty_list(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // NOLINT() // expect: vtask-double-await
}

void negative_glob_ignored(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  vtask_await(t); // NOLINT(-vtask-double-await) // expect: vtask-double-await
}

void next_line_too_far(int fd) {
  vtask_t t = read_async(fd);
  vtask_await(t);
  // NOLINTNEXTLINE(vtask-double-await)

  vtask_await(t); // expect: vtask-double-await
}

void not_in_a_comment(int fd) {
  vtask_t t = read_async(fd);
  const char *s = "NOLINT";
  vtask_await(t);
  (void)s;vtask_await(t); // expect: vtask-double-await
}
