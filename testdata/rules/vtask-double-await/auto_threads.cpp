// vtask-double-await on a pthread_t declared `auto`: a thread is a typedef of an integer, so
// only the spelling says it is one, and an `auto` deduced from a pthread_t says it through the
// typedef it stands for; a range-for's `auto` element of a std::vector<pthread_t> (rocksdb's
// env_posix.cc joins `for (const auto tid : threads_to_join_)`) through the range's type as
// written. Near misses: one join per element, an element that only holds a thread (a pair),
// an `auto` integer.
#include <pthread.h>
#include <utility>
#include <vector>

void *run(void *arg);

void auto_copy(pthread_t a) {
  auto t = a;
  pthread_join(t, nullptr);
  pthread_join(t, nullptr); // expect: vtask-double-await
}

void const_auto_created() {
  pthread_t a;
  pthread_create(&a, nullptr, run, nullptr);
  const auto t = a;
  pthread_join(t, nullptr);
  pthread_join(t, nullptr); // expect: vtask-double-await
}

void range_for_auto(std::vector<pthread_t> &threads) {
  for (const auto tid : threads) {
    pthread_join(tid, nullptr);
    pthread_join(tid, nullptr); // expect: vtask-double-await
  }
}

void range_for_auto_ref(std::vector<pthread_t> &threads) {
  for (auto &tid : threads) {
    pthread_detach(tid);
    pthread_join(tid, nullptr); // expect: vtask-double-await
  }
}

void subscript_auto(std::vector<pthread_t> &threads) {
  auto tid = threads[0]; // deduced from std::vector<unsigned long>::reference: no pthread_t left
  pthread_join(tid, nullptr);
  pthread_join(tid, nullptr); // expect-fixme: vtask-double-await
}

/* ---- near misses ---- */

void join_each(std::vector<pthread_t> &threads) {
  for (const auto tid : threads)
    pthread_join(tid, nullptr);
  for (auto &tid : threads)
    tid = 0;
}

void pairs(std::vector<std::pair<int, pthread_t>> &named) {
  for (const auto &p : named)
    pthread_join(p.second, nullptr);
}

unsigned long plain(unsigned long x) {
  auto y = x;
  return y + 1;
}
