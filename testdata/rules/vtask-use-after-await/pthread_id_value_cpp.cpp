// vtask-use-after-await on a joined thread in C++: a helper that joins it through a reference is
// a join, so a pthread_kill after it is flagged. Near misses: the ID's value read after the join
// by a helper that only prints it (by value or through a const reference), bound to a number's
// const reference (std::map<unsigned long, int>::erase, std::remove): it still names the
// thread that was joined (see pthread_id_value.c).
#include <pthread.h>
#include <signal.h>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <vector>

void *run(void *arg);
static void join_ref(pthread_t &t) { pthread_join(t, nullptr); }
static void show(const pthread_t &t) { std::printf("%lu\n", (unsigned long)t); }
static void log_tid(pthread_t t) { std::printf("tid %lu\n", (unsigned long)t); }
static std::map<unsigned long, int> slots;
static std::vector<unsigned long> ids;

void kill_after_helper_join() {
  pthread_t t;
  pthread_create(&t, nullptr, run, nullptr);
  join_ref(t);
  pthread_kill(t, 0); // expect: vtask-use-after-await
}

void callback_after_join(const std::function<void(pthread_t)> &cb) {
  pthread_t t;
  pthread_create(&t, nullptr, run, nullptr);
  pthread_join(t, nullptr);
  // std::function's operator() takes the instantiation's unsigned long, no pthread_t
  cb(t); // expect-fixme: vtask-use-after-await
}

/* ---- near misses ---- */

void shown_after_helper_join() {
  pthread_t t;
  pthread_create(&t, nullptr, run, nullptr);
  join_ref(t);
  show(t);
  log_tid(t);
}

void erased_after_join() {
  pthread_t t;
  pthread_create(&t, nullptr, run, nullptr);
  slots[t] = 1;
  ids.push_back(t);
  pthread_join(t, nullptr);
  slots.erase(t);
  ids.erase(std::remove(ids.begin(), ids.end(), t), ids.end());
}
