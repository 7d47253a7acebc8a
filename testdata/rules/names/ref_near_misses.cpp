// References denote their referent's operation: the near misses of ref_param.cpp and
// range_for_ref.cpp. One await through any name is fine; a reference re-seated by assignment
// assigns the referent; a const reference only reads.
#include <future>
#include <vector>
#include <vtask.hpp>

vt::vtask<int> read_len(int fd);
int inspect(const vt::vtask<int> &t);

vt::vtask<int> once_through_ref(vt::vtask<int> &t) {
  int a = co_await t;
  co_return a;
}

vt::vtask<int> alias_then_original(int fd) {
  auto rd = read_len(fd);
  auto &alias = rd;
  int a = co_await alias;
  int b = co_await rd; // expect: vtask-double-await
  co_return a + b;
}

vt::vtask<int> alias_assigned(int fd) {
  auto rd = read_len(fd);
  auto &alias = rd;
  int a = co_await rd;
  alias = read_len(fd); // assigns rd: a fresh read
  int b = co_await rd;
  co_return a + b;
}

vt::vtask<int> const_ref_reads(int fd) {
  auto rd = read_len(fd);
  const auto &view = rd;
  inspect(view);
  co_return co_await rd;
}

int each_once(std::vector<std::future<int>> &pending) {
  int s = 0;
  for (auto &f : pending) {
    if (f.valid())
      s += f.get();
  }
  return s;
}

int each_twice(std::vector<std::future<int>> &pending) {
  int s = 0;
  for (auto &f : pending) {
    f.wait();
    s += f.get();
    s += f.get(); // expect: vtask-double-await
  }
  return s;
}
