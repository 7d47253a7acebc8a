// vtask-double-await through a range-for's element: `for (auto &w : workers)` names another
// worker in each round, so joining w.tid once per round is quiet. Twice in one round is a bug
// the analysis no longer follows: a path from a variable declared anew in each round is not
// tracked at all (a known gap).
#include <pthread.h>
#include <vector>

struct Worker {
  pthread_t tid;
};

void twice_in_a_round(std::vector<Worker> &ws) {
  for (auto &w : ws) {
    pthread_join(w.tid, nullptr);
    pthread_join(w.tid, nullptr); // expect-fixme: vtask-double-await
  }
}

/* ---- near misses ---- */

void join_each(std::vector<Worker> &ws) {
  for (Worker &w : ws)
    pthread_join(w.tid, nullptr);
}

void join_each_auto(std::vector<Worker> &ws) {
  for (auto &w : ws)
    pthread_join(w.tid, nullptr);
}

void join_each_array(Worker (&ws)[4]) {
  for (auto &w : ws)
    pthread_join(w.tid, nullptr);
}
