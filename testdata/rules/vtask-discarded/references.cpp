// Calls that return a reference to a vtask create nothing: dropping their result is not a
// discarded vtask, however the reference type is spelled (std::vector::emplace_back returns the
// typedef `reference`).
#include <optional>
#include <vector>
#include <vtask.hpp>

vt::vtask<int> read_async(int fd);
using vref = vt::vtask<int> &;
vref slot();
vt::vtask<int> &plain_slot();

void containers(std::vector<vt::vtask<int>> &v, std::optional<vt::vtask<int>> &o, int fd) {
  v.emplace_back(read_async(fd)); /* quiet: returns `reference` */
  o.emplace(read_async(fd));      /* quiet: returns T& */
  slot();                         /* quiet: a typedef of a reference */
  plain_slot();                   /* quiet: a plain reference */
}

void really_dropped(int fd) {
  read_async(fd); // expect: vtask-discarded
}
